import Foundation
import GRDB
import Testing

@testable import PiazzaIntake

/// The capacity rule of bookings on an in-memory database: seats are counted inside the write
/// transaction, so concurrent bookings never overfill a slot.
@Suite("Booking storage")
final class BookingStorageTests {
    let uploadsFolder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-bookings-\(UUID())")

    init() throws {
        try FileManager.default.createDirectory(at: uploadsFolder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: uploadsFolder)
    }

    func database() throws -> PortalDatabase {
        try PortalDatabase(portalID: "prova", writer: try DatabaseQueue(), uploadsFolder: uploadsFolder)
    }

    static func draft(seats: Int = 1, slot: String = "2026-12-03T15:00-tutor-anna", name: String = "Maria Bianchi")
        -> BookingDraft
    {
        BookingDraft(
            calendarID: "resta-al-passo", slotID: slot, seats: seats, name: name, contact: "049 1234567",
            applicationNumber: nil, fiscalCode: nil, bookedAt: Date(timeIntervalSince1970: 1_795_000_000))
    }

    /// Stores `count` bookings of `seats` at once against a slot of `capacity` seats.
    static func race(_ database: PortalDatabase, count: Int, seats: Int, capacity: Int) async throws
        -> [PortalDatabase.BookingOutcome]
    {
        try await withThrowingTaskGroup(of: PortalDatabase.BookingOutcome.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await database.storeBooking(draft(seats: seats, name: "Famiglia \(index)"), capacity: capacity)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("200 concurrent bookings of a 3-seat slot store exactly 3 rows; the others are full", arguments: [1, 2])
    func concurrentBookings(seats: Int) async throws {
        let database = try database()
        let outcomes = try await Self.race(database, count: 200, seats: seats, capacity: 3)
        let stored = outcomes.filter { if case .stored = $0 { true } else { false } }
        #expect(stored.count == 3 / seats)
        #expect(outcomes.count - stored.count == 200 - 3 / seats)
        #expect(outcomes.allSatisfy { if case .full(let left) = $0 { left < seats } else { true } })
        let rows = try await database.writer.read { try BookingRecord.fetchAll($0) }
        #expect(rows.count == 3 / seats)
        #expect(
            try await database.seatsTaken(calendar: "resta-al-passo") == [
                "2026-12-03T15:00-tutor-anna": 3 / seats * seats
            ])
    }

    @Test("A cancelled booking frees its seats, once")
    func cancelFreesSeats() async throws {
        let database = try database()
        guard case .stored(let token) = try await database.storeBooking(Self.draft(seats: 3), capacity: 3) else {
            Issue.record("the first booking was not stored")
            return
        }
        #expect(try await database.storeBooking(Self.draft(name: "Anna Verdi"), capacity: 3) == .full(seatsLeft: 0))
        #expect(try await database.cancelBooking(token: token, capacity: 3, at: Date()) == [])
        #expect(try await database.cancelBooking(token: token, capacity: 3, at: Date()) == nil)
        #expect(try await database.booking(token: token)?.state == .cancelled)
        #expect(try await database.seatsTaken(calendar: "resta-al-passo").isEmpty)
        guard case .stored = try await database.storeBooking(Self.draft(seats: 2), capacity: 3) else {
            Issue.record("the freed seats were not bookable")
            return
        }
    }

    @Test(
        "The same family (name and contact; with an application, the application) twice in a slot is a repeat: the first booking's token, one row, at once too"
    )
    func repeatedBooking() async throws {
        let database = try database()
        let first = try await database.storeBooking(Self.draft(), capacity: 3)
        guard case .stored(let token) = first else {
            Issue.record("the first booking was not stored")
            return
        }
        let clicks = try await withThrowingTaskGroup(of: PortalDatabase.BookingOutcome.self) { group in
            for _ in 0..<5 { group.addTask { try await database.storeBooking(Self.draft(), capacity: 3) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(clicks.allSatisfy { $0 == .repeated(token: token) })
        var enrolment = Self.draft()
        (enrolment.name, enrolment.contact, enrolment.applicationNumber, enrolment.fiscalCode) = (
            "Mario Bianchi", "mario@example.it", "2026-0000001", "BNCLRA90A41H501F"
        )
        guard case .stored(let enrolled) = try await database.storeBooking(enrolment, capacity: 3) else {
            Issue.record("another family was refused")
            return
        }
        // The same application typed by someone else of the family: its booking.
        enrolment.name = "Maria Bianchi Rossi"
        #expect(try await database.storeBooking(enrolment, capacity: 3) == .repeated(token: enrolled))
        // The same parent's application for another child: a booking of its own (findings-s12 #3).
        enrolment.applicationNumber = "2026-0000007"
        guard case .stored = try await database.storeBooking(enrolment, capacity: 3) else {
            Issue.record("the second child's application was taken for the first's")
            return
        }
        #expect(try await database.seatsTaken(calendar: "resta-al-passo") == ["2026-12-03T15:00-tutor-anna": 3])
    }

    @Test("Seats are counted per slot")
    func seatsPerSlot() async throws {
        let database = try database()
        _ = try await database.storeBooking(Self.draft(seats: 3), capacity: 3)
        guard
            case .stored = try await database.storeBooking(Self.draft(slot: "2026-12-04T15:00-tutor-anna"), capacity: 3)
        else {
            Issue.record("another slot was refused")
            return
        }
    }
}
