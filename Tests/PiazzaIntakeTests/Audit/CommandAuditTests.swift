import Foundation
import GRDB
import Subprocess
import Testing

@testable import PiazzaIntake

/// Every `piazza` command that changes accounts or takes personal data out of the daemon leaves an
/// audit entry, by the operating-system user who ran it (findings-s12 #6).
@Suite(
    "piazza user, report, merchants export and backup write the audit log",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct CommandAuditTests {
    /// The actor the binary writes when run by this test's user through `sudo` by `mario`.
    static var actor: String {
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
        return "cli:\(user) (sudo: mario)"
    }

    /// `actor|action|case|detail` of every entry of the audit log in `file`, oldest first, after
    /// checking that the chain is intact.
    static func entries(_ file: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            guard case .intact = try AuditChain.verify(in: db) else { return ["chain broken"] }
            return try String.fetchAll(
                db,
                sql:
                    "SELECT actor || '|' || action || '|' || coalesce(case_number, '') || '|' || coalesce(detail, '') FROM audit_log ORDER BY seq"
            )
        }
    }

    func piazza(_ arguments: [String], input: String = "", in root: URL) async throws -> CommandOutcome {
        let outcome = try await runPiazza(
            arguments + ["--config", root.appendingPathComponent("piazza.yaml").path], input: input,
            environment: .inherit.updating(["SUDO_USER": "mario"]))
        #expect(outcome.status == .exited(0), "\(arguments): \(outcome.output)")
        return outcome
    }

    @Test(
        "user add, passwd and disable go to the login log; report, rendicontazione, feedback, merchants export and backup to the portal's, by cli:<user>"
    )
    func entriesWritten() async throws {
        let root = try UserCommandTests.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try await PortalDatabase(portalID: "prova", dataFolder: data).close()

        _ = try await piazza(
            ["user", "add", "anna", "--role", "operator", "--portal", "prova", "--password-stdin"],
            input: "cavallo batteria graffetta\n", in: root)
        _ = try await piazza(
            ["user", "passwd", "anna", "--password-stdin"], input: "un'altra parola lunga\n", in: root)
        _ = try await piazza(["user", "disable", "anna"], in: root)
        _ = try await piazza(["user", "enable", "anna"], in: root)
        _ = try await piazza(["user", "set", "anna", "--role", "tutor"], in: root)
        _ = try await piazza(["user", "list"], in: root)
        _ = try await piazza(["report", "--portal", "prova", "--form", "domanda", "--format", "json"], in: root)
        _ = try await piazza(
            ["report", "--portal", "prova", "--calendar", "lezioni", "--since", "2026-11-01", "--until", "2026-11-30"],
            in: root)
        _ = try await piazza(["report", "--portal", "prova", "--feedback"], in: root)
        _ = try await piazza(["merchants", "export", "--portal", "prova"], in: root)
        let backup = try await piazza(["backup"], in: root)
        let folder = try #require(backup.standardOutput.firstMatch(of: /backup written to .*\/(piazza-[0-9TZ]+)\n/)?.1)

        let actor = Self.actor
        #expect(
            try Self.entries(data.appendingPathComponent("users.sqlite")) == [
                "\(actor)|add_user||anna operator prova", "\(actor)|change_password||anna",
                "\(actor)|disable_user||anna", "\(actor)|enable_user||anna",
                "\(actor)|change_user||anna tutor prova", "\(actor)|backup||\(folder)",
            ])
        #expect(
            try Self.entries(data.appendingPathComponent("prova/piazza.sqlite")) == [
                "\(actor)|export||domande domanda json",
                "\(actor)|export||rendicontazione lezioni 2026-11-01 2026-11-30",
                "\(actor)|export||valutazioni", "\(actor)|export||esercenti", "\(actor)|backup||\(folder)",
            ])
        // The copy holds its own backup entry.
        #expect(
            try Self.entries(data.appendingPathComponent("backups/\(folder)/prova/piazza.sqlite")).last
                == "\(actor)|backup||\(folder)")
    }

    @Test("a refused change writes nothing: an unknown user, a name taken, a portal not served")
    func refusedChanges() async throws {
        let root = try UserCommandTests.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try await piazza(
            ["user", "add", "anna", "--role", "admin", "--password-stdin"], input: "cavallo batteria graffetta\n",
            in: root)
        for arguments in [
            ["user", "disable", "nessuno"], ["user", "add", "anna", "--role", "admin", "--password-stdin"],
            ["user", "enable", "nessuno"], ["user", "set", "anna", "--portal", "altro"],
        ] {
            let outcome = try await runPiazza(
                arguments + ["--config", root.appendingPathComponent("piazza.yaml").path],
                input: "cavallo batteria graffetta\n")
            #expect(outcome.status == .exited(1), "\(outcome.output)")
        }
        let users = root.appendingPathComponent("data/users.sqlite")
        #expect(
            try Self.entries(users).map {
                $0.split(separator: "|", omittingEmptySubsequences: false).dropFirst().joined(separator: "|")
            } == [
                "add_user||anna admin"
            ])
    }
}
