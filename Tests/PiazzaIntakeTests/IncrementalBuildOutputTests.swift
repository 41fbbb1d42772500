import Foundation
import Testing

@Suite(
    "piazza build --incremental says what it reused, and why a build renders everything before its counts",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct IncrementalBuildOutputTests {
    @Test(
        "the first incremental build gives its reason first and claims no reuse; the next one counts what it rendered")
    func firstThenSecond() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-incr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        let build = [
            "build", "--incremental", "--content", "content", "--output", "site", "--themes",
            IntakeFixture.repository.appendingPathComponent("themes").path,
        ]

        let first = try await runPiazza(build, in: root)
        #expect(first.status == .exited(0), "\(first.output)")
        let lines = first.standardOutput.split(separator: "\n").filter { $0.hasPrefix("prova: ") }
        #expect(lines.count == 2, "\(first.standardOutput)")
        #expect(lines.first?.hasPrefix("prova: full build: no earlier incremental build of prova in ") == true)
        #expect(lines.last?.hasPrefix("prova: ") == true && lines.last?.contains(" files in ") == true)
        #expect(!first.output.contains("reused"), "\(first.standardOutput)")

        let second = try await runPiazza(build, in: root)
        #expect(second.status == .exited(0), "\(second.output)")
        #expect(
            second.standardOutput.contains(" files (0 rendered, the others reused) in "), "\(second.standardOutput)")
        #expect(!second.output.contains("full build"), "\(second.standardOutput)")
    }
}
