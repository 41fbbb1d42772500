import Foundation
import GRDB
import PiazzaContent

extension PortalDatabase {
    /// What storing a booking gave.
    enum BookingOutcome: Sendable, Hashable {
        /// Stored and committed; the token of its receipt.
        case stored(token: String)
        /// Not stored: the same family already holds a booking in the slot (a double click, a resent
        /// form); the token of that booking's receipt.
        case repeated(token: String)
        /// Not stored: the slot has fewer seats left than asked for.
        case full(seatsLeft: Int)
        /// Not stored: the draft asks more seats than the children its accepted application enrols
        /// (``enrolledChildren(of:)``), which is given.
        case overEnrolment(children: Int)
        /// Stored on the slot's waiting list (the slot was full and the family asked to wait); the
        /// token of its receipt.
        case waiting(token: String)
    }

    /// Stores a booking if its slot still has the seats, durably; the capacity rule of bookings.
    ///
    /// The seats already confirmed in the slot are summed and the row inserted inside one write
    /// transaction on the single writer (``GroupCommitter``), so concurrent bookings are counted one
    /// after the other and a slot never holds more than `capacity` seats. A booking of the same family
    /// in the slot (``sameFamily(as:in:)``) makes the draft a repeat, checked in the same transaction:
    /// two simultaneous clicks give one booking. A draft naming an accepted application may ask at most
    /// the seats of the children it enrols (``enrolledChildren(of:)``; findings-s12 #8).
    /// Returns once committed.
    ///
    /// - Parameters:
    ///   - capacity: the slot's seats (``PiazzaContent/Slot/capacity``).
    ///   - orWait: whether a full slot stores the draft on its waiting list instead (the family asked
    ///     to join it, on a calendar with `waitlist`); with seats left the booking is confirmed anyway.
    ///     While anyone waits, the slot counts as full for newcomers: the seats go to the list in order.
    /// - Throws: GRDB's error when the transaction fails; nothing is stored then.
    func storeBooking(_ draft: BookingDraft, capacity: Int, orWait: Bool = false) async throws -> BookingOutcome {
        let token = RandomToken.make()
        return try await committer.write { db in
            if let earlier = try Self.sameFamily(as: draft, in: db) { return .repeated(token: earlier) }
            if let number = draft.applicationNumber,
                let answers = try StoredAnswers.fetchOne(
                    db, sql: "SELECT answers FROM applications WHERE number = ?", arguments: [number])
            {
                let children = Self.enrolledChildren(of: answers.application)
                if draft.seats > children { return .overEnrolment(children: children) }
            }
            // Seats a waiting family cannot use yet (it needs more) stay theirs: nobody overtakes the list.
            let free =
                try Self.hasWaiting(calendar: draft.calendarID, slot: draft.slotID, in: db)
                ? 0 : capacity - (try Self.seatsTaken(calendar: draft.calendarID, slot: draft.slotID, in: db))
            let fits = draft.seats <= free
            guard fits || orWait else { return .full(seatsLeft: max(0, free)) }
            var record = BookingRecord(
                token: token, calendarID: draft.calendarID, slotID: draft.slotID, seats: draft.seats, name: draft.name,
                contact: draft.contact, applicationNumber: draft.applicationNumber, fiscalCode: draft.fiscalCode,
                bookedAt: draft.bookedAt, state: fits ? .confirmed : .waiting)
            try record.insert(db)
            return fits ? .stored(token: token) : .waiting(token: token)
        }
    }

