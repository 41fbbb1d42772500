import Foundation
import Subprocess
import Testing

/// README, *Commands*: phase lines and warnings on standard error, the summary on standard output, so
/// `piazza build > summary.txt` keeps only the summary.
@Suite(
    "piazza build keeps warnings off standard output",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct BuildOutputStreamsTests {
    @Test("without pagefind the search warning goes to standard error; standard output has the summary only")
    func searchWarning() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-streams-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        // A PATH with no pagefind on it, whatever the developer's PATH holds.
        let outcome = try await runPiazza(
            [
                "build", "--content", "content", "--output", "site", "--themes",
                IntakeFixture.repository.appendingPathComponent("themes").path,
            ], in: root, environment: .inherit.updating(["PATH": "/usr/bin:/bin"]))
        #expect(outcome.status == .exited(0), "\(outcome.output)")
        #expect(
            outcome.standardError.contains(
                "search: no pagefind on PATH, so no search index was built and cerca/ shows the catalogue only"),
            "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(!outcome.standardOutput.contains("search:"), "\(outcome.standardOutput)")
        #expect(lines.last?.hasPrefix("built 1 portal(s) into site/ in ") == true, "\(outcome.standardOutput)")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("prova: ") }, "\(outcome.standardOutput)")
    }
}
