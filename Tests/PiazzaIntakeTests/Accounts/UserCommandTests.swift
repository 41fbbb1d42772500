import Foundation
import Subprocess
import Testing

/// The real `piazza user` on a fixture tree (portal `prova`), with what it prints and its exit status.
@Suite(
    "piazza user: add, list, passwd, disable, enable and set through the binary",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct UserCommandTests {
    /// Runs `piazza user <arguments> --config <root>/piazza.yaml` with `input` on standard input.
    static func user(_ arguments: [String], input: String = "", in root: URL) async throws -> CommandOutcome {
        try await runPiazza(
            ["user"] + arguments + ["--config", root.appendingPathComponent("piazza.yaml").path], input: input)
    }

    /// A content tree with portal `prova` and a config using it.
    static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-user-\(UUID().uuidString)")
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        let config = """
            content: content
            theme: \(IntakeFixture.repository.appendingPathComponent("themes/default").path)
            data: data
            """
        try config.write(to: root.appendingPathComponent("piazza.yaml"), atomically: true, encoding: .utf8)
        return root
    }

    @Test("a user added with --password-stdin is listed, gets a new password, is disabled, enabled and made admin")
    func roundTrip() async throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let add = try await Self.user(
            ["add", "mario", "--role", "operator", "--portal", "prova", "--password-stdin"],
            input: "cavallo batteria graffetta\n", in: root)
        #expect(add.status == .exited(0), "\(add.output)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/users.sqlite").path))
        #expect(try await Self.user(["list"], in: root).output == "mario\toperator\tprova\tactive\n")
        let passwd = try await Self.user(
            ["passwd", "mario", "--password-stdin"], input: "un'altra parola lunga\n", in: root)
        #expect(passwd.status == .exited(0), "\(passwd.output)")
        #expect(try await Self.user(["disable", "mario"], in: root).status == .exited(0))
        #expect(try await Self.user(["list"], in: root).output == "mario\toperator\tprova\tdisabled\n")
        let enable = try await Self.user(["enable", "mario"], in: root)
        #expect(enable.status == .exited(0) && enable.output == "user mario enabled\n", "\(enable.output)")
        let set = try await Self.user(["set", "mario", "--role", "admin"], in: root)
        #expect(set.status == .exited(0) && set.output == "user mario changed\n", "\(set.output)")
        #expect(try await Self.user(["list"], in: root).output == "mario\tadmin\t*\tactive\n")
    }

    @Test(
        "a wrong role, an unknown portal, a short password, an unknown user or nothing to set exit 1 saying what to fix",
        arguments: [
            (["add", "mario", "--role", "capo", "--password-stdin"], "'capo' is invalid for '--role"),
            (["add", "mario", "--role", "operator", "--portal", "altro", "--password-stdin"], "no portal 'altro'"),
            (["add", "mario", "--role", "admin", "--password-stdin"], "error: the password is shorter than 12"),
            (["disable", "nessuno"], "error: no user named 'nessuno'; see `piazza user list`"),
            (["enable", "nessuno"], "error: no user named 'nessuno'; see `piazza user list`"),
            (["set", "nessuno", "--role", "admin"], "error: no user named 'nessuno'; see `piazza user list`"),
            (["set", "nessuno", "--role", "capo"], "'capo' is invalid for '--role"),
            (["set", "nessuno"], "error: nothing to change for 'nessuno'; give --role, --portal or --merchant"),
            (["add", "mario", "--role", "admin"], "pass --password-stdin"),
        ])
    func refusals(arguments: [String], expected: String) async throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try await Self.user(arguments, input: "corta\n", in: root)
        #expect(outcome.status == .exited(1))
        #expect(outcome.output.contains(expected), "\(outcome.output)")
    }
}
