import Foundation
import GRDB
import Subprocess
import Testing

@testable import PiazzaIntake

/// The real `piazza audit verify` on a portal database whose log a test tampers with through a raw
/// connection, as someone with the file would.
@Suite(
    "piazza audit verify: exit 0 when intact, 1 naming the first entry changed, removed or reordered",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct AuditVerifyCommandTests {
    /// A fixture tree (UserCommandTests.tree) whose portal `prova` has a log of five entries.
    static func tree() async throws -> URL {
        let root = try UserCommandTests.tree()
        let database = try PortalDatabase(portalID: "prova", dataFolder: root.appendingPathComponent("data"))
        for (index, action) in [AuditAction.viewCase, .changeState, .viewCase, .download, .export].enumerated() {
            try await database.appendAudit(
                AuditEvent(
                    at: IntakeFixture.now.addingTimeInterval(Double(index)), actor: "anna", action: action,
                    caseNumber: "2026-000000\(index + 1)"))
        }
        try await database.close()
        return root
    }

    /// Runs `piazza audit verify` with `arguments` and the tree's config.
    static func verify(_ arguments: [String], in root: URL) async throws -> CommandOutcome {
        try await runPiazza(
            ["audit", "verify"] + arguments + ["--config", root.appendingPathComponent("piazza.yaml").path])
    }

    /// Runs raw SQL on the portal's file, bypassing every piazza API.
    static func tamper(_ sql: String, in root: URL) throws {
        let queue = try DatabaseQueue(path: root.appendingPathComponent("data/prova/piazza.sqlite").path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test("an untouched log verifies: exit 0 with the count and the head hash")
    func intact() async throws {
        let root = try await Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try await Self.verify(["--portal", "prova"], in: root)
        #expect(outcome.status == .exited(0), "\(outcome.output)")
        #expect(outcome.output.hasPrefix("portal prova: 5 entries intact; head "))
    }

    @Test(
        "a tampered log exits 1 naming the first broken entry",
        arguments: [
            ("UPDATE audit_log SET actor = 'bruno' WHERE seq = 3", "entry 3 was changed"),
            ("UPDATE audit_log SET case_number = NULL WHERE seq = 2", "entry 2 was changed"),
            ("DELETE FROM audit_log WHERE seq = 3", "entry 3 was removed"),
            (
                "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4;"
                    + " UPDATE audit_log SET seq = 4 WHERE seq = -1",
                "entry 3 is out of order"
            ),
            // Removing an entry and renumbering the rest leaves no gap: the link still breaks.
            (
                "DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2",
                "entry 2 is out of order"
            ),
        ])
    func tampered(sql: String, named: String) async throws {
        let root = try await Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.tamper(sql, in: root)
        let outcome = try await Self.verify(["--portal", "prova"], in: root)
        #expect(outcome.status == .exited(1), "\(outcome.output)")
        #expect(outcome.output.contains("error: portal prova: \(named)"), "\(outcome.output)")
    }

    @Test("without --portal every served portal and the login log are checked; an unknown portal is a usage error")
    func everything() async throws {
        let root = try await Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let all = try await Self.verify([], in: root)
        #expect(all.status == .exited(0), "\(all.output)")
        #expect(
            all.output.contains("portal prova: 5 entries intact") && all.output.contains("logins: 0 entries intact"))
        let unknown = try await Self.verify(["--portal", "nessuno"], in: root)
        #expect(unknown.status == .exited(1))
        #expect(unknown.output.contains("--portal nessuno: the daemon does not serve it; use one of: prova"))
    }
}
