import Foundation
import Logging
import PiazzaSite
import Testing

@testable import PiazzaServe

/// `piazza serve`'s fast path for an edit of a page's body (``SiteBuilder/rebuildPages(_:)``).
@Suite("An edit of a page's body renders that page alone, against the portal of the last build")
struct PageEditTests {
    /// The demo content built as `piazza serve` builds it: incremental, with one memory, vigonza only.
    struct Preview {
        let folder: ScratchFolder
        let content: URL
        let memory: RebuildMemory
        let options: SiteBuilder.Options
        static let logger = Logger(label: "piazza-tests")

        init() throws {
            folder = try ScratchFolder()
            content = try folder.demoContent()
            let themes = SearchRefreshTests.repository.appendingPathComponent("themes")
            memory = RebuildMemory(themes: themes)
            var options = SiteBuilder.Options(
                content: content, theme: themes.appendingPathComponent("default"),
                output: folder.url.appendingPathComponent("site"), portals: ["vigonza"])
            options.incremental = true
            options.memory = memory
            self.options = options
        }

        /// A whole incremental build; what it rendered.
        @discardableResult
        func build() throws -> [String] {
            try SiteBuilder(options: options, logger: Self.logger).build().portals.flatMap(\.rendered)
        }

        /// Replaces `old` with `new` in a file of `content/`, tells the memory as the watcher would, and tries
        /// the fast path; what it rendered, `nil` when it left the change to a build.
        func edit(_ file: String, replacing old: String, with new: String) async throws -> [String]? {
            let url = content.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
            let changed: Set<String> = [url.standardizedFileURL.path]
            memory.forget(changed)
            return try await SiteBuilder(options: options, logger: Self.logger).rebuildPages(changed)?.portals
                .flatMap(\.rendered)
        }

        /// The served site is what a clean build of the same content writes, byte for byte.
        func expectSameAsCleanBuild(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let clean = try ScratchFolder()
            var options = options
            options.output = clean.url.appendingPathComponent("site")
            options.incremental = false
            options.memory = nil
            options.cache = nil
            _ = try SiteBuilder(options: options, logger: Self.logger).build()
            let expected = try PreviewPreparationTests.files(in: options.output)
            let served = try PreviewPreparationTests.files(in: self.options.output)
            #expect(served.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
            let differing = expected.keys.filter { served[$0] != expected[$0] }.sorted()
            #expect(differing == [], sourceLocation: sourceLocation)
        }

        func page(_ path: String) throws -> String {
            try String(contentsOf: options.output.appendingPathComponent("vigonza/" + path), encoding: .utf8)
        }
    }

    @Test("a news and a service body each render their page alone; the next build renders them again; as a clean build")
    func bodyEdits() async throws {
        let preview = try Preview()
        try preview.build()
        let news = "notizie/festa-del-volontariato/index.html"
        #expect(
            try await preview.edit(
                "vigonza/notizie/festa-del-volontariato.md", replacing: "\n---\n", with: "\n---\n\nMarcatore uno.\n")
                == [news])
        #expect(try preview.page(news).contains("Marcatore uno."))
        try preview.expectSameAsCleanBuild()
        let service = "servizi/centro-estivo/index.html"
        #expect(
            try await preview.edit(
                "vigonza/servizi/centro-estivo.md", replacing: "un educatore di sostegno", with: "due educatori")
                == [service])
        try preview.expectSameAsCleanBuild()
        // Twice the same page: the record no longer names it, so it is not written again.
        #expect(
            try await preview.edit(
                "vigonza/notizie/festa-del-volontariato.md", replacing: "Marcatore uno.", with: "Marcatore due.")
                == [news])
        try preview.expectSameAsCleanBuild()
        // The live folder's record forgot the edited pages: the next build renders them, and nothing else.
        #expect(try preview.build() == [news, service])
        try preview.expectSameAsCleanBuild()
    }

    @Test(
        "a change that may reach more than the page's body is left to the build, which is not started here",
        arguments: [
            // The front matter: lists, feeds and breadcrumbs show it.
            ("vigonza/notizie/festa-del-volontariato.md", "title: ", "title: Nuova "),
            // A measure's page shows whether its bando is open at the moment of the build.
            ("vigonza/misure/misura-1-buoni-spesa.md", "\n---\n", "\n---\n\nMarcatore.\n"),
            // Inherited by every portal.
            ("_shared/faq.md", "\n---\n", "\n---\n\nMarcatore.\n"),
            // A broken link is an error the build reports.
            ("vigonza/notizie/festa-del-volontariato.md", "\n---\n", "\n---\n\n[rotto](nessuna.md)\n"),
            // Not a page.
            ("vigonza/portal.yaml", "name: ", "name: Nuovo "),
        ])
    func leftToBuild(file: String, old: String, new: String) async throws {
        let preview = try Preview()
        try preview.build()
        let before = try PreviewPreparationTests.files(in: preview.options.output)
        #expect(try await preview.edit(file, replacing: old, with: new) == nil)
        #expect(try PreviewPreparationTests.files(in: preview.options.output) == before)
    }

    @Test("piazza serve's rebuild loop takes the fast path for a body edit and builds for any other")
    func liveRebuild() async throws {
        let preview = try Preview()
        try preview.build()
        let (changes, change) = AsyncStream.makeStream(of: Set<String>.self)
        let (rebuilds, rebuilt) = AsyncStream.makeStream(of: Rebuild.self)
        let loop = LiveRebuild(
            site: preview.options, pagefind: nil, hub: ReloadHub(), changes: changes, logger: Preview.logger,
            onRebuild: { rebuilt.yield($0) })
        let running = Task { try await loop.run() }
        defer { running.cancel() }
        var results = rebuilds.makeAsyncIterator()
        for (file, old, new, rendered) in [
            ("notizie/festa-del-volontariato.md", "\n---\n", "\n---\n\nMarcatore.\n", 1),
            ("notizie/festa-del-volontariato.md", "title: ", "title: Nuova ", 5),
        ] {
            let url = preview.content.appendingPathComponent("vigonza/" + file)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
            change.yield([url.standardizedFileURL.path])
            let rebuild = try #require(await results.next())
            #expect(rebuild.failure == nil)
            #expect(rebuild.rendered == rendered, "\(file): \(new)")
        }
        change.finish()
        try preview.expectSameAsCleanBuild()
    }
}
