import Foundation
import Subprocess
import Testing

/// What `piazza report` says when it is not given exactly one report.
private let oneReport =
    "Give one of --form F (applications), --calendar C (rendicontazione) or --feedback (page feedback)."

@Suite(
    "Command options are checked before anything runs",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct CommandOptionsTests {
    /// Runs the binary in a fresh folder; (exit status, standard output and error).
    func run(_ arguments: [String]) async throws -> (TerminationStatus, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "piazza-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await runPiazza(arguments, in: folder)
        return (outcome.status, outcome.output)
    }

    @Test(
        "piazza serve refuses a port out of range or the same port twice, naming the option",
        arguments: [
            (["--port", "0"], "--port is 0; pass a port from 1 to 65535"),
            (["--intake-port", "70000"], "--intake-port is 70000; pass a port from 1 to 65535"),
            (["--port", "9000", "--intake-port", "9000"], "--port and --intake-port are both 9000"),
        ])
    func ports(arguments: [String], message: String) async throws {
        let (status, output) = try await run(["serve"] + arguments)
        #expect(status == .exited(1))
        #expect(output.contains(message), "output: \(output)")
        #expect(!output.contains("serving "))
    }

    @Test("piazza build refuses an --intake-url that breaks the web address rule")
    func intakeURL() async throws {
        let (status, output) = try await run(["build", "--intake-url", "https://i.example.it//evil.example"])
        #expect(status == .exited(1))
        #expect(output.contains("--intake-url 'https://i.example.it//evil.example' has a path starting with //"))
    }

    @Test(
        "piazza build refuses an output that is, holds or lies inside the content or themes folder, before writing",
        arguments: [
            (["--output", "content"], "--output", "site"), (["--output", "./content/"], "--output", "site"),
            (["--output", "content/vigonza"], "--output", "site"), (["--output", "themes"], "--output", "site"),
            // The content folder is the current folder: a site beside it (findings-s13 #11).
            (["--content", ".", "--output", "site"], "--output", "../site"),
            (["--cache", "content/cache"], "--cache", "site"),
        ])
    func overlappingOutput(arguments: [String], option: String, suggested: String) async throws {
        let (status, output) = try await run(["build"] + arguments)
        #expect(status == .exited(1))
        #expect(output.contains("error: \(option) "), "output: \(output)")
        #expect(
            output.contains(
                "Write the site to a folder outside the content and themes folders, e.g. --output \(suggested)\n"),
            "output: \(output)")
        #expect(!output.contains("built "))
    }

    @Test(
        "an unknown option is a usage error: exit 1 with the usage", arguments: [["build", "--outptu", "x"], ["nope"]])
    func unknownOption(arguments: [String]) async throws {
        let (status, output) = try await run(arguments)
        #expect(status == .exited(1))
        #expect(output.contains("Usage: piazza"), "output: \(output)")
    }

    @Test(
        "piazza report takes one of a form, a calendar or the feedback; a calendar's or the feedback's report is CSV",
        arguments: [
            (["--portal", "p"], oneReport),
            (["--portal", "p", "--form", "f", "--calendar", "c"], oneReport),
            (["--portal", "p", "--feedback", "--calendar", "c"], oneReport),
            (["--portal", "p", "--calendar", "c", "--format", "json"], "This report is CSV only"),
            (["--portal", "p", "--feedback", "--format", "xlsx"], "This report is CSV only"),
            (["--portal", "p", "--feedback", "--since", "2026-06-01"], "--feedback has every feedback kept"),
            (["--portal", "p", "--form", "f", "--until", "2026-06-30"], "--until goes with --calendar"),
        ])
    func reportOptions(arguments: [String], message: String) async throws {
        let (status, output) = try await run(["report"] + arguments)
        #expect(status == .exited(1))
        #expect(output.contains(message), "output: \(output)")
    }

    @Test("--pagefind belongs to the commands that write a site: build and serve offer it, check refuses it")
    func pagefindOption() async throws {
        for command in ["build", "serve"] {
            let (status, output) = try await run([command, "--help"])
            #expect(status == .exited(0) && output.contains("--pagefind <pagefind>"), "\(command): \(output)")
        }
        let (helpStatus, help) = try await run(["check", "--help"])
        #expect(helpStatus == .exited(0) && !help.contains("pagefind"), "\(help)")
        let (status, output) = try await run(["check", "--pagefind", "/bin/true"])
        #expect(status == .exited(1))
        #expect(output.contains("Unknown option '--pagefind'"), "output: \(output)")
    }

    @Test("piazza --version prints the version")
    func version() async throws {
        let (status, output) = try await run(["--version"])
        #expect(status == .exited(0))
        #expect(output.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+\n$"#, options: .regularExpression) != nil, "\(output)")
    }
}
