import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The waiting list of a full slot (PRODUCT.md §7): joined from the 409 page, promoted in order of
/// arrival by cancellations, never over the slot's seats, shown on the family's receipt.
@Suite("Waiting list of a full slot")
struct WaitlistTests {
    static let slot = "2026-06-03T15:00-tutor-anna"

    static func book(_ client: some TestClientProtocol, _ name: String, seats: Int = 1, waits: Bool = false)
        async throws -> TestResponse
    {
        var fields = BookingPostTests.fields([("nome", name), ("posti", String(seats))])
        if waits { fields.append(("attesa", "si")) }
        return try await BookingPostTests.book(client, fields, calendar: "gruppi", slot: slot)
    }

    /// The receipt path of a booking answered with a 303.
    static func receipt(_ response: TestResponse) throws -> String {
        #expect(response.status == .seeOther)
        return try #require(response.headers[.location])
    }

    static func states(_ fixture: IntakeFixture) throws -> [String: String] {
        try fixture.query { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, state FROM bookings").map {
                    ($0["name"] as String, $0["state"] as String)
                })
        }
    }

    @Test("a full slot's 409 page offers the waiting list by posting the family's answers again with attesa=si")
    func offer() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            _ = try Self.receipt(try await Self.book(client, "Paolo Blu", seats: 2))
            let full = try await Self.book(client, "Maria Bianchi")
            #expect(full.status == .conflict)
            let page = String(buffer: full.body)
            #expect(
                page.contains(
                    #"<form method="post" action="/bookings/prova/gruppi/\#(Self.slot)">"#))
            for (name, value) in [
                ("posti", "1"), ("nome", "Maria Bianchi"), ("contatto", "049 1234567"), ("consenso", "si"),
                ("attesa", "si"),
            ] {
                #expect(page.contains(#"<input type="hidden" name="\#(name)" value="\#(value)">"#))
            }
            #expect(page.contains("Entra nella lista d'attesa"))
            #expect(
                try await BookingPostTests.book(
                    client, BookingPostTests.fields([("posti", "2"), ("nome", "Luca Neri")])
                )
                .status == .seeOther)
            let lezioni = try await BookingPostTests.book(
                client, BookingPostTests.fields([("posti", "2"), ("nome", "Anna Verdi"), ("attesa", "si")]))
            #expect(lezioni.status == .conflict)  // lezioni has no waiting list: attesa=si changes nothing
            #expect(!String(buffer: lezioni.body).contains("lista d"))
            #expect(try Self.states(fixture)["Anna Verdi"] == nil)
        }
    }

    @Test("joining stores a waiting booking whose receipt gives its place in line; a cancellation promotes the first")
    func promotion() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let first = try Self.receipt(try await Self.book(client, "Paolo Blu"))
            _ = try Self.receipt(try await Self.book(client, "Sara Gialli"))
            let waiting = try Self.receipt(try await Self.book(client, "Maria Bianchi", waits: true))
            let second = try Self.receipt(try await Self.book(client, "Luca Neri", waits: true))
            #expect(try Self.states(fixture)["Maria Bianchi"] == "in attesa")
            let page = String(buffer: try await client.execute(uri: waiting, method: .get).body)
            #expect(page.contains("Prenotazione in lista d"))
            #expect(page.contains("sei la prima famiglia in lista"))
            #expect(page.contains("Esci dalla lista d"))
            #expect(String(buffer: try await client.execute(uri: second, method: .get).body).contains("al posto 2"))
            let ics = String(buffer: try await client.execute(uri: waiting + "/prenotazione.ics", method: .get).body)
            #expect(ics.contains("STATUS:TENTATIVE\r\n"))
            // A repeat of a waiting family goes to its receipt, not to a second place in line.
            #expect(try await Self.book(client, "Maria Bianchi", waits: true).headers[.location] == waiting)

            #expect(try await client.execute(uri: first + "/cancel", method: .post).status == .seeOther)
            #expect(
                try Self.states(fixture) == [
                    "Paolo Blu": "cancellata", "Sara Gialli": "confermata", "Maria Bianchi": "confermata",
                    "Luca Neri": "in attesa",
                ])
            let promoted = String(buffer: try await client.execute(uri: waiting, method: .get).body)
            #expect(promoted.contains("Prenotazione confermata"))
            #expect(promoted.contains("Eri in lista d"))
            #expect(promoted.contains("il 01/06/2026 alle 12:00 si è liberato un posto"))
            #expect(String(buffer: try await client.execute(uri: second, method: .get).body).contains("prima famiglia"))
            #expect(fixture.app.metrics.total(.waitlisted) == 2)
            #expect(fixture.app.metrics.total(.promoted) == 1)
        }
    }

    @Test("nobody is overtaken and the seats never overflow: a party of 2 first in line waits for 2 free seats")
    func order() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let paolo = try Self.receipt(try await Self.book(client, "Paolo Blu"))
            let sara = try Self.receipt(try await Self.book(client, "Sara Gialli"))
            let couple = try Self.receipt(try await Self.book(client, "Famiglia Rossi", seats: 2, waits: true))
            _ = try Self.receipt(try await Self.book(client, "Luca Neri", waits: true))
            _ = try await client.execute(uri: paolo + "/cancel", method: .post)
            #expect(try Self.states(fixture)["Famiglia Rossi"] == "in attesa")
            #expect(try Self.states(fixture)["Luca Neri"] == "in attesa")  // not ahead of the Rossi family
            // The free seat is the list's: a newcomer finds the slot full, and so does availability.json.
            #expect(try await Self.book(client, "Anna Verdi").status == .conflict)
            let live = try await client.execute(uri: "/bookings/prova/gruppi/availability.json", method: .get)
            #expect(try JSONDecoder().decode([String: Int].self, from: Data(buffer: live.body))[Self.slot] == 0)
            _ = try await client.execute(uri: sara + "/cancel", method: .post)
            #expect(try Self.states(fixture)["Famiglia Rossi"] == "confermata")
            #expect(try Self.states(fixture)["Luca Neri"] == "in attesa")
            // Leaving the list is a cancellation too, and the seats it frees go to the next in line.
            _ = try await client.execute(uri: couple + "/cancel", method: .post)
            #expect(try Self.states(fixture)["Luca Neri"] == "confermata")
            let seats = try fixture.query { db in
                try Int.fetchOne(
                    db, sql: "SELECT SUM(seats) FROM bookings WHERE slot_id = ? AND state = 'confermata'",
                    arguments: [Self.slot])
            }
            #expect(seats == 1)
        }
    }
}

