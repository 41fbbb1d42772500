import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaRender
import PiazzaSite
import Testing

@testable import PiazzaServe

/// Finding 23 of session 13: what only `piazza check` finds shows in the preview and in the terminal.
@Suite("The preview shows what piazza check finds in a portal that builds")
struct CheckPanelTests {
    @Test("an image without alternative text saved in a page: reported once, listed at the foot of the portal's pages")
    func imageWithoutAlt() async throws {
        let folder = try ScratchFolder()
        let content = try folder.demoContent()
        let themes = SearchRefreshTests.repository.appendingPathComponent("themes")
        var options = SiteBuilder.Options(
            content: content, theme: themes.appendingPathComponent("default"),
            output: folder.url.appendingPathComponent("site"), cache: folder.url.appendingPathComponent("cache"))
        options.incremental = true
        options.memory = RebuildMemory(themes: themes)
        _ = try SiteBuilder(options: options, logger: PageEditTests.Preview.logger).build()
        let hub = ReloadHub()
        let (changes, change) = AsyncStream.makeStream(of: Set<String>.self)
        let (checks, checked) = AsyncStream.makeStream(of: CheckRefresh.self)
        var loop = LiveRebuild(
            site: options, pagefind: nil, hub: hub, changes: changes, logger: PageEditTests.Preview.logger,
            onRebuild: { _ in })
        loop.onCheck = { checked.yield($0) }
        let running = Task { try await loop.run() }
        defer { running.cancel() }

        let page = "vigonza/notizie/festa-del-volontariato.md"
        let file = content.appendingPathComponent(page)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 26)
        try (text + "\n![](../static/logo.svg)\n").write(to: file, atomically: true, encoding: .utf8)
        change.yield([file.standardizedFileURL.path])
        var results = checks.makeAsyncIterator()
        let found = try #require(await results.next())
        change.finish()
        let message =
            "image '../static/logo.svg' has no alternative text; write what it shows between the brackets, e.g. ![Mappa della sede](../static/logo.svg)"
        #expect(found.portal == "vigonza")
        #expect(found.checkOnly.map(\.description) == ["\(page):27:1: error: \(message)"])
        #expect(hub.checks(of: "vigonza") == found.problems)
        #expect(hub.checks(of: "conegliano") == [])

        let server = PreviewServer(root: options.output.path, port: 0, hub: hub, logger: PageEditTests.Preview.logger)
        try await server.buildApplication().test(.router) { client in
            let html = String(
                buffer: try await client.execute(uri: "/vigonza/notizie/festa-del-volontariato/", method: .get).body)
            #expect(html.contains("<strong>piazza check: 1 problema in questo portale</strong>"))
            #expect(html.contains("<code>\(page):27:1</code> <strong>errore</strong>: \(Escape.html(message))</li>"))
            #expect(html.contains("</aside>" + ReloadScript.tag(generation: hub.generation) + "</body>"))
            let other = String(buffer: try await client.execute(uri: "/conegliano/", method: .get).body)
            #expect(!other.contains("data-piazza-check"))
        }
    }
}
