import Foundation
import Subprocess
import Testing

/// The real `piazza user` on a fixture tree (portal `prova`), with what it prints and its exit status.
@Suite(
    "piazza user: add, list, passwd and disable through the binary",
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

    @Test("a user added with --password-stdin is listed, gets a new password, is disabled and listed as such")
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
    }

    @Test(
        "a wrong role, an unknown portal, a short password or an unknown user exit 1 saying what to fix",
        arguments: [
            (["add", "mario", "--role", "capo", "--password-stdin"], "'capo' is invalid for '--role"),
            (["add", "mario", "--role", "operator", "--portal", "altro", "--password-stdin"], "no portal 'altro'"),
            (["add", "mario", "--role", "admin", "--password-stdin"], "error: the password is shorter than 12"),
            (["disable", "nessuno"], "error: no user named 'nessuno'; see `piazza user list`"),
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
