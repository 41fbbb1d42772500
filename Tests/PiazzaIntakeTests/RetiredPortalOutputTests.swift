import Foundation
import Subprocess
import Testing

/// Finding 13 of session 13: a portal renamed in `content/` no longer stays published at its old address.
@Suite(
    "piazza build says which portal it removed from the output",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct RetiredPortalOutputTests {
    @Test("after renaming a portal's folder the old one leaves site/ with a line saying where it is kept")
    func renamedPortal() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-retire-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        let build = [
            "build", "--content", "content", "--output", "site", "--themes",
            IntakeFixture.repository.appendingPathComponent("themes").path,
        ]
        #expect(try await runPiazza(build, in: root).status == .exited(0))
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("content/prova"), to: root.appendingPathComponent("content/prova-due"))

        let outcome = try await runPiazza(build, in: root)
        #expect(outcome.status == .exited(0), "\(outcome.output)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(
            lines.dropLast().last
                == "prova: no longer in the content, removed from site/ (kept in .piazza/site/prova/previous/; `piazza rollback --portal prova` puts it back)",
            "\(outcome.standardOutput)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("site").path).sorted() == [
                "index.html", "prova-due",
            ])
    }
}
