import Foundation
import Testing

@testable import PiazzaServe

/// A scratch folder removed at the end of the test.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ text: String, to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: false, encoding: .utf8)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).standardizedFileURL.path }
}

/// The next batch of `changes`, or `nil` after `timeout`.
func nextBatch(of changes: AsyncStream<Set<String>>, timeout: Duration = .seconds(5)) async -> Set<String>? {
    await withTaskGroup(of: Set<String>?.self) { group in
        group.addTask {
            var iterator = changes.makeAsyncIterator()
            return await iterator.next()
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

@Suite("The watcher reports each burst of changes once, with inotify and by polling")
struct SourceWatcherTests {
    @Test(
        "an editor's save (a temporary file renamed over the page: the editor's hidden one, `sed -i`'s sedXXXXXX) is one batch naming the page",
        arguments: [true, false], [".avviso.md.tmp", "sed82IFA0"])
    func saveByRename(inotify: Bool, temporary: String) throws {
        let folder = try ScratchFolder()
        try folder.write("---\ntitle: Prima\n---\n", to: "vigonza/notizie/avviso.md")
        let interval = Duration.milliseconds(100)
        var source: any ChangeSource =
            inotify ? try InotifySource(roots: [folder.url]) : PollingSource(roots: [folder.url], interval: interval)
        defer { source.close() }

        // The whole save is done before the source is read: its events are queued (inotify) or seen by one
        // scan (polling) however the threads are scheduled, so the burst is the save's and nothing else.
        try folder.write("---\ntitle: Dopo\n---\n", to: "vigonza/notizie/\(temporary)")
        #expect(
            rename(folder.path("vigonza/notizie/\(temporary)"), folder.path("vigonza/notizie/avviso.md")) == 0)

        let quiet = SourceWatcher(roots: []).quiet
        let batch = SourceWatcher.burst(from: &source, within: inotify ? .seconds(5) : interval, quiet: quiet)
        #expect(batch == [folder.path("vigonza/notizie/avviso.md")])
        #expect(SourceWatcher.burst(from: &source, within: interval, quiet: quiet) == nil, "one save, one batch")
    }

    /// Changes at given moments of a clock that moves only when the watcher waits.
    struct ScriptedSource: ChangeSource {
        var changes: [(at: Duration, path: String)]
        var now = Duration.zero
        let idleTimeout = Duration.milliseconds(250)

        mutating func wait(timeout: Duration) -> Set<String> {
            guard let first = changes.first, first.at <= now + timeout else {
                now += timeout
                return []
            }
            now = max(now, first.at)
            let due = changes.prefix { $0.at <= now }
            changes.removeFirst(due.count)
            return Set(due.map(\.path))
        }

        func close() {}
    }

    @Test("the steps of one save a few milliseconds apart are one batch; an edit after the quiet period is the next")
    func quietPeriod() {
        let quiet = SourceWatcher(roots: []).quiet
        // A save through a temporary file whose name is not a scratch one: created, written, renamed over
        // the page; then, a quiet period and a millisecond later, the next save.
        let steps: [(Duration, String)] = [
            (.milliseconds(3), "avviso.md.tmp"), (.milliseconds(7), "avviso.md.tmp"), (.milliseconds(11), "avviso.md"),
        ]
        var source = ScriptedSource(changes: steps + [(.milliseconds(12) + quiet, "orari.md")])
        #expect(
            SourceWatcher.burst(from: &source, within: source.idleTimeout, quiet: quiet) == [
                "avviso.md", "avviso.md.tmp",
            ])
        #expect(SourceWatcher.burst(from: &source, within: source.idleTimeout, quiet: quiet) == ["orari.md"])
        #expect(SourceWatcher.burst(from: &source, within: source.idleTimeout, quiet: quiet) == nil)
    }

    @Test("a folder created while watching is watched too", arguments: [true, false])
    func newFolder(inotify: Bool) async throws {
        let folder = try ScratchFolder()
        try folder.write("x", to: "vigonza/portal.yaml")
        let (_, changes) = SourceWatcher(roots: [folder.url], pollInterval: .milliseconds(100), inotify: inotify)
            .start()
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("vigonza/servizi"), withIntermediateDirectories: true)
        if inotify {
            #expect(await nextBatch(of: changes) == [folder.path("vigonza/servizi")])
        }
        try await Task.sleep(for: .milliseconds(100))
        try folder.write("nuovo", to: "vigonza/servizi/tutor.md")
        let batch = try #require(await nextBatch(of: changes))
        #expect(batch.contains(folder.path("vigonza/servizi/tutor.md")), "batch: \(batch)")
    }
}

@Suite("A change rebuilds the portals it concerns")
struct RebuildScopeTests {
    @Test(
        "the scope of one changed file",
        arguments: [
            ("content/vigonza/servizi/tutor.md", [String](), RebuildScope.portals(["vigonza"])),
            ("content/vigonza/forms/domanda.yaml", [], .portals(["vigonza"])),
            ("content/vigonza/portal.yaml", [], .all),
            ("content/_shared/servizi/tutor.md", [], .all),
            ("content/nuovo", [], .all),
            ("themes/default/templates/base.mustache", [], .all),
            ("content/conegliano/notizie/a.md", ["vigonza"], RebuildScope.none),
        ])
    func scope(changed: String, selected: [String], expected: RebuildScope) throws {
        let folder = try ScratchFolder()
        try folder.write("id: vigonza", to: "content/vigonza/portal.yaml")
        try folder.write("id: conegliano", to: "content/conegliano/portal.yaml")
        let scope = RebuildScope.of(
            [folder.path(changed)], content: folder.url.appendingPathComponent("content"), selected: selected)
        #expect(scope == expected)
    }
}
