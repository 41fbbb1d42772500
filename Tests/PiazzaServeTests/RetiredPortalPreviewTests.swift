import Foundation
import Logging
import PiazzaSite
import Testing

@testable import PiazzaServe

/// Finding 13 of session 13, in `piazza serve`: a portal folder removed while serving leaves the preview.
@Suite("A portal removed while serving is no longer served")
struct RetiredPortalPreviewTests {
    @Test("the rebuild after a portal folder is moved away takes it out of the preview and says so")
    func removedPortal() async throws {
        let folder = try ScratchFolder()
        let content = try folder.demoContent()
        let themes = SearchRefreshTests.repository.appendingPathComponent("themes")
        var options = SiteBuilder.Options(
            content: content, theme: themes.appendingPathComponent("default"),
            output: folder.url.appendingPathComponent("site"), cache: folder.url.appendingPathComponent("cache"))
        options.incremental = true
        options.memory = RebuildMemory(themes: themes)
        _ = try SiteBuilder(options: options, logger: PageEditTests.Preview.logger).build()
        let (changes, change) = AsyncStream.makeStream(of: Set<String>.self)
        let (rebuilds, rebuilt) = AsyncStream.makeStream(of: Rebuild.self)
        let loop = LiveRebuild(
            site: options, pagefind: nil, hub: ReloadHub(), changes: changes, logger: PageEditTests.Preview.logger,
            onRebuild: { rebuilt.yield($0) })
        let running = Task { try await loop.run() }
        defer { running.cancel() }

        let removed = content.appendingPathComponent("conegliano")
        try FileManager.default.moveItem(at: removed, to: folder.url.appendingPathComponent("conegliano"))
        change.yield([removed.standardizedFileURL.path])
        var results = rebuilds.makeAsyncIterator()
        let rebuild = try #require(await results.next())
        change.finish()
        #expect(rebuild.failure == nil)
        #expect(rebuild.retired == ["conegliano"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: options.output.path).sorted() == [
                "index.html", "vigonza",
            ])
    }

    @Test("a portal folder removed while the preview was stopped leaves the preview when it starts again")
    func removedWhileStopped() async throws {
        let folder = try ScratchFolder()
        let content = try folder.demoContent()
        var site = SiteBuilder.Options(
            content: content, theme: SearchRefreshTests.repository.appendingPathComponent("themes/default"),
            output: folder.url.appendingPathComponent("site"))
        site.incremental = true
        func start() async throws -> (Preview, Preview.Built) {
            let preview = Preview(
                site: site, pagefind: nil, port: 18_453, intakePort: 18_454, logger: Logger(label: "piazza-tests"))
            defer { try? FileManager.default.removeItem(at: preview.scratch) }
            return (preview, try await preview.build(watcher: SourceWatcher(roots: [content], inotify: false)))
        }
        let (preview, first) = try await start()
        #expect(first.retired == [])
        try FileManager.default.moveItem(
            at: content.appendingPathComponent("conegliano"), to: folder.url.appendingPathComponent("conegliano"))
        let (_, second) = try await start()
        #expect(second.retired == ["conegliano"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: preview.site.output.path).sorted() == [
                "index.html", "vigonza",
            ])
    }
}
