import Foundation
import Testing

@Suite(
    "piazza serve builds outside the published folder and its build cache",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct PreviewOutputTests {
    @Test(
        "serve, build, serve, build: site/ never holds a preview page and rollback puts back the first real build"
    )
    func serveThenBuild() async throws {
        let build = [
            "build", "--content", "content", "--themes", IntakeFixture.repository.appendingPathComponent("themes").path,
            "--output", "site",
        ]
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("content/prova/_index.md")
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))

        let firstPreview = try await Self.serve(in: root)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
        #expect(try await runPiazza(build, in: root).status == .exited(0))
        // With one real build there is nothing to roll back to: the preview is not in the chain.
        let early = try await runPiazza(["rollback", "--portal", "prova"], in: root)
        #expect(early.status == .exited(1) && early.output.contains("no previous build"), "\(early.output)")

        try "---\ntitle: Prova Welfare\n---\n\nSeconda versione.\n".write(to: home, atomically: true, encoding: .utf8)
        let secondPreview = try await Self.serve(in: root)
        #expect(Self.files(under: root.appendingPathComponent("site"), containing: secondPreview).isEmpty)
        #expect(try await runPiazza(build, in: root).status == .exited(0))
        let rollback = try await runPiazza(["rollback", "--portal", "prova"], in: root)
        #expect(rollback.status == .exited(0), "\(rollback.output)")

        let site = root.appendingPathComponent("site")
        for preview in [firstPreview, secondPreview] {
            #expect(Self.files(under: site, containing: preview).isEmpty)
            #expect(Self.files(under: root.appendingPathComponent(".piazza/site"), containing: preview).isEmpty)
        }
        let live = try String(contentsOf: site.appendingPathComponent("prova/index.html"), encoding: .utf8)
        #expect(live.contains("Benvenuti.") && !live.contains("Seconda versione."), "the first real build is back")
    }

    /// Runs `piazza serve` in `root` until it serves, then stops it; returns the address its forms posted to.
    private static func serve(in root: URL) async throws -> String {
        let intakePort = DaemonProcess.freePort()
        let command = try await PipedCommand.serve(in: root, port: DaemonProcess.freePort(), intakePort: intakePort)
        defer { command.stop() }
        #expect(try await command.line { $0.hasPrefix("serving ") } != nil, "output: \(command.output)")
        let preview = "127.0.0.1:\(intakePort)"
        let served = root.appendingPathComponent(".piazza/site.preview/site")
        #expect(!files(under: served, containing: preview).isEmpty, "the preview's forms post to \(preview)")
        command.stop()
        #expect(try await command.exitStatus() != nil)
        return preview
    }

    /// The regular files under `folder` whose bytes contain `text`, relative paths.
    private static func files(under folder: URL, containing text: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        let needle = Data(text.utf8)
        return walker.compactMap { $0 as? String }.filter { path in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
                return false
            }
            return data.range(of: needle) != nil
        }
    }
}