/// Migration v5 rebuilds `bookings` for the new states and columns, keeping every row.
@Suite("Bookings migration v5")
struct BookingsMigrationTests {
    @Test("bookings stored before v5 keep every column; the table then takes waiting bookings and attendance")
    func keepsBookings() throws {
        let queue = try DatabaseQueue()
        try PortalMigrations.migrator.migrate(queue, upTo: "v4 payments")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bookings (token, calendar_id, slot_id, seats, name, contact, application_number,
                        fiscal_code, booked_at, state, cancelled_at)
                    VALUES ('t1', 'gruppi', 's1', 2, 'Maria', '049 1', '2026-0000001', 'BNCLRA90A41H501F',
                        '2026-05-01T10:00:00.000Z', 'confermata', NULL),
                    ('t2', 'gruppi', 's1', 1, 'Luca', 'l@example.it', NULL, NULL, '2026-05-02T10:00:00.000Z',
                        'cancellata', '2026-05-03T10:00:00.000Z')
                    """)
        }
        let before = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM bookings ORDER BY id") }
        try PortalMigrations.migrator.migrate(queue)
        try queue.write { db in
            let after = try Row.fetchAll(db, sql: "SELECT * FROM bookings ORDER BY id")
            #expect(after.count == 2)
            for (old, new) in zip(before, after) {
                for column in old.columnNames { #expect(old[column] as DatabaseValue == new[column] as DatabaseValue) }
                #expect(new["promoted_at"] as DatabaseValue == .null)
                #expect(new["attendance"] as DatabaseValue == .null)
            }
            try db.execute(sql: "UPDATE bookings SET state = 'in attesa', attendance = 'giustificato' WHERE id = 1")
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE bookings SET attendance = 'forse' WHERE id = 1")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE bookings SET state = 'sospesa' WHERE id = 1")
            }
            let indexes = try Row.fetchAll(db, sql: "PRAGMA index_list(bookings)").map { $0["name"] as String }
            #expect(indexes.contains("bookings_slot"))
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }
}
