import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaSite
import Testing

@testable import PiazzaServe

/// Finding 21 of session 13: `piazza serve` starts on content with errors, shows them on the broken portal's
/// pages and serves the others; fixing the file brings the portal back.
@Suite("piazza serve starts on content with errors and keeps the other portals served")
struct PreviewWithErrorsTests {
    static let page = "vigonza/notizie/festa-del-volontariato.md"

    @Test(
        "a portal's broken page: its pages and the home show the overlay at file:line:col, the other portal is served")
    func startsWithBrokenPortal() async throws {
        let folder = try ScratchFolder()
        let content = try folder.demoContent()
        let file = content.appendingPathComponent(Self.page)
        let good = try String(contentsOf: file, encoding: .utf8)
        // Line 3 of the front matter: a key news pages do not have.
        let broken = good.replacingOccurrences(
            of: "\n", with: "\nautore: Giù\n", options: [], range: good.range(of: "\n"))
        try broken.write(to: file, atomically: true, encoding: .utf8)
        var site = SiteBuilder.Options(
            content: content, theme: SearchRefreshTests.repository.appendingPathComponent("themes/default"),
            output: folder.url.appendingPathComponent("site"))
        site.incremental = true
        let preview = Preview(
            site: site, pagefind: nil, port: 18_447, intakePort: 18_448, logger: Logger(label: "piazza-tests"))
        defer { try? FileManager.default.removeItem(at: preview.scratch) }
        let built = try await preview.build(watcher: SourceWatcher(roots: [content], inotify: false))
        let failure = try #require(built.failure)
        #expect(failure.portals == ["vigonza"])
        #expect(failure.spared == ["conegliano"])
        let error = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect(error.location.description == Self.page + ":2:1")
        #expect(error.message.hasPrefix("unknown key `autore` in news front matter"))
        #expect(built.report?.portals.map(\.portal) == ["conegliano"])
        #expect(built.content?.portals.map(\.id) == ["conegliano"])

        let hub = ReloadHub()
        hub.publish(failure: failure)
        let server = PreviewServer(root: preview.site.output.path, port: 0, hub: hub, logger: preview.logger)
        try await server.buildApplication().test(.router) { client in
            for path in ["/vigonza/", "/vigonza/notizie/festa-del-volontariato/", "/"] {
                let response = try await client.execute(uri: path, method: .get)
                let html = String(buffer: response.body)
                #expect(response.status == .internalServerError, "\(path)")
                #expect(html.contains("<h1>Errori nei contenuti di vigonza: 1</h1>"), "\(path)")
                #expect(html.contains("<code>\(Self.page):2:1</code> <strong>errore</strong>"), "\(path)")
                #expect(
                    html.contains(
                        "<p>Gli altri portali sono aggiornati: <a href=\"/conegliano/\">conegliano</a>.</p>"),
                    "\(path)")
            }
            let other = try await client.execute(uri: "/conegliano/", method: .get)
            #expect(other.status == .ok)
            #expect(String(buffer: other.body).contains("Conegliano"))
        }

        // The fix: the rebuild after it builds every portal and takes the overlay away.
        let (changes, change) = AsyncStream.makeStream(of: Set<String>.self)
        let (rebuilds, rebuilt) = AsyncStream.makeStream(of: Rebuild.self)
        let loop = LiveRebuild(
            site: preview.site, pagefind: nil, hub: hub, changes: changes, logger: preview.logger,
            onRebuild: { rebuilt.yield($0) })
        let running = Task { try await loop.run() }
        defer { running.cancel() }
        try good.write(to: file, atomically: true, encoding: .utf8)
        change.yield([file.standardizedFileURL.path])
        var results = rebuilds.makeAsyncIterator()
        let rebuild = try #require(await results.next())
        change.finish()
        #expect(rebuild.failure == nil)
        #expect(rebuild.portals == [])
        #expect(hub.failure == nil)
        try await server.buildApplication().test(.router) { client in
            let page = try await client.execute(uri: "/vigonza/notizie/festa-del-volontariato/", method: .get)
            #expect(page.status == .ok)
        }
    }

    @Test("an error in _shared/ concerns every portal: every page shows it, nothing else is built")
    func sharedError() async throws {
        let folder = try ScratchFolder()
        let content = try folder.demoContent()
        let privacy = content.appendingPathComponent("_shared/privacy.md")
        let text = try String(contentsOf: privacy, encoding: .utf8)
        try ("---\nautore: x\n" + text.dropFirst(4)).write(to: privacy, atomically: true, encoding: .utf8)
        var site = SiteBuilder.Options(
            content: content, theme: SearchRefreshTests.repository.appendingPathComponent("themes/default"),
            output: folder.url.appendingPathComponent("site"))
        site.incremental = true
        let preview = Preview(
            site: site, pagefind: nil, port: 18_449, intakePort: 18_450, logger: Logger(label: "piazza-tests"))
        defer { try? FileManager.default.removeItem(at: preview.scratch) }
        let built = try await preview.build(watcher: SourceWatcher(roots: [content], inotify: false))
        let failure = try #require(built.failure)
        #expect(failure.portals == nil)
        #expect(failure.diagnostics.contains { $0.location.description == "_shared/privacy.md:2:1" })
        #expect(built.report == nil)
        #expect(failure.covers("/conegliano/") && failure.covers("/vigonza/") && failure.covers("/"))
    }
}
