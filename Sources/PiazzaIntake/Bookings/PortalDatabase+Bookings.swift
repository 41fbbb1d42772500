import Foundation
import GRDB

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
    }

    /// Stores a booking if its slot still has the seats, durably; the capacity rule of bookings.
    ///
    /// The seats already confirmed in the slot are summed and the row inserted inside one write
    /// transaction on the single writer (``GroupCommitter``), so concurrent bookings are counted one
    /// after the other and a slot never holds more than `capacity` seats. A confirmed booking of the
    /// same family in the slot (the same codice fiscale, or the same name and contact) makes the
    /// draft a repeat, checked in the same transaction: two simultaneous clicks give one booking.
    /// Returns once committed.
    ///
    /// - Parameter capacity: the slot's seats (``PiazzaContent/Slot/capacity``).
    /// - Throws: GRDB's error when the transaction fails; nothing is stored then.
    func storeBooking(_ draft: BookingDraft, capacity: Int) async throws -> BookingOutcome {
        let token = RandomToken.make()
        return try await committer.write { db in
            if let earlier = try Self.sameFamily(as: draft, in: db) { return .repeated(token: earlier) }
            let taken = try Self.seatsTaken(calendar: draft.calendarID, slot: draft.slotID, in: db)
            guard taken + draft.seats <= capacity else { return .full(seatsLeft: max(0, capacity - taken)) }
            var record = BookingRecord(
                token: token, calendarID: draft.calendarID, slotID: draft.slotID, seats: draft.seats, name: draft.name,
                contact: draft.contact, applicationNumber: draft.applicationNumber, fiscalCode: draft.fiscalCode,
                bookedAt: draft.bookedAt, state: .confirmed)
            try record.insert(db)
            return .stored(token: token)
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

    /// A booking by receipt token.
    func booking(token: String) async throws -> BookingRecord? {
        try await writer.read { db in
            try BookingRecord.filter(BookingRecord.Columns.token == token).fetchOne(db)
        }
    }

    /// Cancels a confirmed booking, freeing its seats; `false` when it was not confirmed (already
    /// cancelled, or no such token). The caller checks the cancellation deadline.
    func cancelBooking(token: String, at instant: Date) async throws -> Bool {
        try await committer.write { db in
            try db.execute(
                sql: "UPDATE bookings SET state = ?, cancelled_at = ? WHERE token = ? AND state = ?",
                arguments: [BookingState.cancelled, Timestamp.string(instant), token, BookingState.confirmed])
            return db.changesCount == 1
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

    /// The token of a confirmed booking in the draft's slot by the same family.
    private static func sameFamily(as draft: BookingDraft, in db: Database) throws -> String? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT token FROM bookings WHERE calendar_id = ? AND slot_id = ? AND state = ?
                AND ((name = ? AND contact = ?) OR fiscal_code = ?) LIMIT 1
                """)
        return try String.fetchOne(
            statement,
            arguments: [
                draft.calendarID, draft.slotID, BookingState.confirmed, draft.name, draft.contact, draft.fiscalCode,
            ])
    }

    private static func seatsTaken(calendar: String, slot: String, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: "SELECT COALESCE(SUM(seats), 0) FROM bookings WHERE calendar_id = ? AND slot_id = ? AND state = ?")
        return try Int.fetchOne(statement, arguments: [calendar, slot, BookingState.confirmed]) ?? 0
    }
}
