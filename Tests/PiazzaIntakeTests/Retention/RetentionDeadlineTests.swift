import Foundation
import GRDB
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// Each case keeps the retention deadline of the rule in force when it was stored (findings-s12 #4):
/// reopening its form for a new bando or removing the form from the content does not move it.
@Suite("Retention deadline fixed per case")
struct RetentionDeadlineTests {
    /// `number|retention_ends|anonymised` of every application, in id order.
    static func deadlines(_ database: PortalDatabase) async throws -> [String] {
        try await database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT number || '|' || coalesce(retention_ends, '-') || '|' || (anonymised_at IS NOT NULL)
                    FROM applications ORDER BY id
                    """)
        }
    }

    /// The fixture's portal with the open form's window moved to `closes` (a new bando).
    static func reopened(closes: String) throws -> Portal {
        let content = FileManager.default.temporaryDirectory.appendingPathComponent(
            "piazza-reopen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: content) }
        try IntakeFixture.writeContent(at: content, opens: "2027-01-01 09:00", closes: closes)
        return try #require(try ContentTree.load(from: content).portals.first)
    }

    @Test(
        "a case posted in the 2026 window is anonymised 5 years after 2026's closing even when the form now closes in 2027"
    )
    func reopenedForm() async throws {
        let fixture = try IntakeFixture()
        let database = try #require(fixture.app.portals["prova"]).database
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields())
            #expect(response.status == .seeOther)
            // closes 2026-12-31 12:00 in Rome (11:00 UTC), retention_years 5.
            #expect(try await Self.deadlines(database) == ["2026-0000001|2031-12-31T11:00:00.000Z|0"])

            let portal = try Self.reopened(closes: "2027-12-31 12:00")
            let before = ContentDateTime("2031-12-31 11:59")!.instant
            #expect(try await Retention.run(portal: portal, database: database, at: before).anonymised == 0)
            let after = ContentDateTime("2032-01-02 12:00")!.instant
            #expect(try await Retention.run(portal: portal, database: database, at: after).anonymised == 1)
            #expect(try await Self.deadlines(database) == ["2026-0000001|2031-12-31T11:00:00.000Z|1"])
        }
    }

    @Test(
        "cases stored without a deadline get today's rule of their form, or 10 years after submission for a form the content no longer has; both are anonymised then"
    )
    func storedBefore() async throws {
        let fixture = try IntakeFixture()
        let runtime = try #require(fixture.app.portals["prova"])
        // Stored as before deadlines were: no retention_ends.
        _ = try await RetentionTests.store("domanda", name: "Luca Verdi", in: runtime.database)
        _ = try await RetentionTests.store("tolto", name: "Maria Bianchi", in: runtime.database)
        #expect(
            try await Self.deadlines(runtime.database) == ["2026-0000001|-|0", "2026-0000002|-|0"])

        let nextDay = ContentDateTime("2026-06-02 12:00")!.instant
        #expect(
            try await Retention.run(portal: runtime.portal, database: runtime.database, at: nextDay).anonymised == 0)
        // Submitted 2026-06-01 12:00 in Rome (10:00 UTC).
        #expect(
            try await Self.deadlines(runtime.database) == [
                "2026-0000001|2031-12-31T11:00:00.000Z|0", "2026-0000002|2036-06-01T10:00:00.000Z|0",
            ])
        let in2032 = ContentDateTime("2032-01-01 12:00")!.instant
        #expect(try await Retention.run(portal: runtime.portal, database: runtime.database, at: in2032).anonymised == 1)
        let in2036 = ContentDateTime("2036-06-01 12:01")!.instant
        #expect(try await Retention.run(portal: runtime.portal, database: runtime.database, at: in2036).anonymised == 1)
        let rows = try await Self.deadlines(runtime.database)
        #expect(rows.allSatisfy { $0.hasSuffix("|1") }, "\(rows)")
        let answers = try await runtime.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT answers FROM applications ORDER BY id")
        }
        #expect(answers == [#"{"answers":[],"formID":"domanda"}"#, #"{"answers":[],"formID":"tolto"}"#])
    }
}
