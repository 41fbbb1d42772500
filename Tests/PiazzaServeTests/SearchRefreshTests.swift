import Foundation
import Logging
import PiazzaContent
import PiazzaSite
import Synchronization
import Testing

@testable import PiazzaServe

@Suite("piazza serve reloads the tabs first and refreshes the search index after")
struct SearchRefreshTests {
    /// The repository, from `Tests/PiazzaServeTests/SearchRefreshTests.swift`.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// An executable `pagefind` in `folder` that runs `body` (called as `pagefind --site S --output-path I --quiet`).
    static func pagefind(_ name: String, _ body: String, in folder: ScratchFolder) throws -> URL {
        try folder.write("#!/bin/sh\n" + body + "\n", to: name)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path(name))
        return folder.url.appendingPathComponent(name)
    }

    /// Waits up to a minute for `condition`.
    static func wait(for condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test(
        "a page edit is published and announced while Pagefind still runs; its index replaces the old one after, and the edits saved meanwhile are indexed once"
    )
    func reloadBeforeIndex() async throws {
        let folder = try ScratchFolder()
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("content"), to: content)
        var site = SiteBuilder.Options(
            content: content, theme: Self.repository.appendingPathComponent("themes/default"),
            output: folder.url.appendingPathComponent("site"), portals: ["vigonza"])
        site.incremental = true
        site.parseCache = ParseCache()
        site.memory = RebuildMemory(themes: Self.repository.appendingPathComponent("themes"))
        let logger = Logger(label: "piazza-tests")
        let first = try Self.pagefind("first", #"mkdir -p "$4" && echo first > "$4/pagefind.js""#, in: folder)
        _ = try await SiteBuilder(options: site, logger: logger).build(searchIndex: first)
        // The refresh says it started, then waits for the test to let it finish.
        let (started, go) = (folder.path("started"), folder.path("go"))
        let later = try Self.pagefind(
            "later",
            #"touch "\#(started)"; while [ ! -e "\#(go)" ]; do sleep 0.02; done; mkdir -p "$4" && echo later > "$4/pagefind.js""#,
            in: folder)

        let hub = ReloadHub()
        let refreshes = Mutex<[SearchRefresh]>([])
        let (changes, changer) = AsyncStream.makeStream(of: Set<String>.self)
        let rebuild = LiveRebuild(
            site: site, pagefind: later, hub: hub, changes: changes, logger: logger, onRebuild: { _ in },
            onSearchRefresh: { refresh in refreshes.withLock { $0.append(refresh) } })
        let running = Task { try await rebuild.run() }

        let news = content.appendingPathComponent("vigonza/notizie/festa-del-volontariato.md")
        let text = try String(contentsOf: news, encoding: .utf8)
        /// Saves the news item with `words` in place of "volontariato", as the watcher reports it.
        func save(_ words: String) throws {
            try text.replacingOccurrences(of: "volontariato", with: words).write(
                to: news, atomically: true, encoding: .utf8)
            changer.yield([news.standardizedFileURL.path])
        }
        try save("volontariato e del dono")

        #expect(try await Self.wait { hub.generation == 1 })
        #expect(hub.failure == nil)
        let page = try String(
            contentsOf: folder.url.appendingPathComponent("site/vigonza/notizie/festa-del-volontariato/index.html"),
            encoding: .utf8)
        #expect(page.contains("volontariato e del dono"))
        // The portal swapped in kept the index of the build it replaced; none is refreshed yet.
        let index = folder.url.appendingPathComponent("site/vigonza/pagefind/pagefind.js")
        #expect(try String(contentsOf: index, encoding: .utf8) == "first\n")
        #expect(refreshes.withLock { $0.isEmpty })
        // Two more rebuilds while Pagefind runs: one more refresh covers both.
        #expect(try await Self.wait { FileManager.default.fileExists(atPath: started) })
        try save("volontariato e della solidarietà")
        #expect(try await Self.wait { hub.generation == 2 })
        try save("volontariato e della festa")
        #expect(try await Self.wait { hub.generation == 3 })
        #expect(refreshes.withLock { $0.isEmpty })

        try "".write(toFile: go, atomically: false, encoding: .utf8)
        #expect(try await Self.wait { refreshes.withLock { $0.count == 2 } })
        try await Task.sleep(for: .milliseconds(500))
        #expect(refreshes.withLock { $0.map(\.portal) } == ["vigonza", "vigonza"])
        #expect(refreshes.withLock { $0.map(\.failure) } == [nil, nil])
        #expect(try String(contentsOf: index, encoding: .utf8) == "later\n")
        changer.finish()
        try await running.value
    }
}
