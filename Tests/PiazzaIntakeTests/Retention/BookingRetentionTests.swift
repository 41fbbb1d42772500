import Foundation
import GRDB
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// Bookings of calendars open to anyone hold a name and a contact and no numero pratica: they are
/// anonymised by their calendar's `retention_months` and found by the GDPR access export through
/// their contact (findings-s12 #5).
@Suite("Bookings without a case: retention and access")
struct BookingRetentionTests {
    typealias Browser = OperatorFixture

    /// Inserts a confirmed booking of `calendar`'s `slot`.
    static func book(
        _ database: PortalDatabase, calendar: String, slot: String, name: String, contact: String,
        number: String? = nil
    ) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bookings (token, calendar_id, slot_id, seats, name, contact, application_number,
                        booked_at, state)
                    VALUES (?, ?, ?, 1, ?, ?, ?, '2026-05-20T10:00:00.000Z', 'confermata')
                    """, arguments: [RandomToken.make(), calendar, slot, name, contact, number])
        }
    }

    /// `name|contact|retention_ends` of every booking, in id order.
    static func bookings(_ database: PortalDatabase) async throws -> [String] {
        try await database.writer.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT name || '|' || contact || '|' || coalesce(retention_ends, '-') FROM bookings ORDER BY id")
        }
    }

    @Test(
        "a booking of an open calendar is anonymised 12 months after its slot, one of a calendar removed 12 months after booking, one with a numero pratica with its case"
    )
    func retention() async throws {
        let fixture = try IntakeFixture()
        let runtime = try #require(fixture.app.portals["prova"])
        let lezioni = try #require(runtime.portal.calendar(id: "lezioni"))
        #expect(lezioni.retentionMonths == 12)
        // 1 June 2026, 12:30-13:30 in Rome: ends 11:30 UTC.
        let slot = try #require(lezioni.slots.first)
        #expect(slot.endInstant == ContentDateTime("2026-06-01 13:30")!.instant)
        try await Self.book(runtime.database, calendar: "lezioni", slot: slot.id, name: "Mario Rossi", contact: "333")
        try await Self.book(runtime.database, calendar: "tolto", slot: "x", name: "Anna Neri", contact: "a@b.it")
        try await Self.book(
            runtime.database, calendar: "riservato", slot: slot.id, name: "Luca Verdi", contact: "049",
            number: "2026-0000009")

        let blank = PortalDatabase.anonymisedText
        let beforeSlotYear = ContentDateTime("2027-05-20 12:00")!.instant
        var report = try await Retention.run(portal: runtime.portal, database: runtime.database, at: beforeSlotYear)
        #expect(report.bookings == 1)
        #expect(
            try await Self.bookings(runtime.database) == [
                "Mario Rossi|333|2027-06-01T11:30:00.000Z", "\(blank)||2027-05-20T10:00:00.000Z", "Luca Verdi|049|-",
            ])
        let afterSlotYear = ContentDateTime("2027-06-01 13:31")!.instant
        report = try await Retention.run(portal: runtime.portal, database: runtime.database, at: afterSlotYear)
        #expect(report.bookings == 1)
        #expect(
            try await Self.bookings(runtime.database) == [
                "\(blank)||2027-06-01T11:30:00.000Z", "\(blank)||2027-05-20T10:00:00.000Z", "Luca Verdi|049|-",
            ])
        #expect(
            try await Retention.run(portal: runtime.portal, database: runtime.database, at: afterSlotYear).bookings == 0
        )
        let log = try await runtime.database.auditPage(before: nil, limit: 10)
        #expect(
            log.map { "\($0.actor)|\($0.action)|\($0.detail ?? "")" } == [
                "retention|anonymise|prenotazioni: 1", "retention|anonymise|prenotazioni: 1",
            ])
    }

    @Test("calendar YAML: retention_months is read, and out of 1...120 is an error at the key")
    func calendarKey() throws {
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-cal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: content) }
        try IntakeFixture.writeContent(at: content)
        let file = content.appendingPathComponent("prova/calendars/lezioni.yaml")
        try (IntakeFixture.calendar + "retention_months: 6\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try ContentTree.load(from: content).portals.first?.calendar(id: "lezioni")?.retentionMonths == 6)
        try (IntakeFixture.calendar + "retention_months: 0\n").write(to: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try ContentTree.load(from: content)
        } throws: { error in
            "\(error)".contains("prova/calendars/lezioni.yaml:15:") && "\(error)".contains("retention_months")
        }
    }

    @Test("the access export finds the bookings made with the contact given, however it is spaced, and no other")
    func accessByContact() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            try await Self.book(
                database, calendar: "lezioni", slot: "s1", name: "Mario Rossi", contact: "+39 333 123 4567")
            try await Self.book(database, calendar: "lezioni", slot: "s1", name: "Anna Neri", contact: "3339999999")
            try await Self.book(
                database, calendar: "lezioni", slot: "s2", name: "Mario R.", contact: "Mario@Example.it")
            let capo = try await Browser.session(client, "capo")
            func names(_ contact: String) async throws -> [String] {
                let form = try await Browser.get(client, "/operator/prova/interessato", session: capo)
                let response = try await Browser.post(
                    client, "/operator/prova/interessato",
                    [
                        ("_csrf", Browser.token(form) ?? ""), ("codice_fiscale", SubjectAccessTests.maria),
                        ("recapito", contact),
                    ], cookies: [OperatorCookies.session: capo])
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
                let bookings = (json as? [String: Any])?["prenotazioni"] as? [[String: Any]] ?? []
                return bookings.map { $0["nome"] as? String ?? "" }
            }
            #expect(try await names("") == [])
            #expect(try await names("333-1234567") == ["Mario Rossi"])
            #expect(try await names("0039 333 123 45 67") == ["Mario Rossi"])
            #expect(try await names(" mario@example.IT ") == ["Mario R."])
            #expect(try await names("333123456") == [])
        }
    }
}
