import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaSite
import Testing

@testable import PiazzaServe

/// Finding 16 of session 13: the preview intake posts with the forms of the last rebuild, and serves a
/// portal created while the preview runs.
@Suite("piazza serve's intake takes each rebuild's forms and portals")
struct IntakeReloadTests {
    @Test("a label changed in a form's YAML and a portal added are what the intake answers after the rebuild")
    func reloads() async throws {
        let folder = try ScratchFolder()
        let content = try folder.demoContent()
        let away = folder.url.appendingPathComponent("vigonza")
        try FileManager.default.moveItem(at: content.appendingPathComponent("vigonza"), to: away)
        var site = SiteBuilder.Options(
            content: content, theme: SearchRefreshTests.repository.appendingPathComponent("themes/default"),
            output: folder.url.appendingPathComponent("site"))
        site.incremental = true
        let preview = Preview(
            site: site, pagefind: nil, port: 18_451, intakePort: 18_452, logger: Logger(label: "piazza-tests"))
        defer { try? FileManager.default.removeItem(at: preview.scratch) }
        let built = try await preview.build(watcher: SourceWatcher(roots: [content], inotify: false))
        let served = IntakePortals(built.content, root: content)
        let intake = try await ReloadingIntake(content: served.tree, theme: built.theme) { content, theme in
            try preview.intakeApplication(content: content, theme: theme)
        }
        let (changes, change) = AsyncStream.makeStream(of: Set<String>.self)
        let (rebuilds, rebuilt) = AsyncStream.makeStream(of: Rebuild.self)
        var loop = LiveRebuild(
            site: preview.site, pagefind: nil, hub: ReloadHub(), changes: changes, logger: preview.logger,
            onRebuild: { rebuilt.yield($0) })
        loop.onBuilt = { report, whole in
            try? await intake.reload(served.update(try #require(report.content), whole: whole), theme: report.theme)
        }
        let running = Task { try await loop.run() }
        defer { running.cancel() }

        try await intake.test(.router) { client in
            var results = rebuilds.makeAsyncIterator()
            let post = { (portal: String) in
                try await client.execute(
                    uri: "/forms/\(portal)/misura-3", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "nome=Mario"))
            }
            let before = try await post("conegliano")
            #expect(before.status == .unprocessableContent)
            #expect(String(buffer: before.body).contains("Indirizzo di residenza: Questo campo è obbligatorio."))
            #expect(try await post("vigonza").status == .notFound)

            let form = content.appendingPathComponent("_shared/forms/misura-3.yaml")
            let yaml = try String(contentsOf: form, encoding: .utf8)
            try yaml.replacingOccurrences(
                of: "label: Indirizzo di residenza", with: "label: Indirizzo di residenza attuale"
            ).write(to: form, atomically: true, encoding: .utf8)
            try FileManager.default.moveItem(at: away, to: content.appendingPathComponent("vigonza"))
            change.yield([form.standardizedFileURL.path, content.appendingPathComponent("vigonza").path])
            let rebuild = try #require(await results.next())
            #expect(rebuild.failure == nil)

            let after = try await post("conegliano")
            #expect(after.status == .unprocessableContent)
            #expect(
                String(buffer: after.body).contains("Indirizzo di residenza attuale: Questo campo è obbligatorio."))
            let added = try await post("vigonza")
            #expect(added.status == .unprocessableContent)
            #expect(
                String(buffer: added.body).contains("Indirizzo di residenza attuale: Questo campo è obbligatorio."))
        }
        change.finish()
    }
}