    /// Confirmed seats per slot id of a calendar; slots without bookings are absent.
    func seatsTaken(calendar: String) async throws -> [String: Int] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT slot_id, SUM(seats) FROM bookings
                    WHERE calendar_id = ? AND state = ? GROUP BY slot_id
                    """, arguments: [calendar, BookingState.confirmed])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int) })
        }
    }

    /// Seats a newcomer can book now per slot id of `calendar`, for every slot: its capacity less the
    /// confirmed seats, or 0 while anyone waits (``storeBooking(_:capacity:orWait:)``'s rule).
    func seatsLeft(in calendar: CalendarDefinition) async throws -> [String: Int] {
        // The rows become values inside the closure: `[Row]` is not Sendable, so returning it made the compiler
        // pick GRDB's synchronous `read`, which blocked a thread of the cooperative pool.
        let booked = try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT slot_id, SUM(CASE WHEN state = ? THEN seats ELSE 0 END), MAX(state = ?) FROM bookings
                    WHERE calendar_id = ? AND state IN (?, ?) GROUP BY slot_id
                    """,
                arguments: [
                    BookingState.confirmed, BookingState.waiting, calendar.id, BookingState.confirmed,
                    BookingState.waiting,
                ])
            return Dictionary(
                uniqueKeysWithValues: rows.map { ($0[0] as String, (taken: $0[1] as Int, queue: $0[2] as Bool)) })
        }
        return Dictionary(
            uniqueKeysWithValues: calendar.slots.map { slot in
                let state = booked[slot.id]
                return (slot.id, state?.queue == true ? 0 : max(0, slot.capacity - (state?.taken ?? 0)))
            })
    }

    /// A booking by receipt token.
    func booking(token: String) async throws -> BookingRecord? {
        try await writer.read { db in
            try BookingRecord.filter(BookingRecord.Columns.token == token).fetchOne(db)
        }
    }

    /// Cancels a confirmed or waiting booking, then promotes the slot's waiting list, in one write
    /// transaction: the waiting bookings are confirmed in order of arrival while the first in line
    /// fits in the seats left, so a slot never holds more than `capacity` seats and nobody is
    /// overtaken (a family of 2 first in line waits for 2 seats). The caller checks the deadline.
    ///
    /// - Parameter capacity: the seats of the booking's slot (``PiazzaContent/Slot/capacity``).
    /// - Returns: the tokens of the bookings promoted, in order; `nil` when the token names no
    ///   booking that is confirmed or waiting (already cancelled, or unknown).
    func cancelBooking(token: String, capacity: Int, at instant: Date) async throws -> [String]? {
        try await committer.write { db in
            guard
                let booking = try BookingRecord.filter(BookingRecord.Columns.token == token).fetchOne(db),
                booking.state != .cancelled
            else { return nil }
            try db.execute(
                sql: "UPDATE bookings SET state = ?, cancelled_at = ? WHERE id = ?",
                arguments: [BookingState.cancelled, Timestamp.string(instant), booking.id])
            return try Self.promoteWaiting(
                calendar: booking.calendarID, slot: booking.slotID, capacity: capacity, at: instant, in: db)
        }
    }

    /// Where a waiting booking stands on its slot's list: 1 for the first in line; `nil` when the
    /// booking is not waiting.
    func waitlistPosition(token: String) async throws -> Int? {
        try await writer.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM bookings AS other JOIN bookings AS mine
                    ON other.calendar_id = mine.calendar_id AND other.slot_id = mine.slot_id
                    WHERE mine.token = ? AND mine.state = ? AND other.state = ? AND other.id <= mine.id
                    """, arguments: [token, BookingState.waiting, BookingState.waiting]
            ).flatMap { $0 == 0 ? nil : $0 }
        }
    }

    /// Whether application `number` of form `form` was accepted (`accolta`) and names `fiscalCode`
    /// among its answers: who may book a calendar with `requires_form`.
    func hasAcceptedApplication(form: String, number: String, fiscalCode: String) async throws -> Bool {
        guard
            let answers = try await writer.read({ db in
                try StoredAnswers.fetchOne(
                    db, sql: "SELECT answers FROM applications WHERE number = ? AND form_id = ? AND state = ?",
                    arguments: [number, form, ApplicationState.accepted])
            })
        else { return false }
        return answers.application.answers.contains { $0.value == .text(fiscalCode) }
    }

    /// The token of a confirmed or waiting booking in the draft's slot by the same family: with an
    /// accepted application (`requires_form`), one of the same application, whoever typed it; on an open
    /// calendar, one with the same name and contact.
    ///
    /// The application, not the applicant's codice fiscale: a parent who enrolled each child with an
    /// application of their own books a seat for each, and the second booking is not the first's repeat
    /// (findings-s12 #3); the same application twice is one booking, as a resent form must be.
    private static func sameFamily(as draft: BookingDraft, in db: Database) throws -> String? {
        let sameFamily = draft.applicationNumber == nil ? "name = ? AND contact = ?" : "application_number = ?"
        let statement = try db.cachedStatement(
            sql: """
                SELECT token FROM bookings WHERE calendar_id = ? AND slot_id = ? AND state IN (?, ?)
                AND \(sameFamily) LIMIT 1
                """)
        let family: StatementArguments =
            draft.applicationNumber.map { [$0] } ?? [draft.name, draft.contact]
        return try String.fetchOne(
            statement,
            arguments: [draft.calendarID, draft.slotID, BookingState.confirmed, BookingState.waiting] + family)
    }

    /// How many children an accepted application enrols, the most seats a booking naming it may take:
    /// the rows of its repeatable group (the `studenti` of an enrolment; the largest, when the form has
    /// several), or 1 when the form has none (it enrols its applicant).
    static func enrolledChildren(of application: ValidatedApplication) -> Int {
        let rows = application.answers.map { answer in
            if case .rows(let rows) = answer.value { rows.count } else { 0 }
        }
        return max(1, rows.max() ?? 0)
    }

    /// Confirms the slot's waiting bookings in order of arrival while the first fits; their tokens.
    private static func promoteWaiting(calendar: String, slot: String, capacity: Int, at instant: Date, in db: Database)
        throws -> [String]
    {
        var free = capacity - (try seatsTaken(calendar: calendar, slot: slot, in: db))
        var promoted: [String] = []
        let waiting = try Row.fetchAll(
            db,
            sql:
                "SELECT id, token, seats FROM bookings WHERE calendar_id = ? AND slot_id = ? AND state = ? ORDER BY id",
            arguments: [calendar, slot, BookingState.waiting])
        for row in waiting {
            let seats: Int = row["seats"]
            guard seats <= free else { break }
            try db.execute(
                sql: "UPDATE bookings SET state = ?, promoted_at = ? WHERE id = ?",
                arguments: [BookingState.confirmed, Timestamp.string(instant), row["id"] as Int64])
            free -= seats
            promoted.append(row["token"])
        }
        return promoted
    }

    private static func hasWaiting(calendar: String, slot: String, in db: Database) throws -> Bool {
        let statement = try db.cachedStatement(
            sql: "SELECT EXISTS (SELECT 1 FROM bookings WHERE calendar_id = ? AND slot_id = ? AND state = ?)")
        return try Bool.fetchOne(statement, arguments: [calendar, slot, BookingState.waiting]) ?? false
    }

    private static func seatsTaken(calendar: String, slot: String, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: "SELECT COALESCE(SUM(seats), 0) FROM bookings WHERE calendar_id = ? AND slot_id = ? AND state = ?")
        return try Int.fetchOne(statement, arguments: [calendar, slot, BookingState.confirmed]) ?? 0
    }
}
