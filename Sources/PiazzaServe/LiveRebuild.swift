import Foundation
import Logging
import PiazzaContent
import PiazzaSite
import ServiceLifecycle
import Synchronization

/// One rebuild of the preview after a change, as the terminal reports it.
public struct Rebuild: Sendable {
    /// The changed files, absolute, sorted.
    public var changed: [String]
    /// The portals rebuilt; empty when every portal of the preview was.
    public var portals: [String]
    /// Wall time of the build, from the end of the burst of changes to the new files in place.
    public var seconds: Double
    /// Why it failed; `nil` when the new site is being served.
    public var failure: PreviewFailure?
    /// Warnings of a successful build.
    public var warnings: [Diagnostic]
    /// How many pages and generated files the build rendered; an incremental build reuses the others.
    public var rendered = 0
    /// The portals no longer in the content that this rebuild took out of the preview
    /// (``BuildCache/retirePortals(keeping:)``), sorted.
    public var retired: [String] = []
}

/// Which portals a burst of changes asks to rebuild.
enum RebuildScope: Equatable {
    /// Every portal of the preview (and the network home).
    case all
    /// Only these portals: every change was inside their own folders, none in `portal.yaml`.
    case portals([String])
    /// Nothing: the changes were in portals the preview does not build (`--portal`).
    case none

    /// The scope of `changed` (absolute paths) under `content`, for a preview of `selected` portals
    /// (empty: all).
    ///
    /// A change to the theme, `_shared/`, a `portal.yaml` (its name is on the network home) or a
    /// portal folder itself rebuilds everything; a change inside one portal's pages, forms,
    /// calendars, merchants or static files rebuilds that portal, whose build reads nothing of the
    /// others.
    static func of(_ changed: Set<String>, content: URL, selected: [String]) -> RebuildScope {
        let root = content.standardizedFileURL.path + "/"
        var portals: Set<String> = []
        for path in changed {
            guard path.hasPrefix(root) else { return .all }
            let parts = path.dropFirst(root.count).split(separator: "/")
            guard parts.count >= 2, parts[0] != "_shared", parts.count > 2 || parts[1] != "portal.yaml" else {
                return .all
            }
            let portal = String(parts[0])
            guard FileManager.default.fileExists(atPath: root + portal + "/portal.yaml") else { return .all }
            portals.insert(portal)
        }
        if !selected.isEmpty { portals.formIntersection(selected) }
        return portals.isEmpty ? .none : .portals(portals.sorted())
    }
}

/// A refresh of one portal's search index after a rebuild, as the terminal reports it.
public struct SearchRefresh: Sendable {
    public var portal: String
    /// Wall time of Pagefind's run and the move of its index into the preview.
    public var seconds: Double
    /// Why the index was not refreshed (the old one is still served); `nil` when it was.
    public var failure: String?
}

/// The watch → rebuild → reload loop of `piazza serve`, a service of the preview's group.
///
/// Each burst of changes rebuilds the portals it concerns through the same ``SiteBuilder`` as
/// `piazza build`; with ``SiteBuilder/Options/incremental`` (what `piazza serve` sets) only the outputs
/// the changed files reach are rendered, the others reused from the last build, and with
/// ``SiteBuilder/Options/memory`` only the changed files are read again (the burst is what the memory
/// forgets). An edit of pages' bodies alone renders those pages against the portal of the last build and
/// replaces their files (``SiteBuilder/rebuildPages(_:)``); any other change builds. A build writes into the build cache and swaps each portal folder in at once, so the file
/// server never serves a half-written portal; a failed build leaves the last good site on disk and the
/// overlay page in the browser. After a failure the next change rebuilds every portal, so the overlay
/// goes only when the whole preview builds again.
///
/// Pagefind runs after the tabs were told to reload, in a task of its own: each rebuilt portal keeps
/// the index it had (``SiteBuilder/Options/keepsSearchIndex``) until the refresh replaces it, and the
/// portals rebuilt while Pagefind runs are indexed once it is done, each once however many bursts
/// asked for it.
struct LiveRebuild: Service {
    let site: SiteBuilder.Options
    let pagefind: URL?
    let hub: ReloadHub
    let changes: AsyncStream<Set<String>>
    let logger: Logger
    let onRebuild: @Sendable (Rebuild) -> Void
    var onSearchRefresh: @Sendable (SearchRefresh) -> Void = { _ in }

    /// The portals waiting for a search index, shared by the rebuild loop and the refresh task.
    private final class Pending: Sendable {
        let portals = Mutex<Set<String>>([])

        func take() -> [String] {
            portals.withLock { portals in
                defer { portals = [] }
                return portals.sorted()
            }
        }
    }

    func run() async throws {
        let (requests, requester) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let pending = Pending()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                if let pagefind {
                    group.addTask { await refreshSearch(requests, pending, with: pagefind) }
                }
                // The changes of a rebuild that met a file saved while it read it, for the next burst's.
                var deferred: Set<String> = []
                for await burst in changes.cancelOnGracefulShutdown() {
                    let changed = burst.union(deferred)
                    deferred = []
                    var scope = RebuildScope.of(changed, content: site.content, selected: site.portals)
                    site.memory?.forget(changed)
                    if scope == .none { continue }
                    if hub.failure != nil { scope = .all }
                    let (rebuild, built) = await build(scope, changed: changed)
                    if rebuild.failure?.isFileChangedDuringRun == true {
                        // The save that changed the file is the watcher's next burst, certain to come: rebuild
                        // then, with these changes too, without sending the tabs to the overlay meanwhile.
                        deferred = changed
                        continue
                    }
                    hub.publish(failure: rebuild.failure)
                    onRebuild(rebuild)
                    if pagefind != nil && !built.isEmpty {
                        pending.portals.withLock { $0.formUnion(built) }
                        requester.yield()
                    }
                }
                requester.finish()
            }
        } onGracefulShutdown: {
            hub.close()
        }
    }

    /// Indexes the portals ``Pending`` holds each time a rebuild asks, until the loop ends.
    private func refreshSearch(_ requests: AsyncStream<Void>, _ pending: Pending, with pagefind: URL) async {
        let builder = SiteBuilder(options: site, logger: logger)
        for await _ in requests.cancelOnGracefulShutdown() {
            for portal in pending.take() {
                let start = ContinuousClock.now
                var refresh = SearchRefresh(portal: portal, seconds: 0)
                do {
                    _ = try await builder.refreshSearchIndex(of: portal, with: pagefind)
                } catch {
                    refresh.failure = error.message
                }
                refresh.seconds = Self.seconds(since: start)
                onSearchRefresh(refresh)
            }
        }
    }

    /// Builds as `piazza build` does, without the search index; ``SiteBuilder/build(searchIndex:)``
    /// renders off the cooperative pool, which keeps serving pages meanwhile. Returns the portals
    /// swapped in (none when the build failed).
    private func build(_ scope: RebuildScope, changed: Set<String>) async -> (Rebuild, [String]) {
        var options = site
        options.now = Date()
        options.keepsSearchIndex = pagefind != nil
        if case .portals(let portals) = scope { options.portals = portals }
        let builder = SiteBuilder(options: options, logger: logger)
        let start = ContinuousClock.now
        var rebuild = Rebuild(
            changed: changed.sorted(), portals: scope == .all ? [] : options.portals, seconds: 0, failure: nil,
            warnings: [])
        var built: [String] = []
        do {
            if case .portals = scope, let edit = try await builder.rebuildPages(changed) {
                rebuild.warnings = edit.warnings
                rebuild.rendered = edit.portals.reduce(0) { $0 + $1.rendered.count }
                rebuild.seconds = Self.seconds(since: start)
                return (rebuild, edit.portals.map(\.portal))
            }
            let report = try await builder.build(searchIndex: nil)
            rebuild.warnings = report.warnings
            rebuild.rendered = report.portals.reduce(0) { $0 + $1.rendered.count }
            built = report.portals.map(\.portal)
            if options.portals.isEmpty {
                // A portal folder removed or renamed while serving must not stay in the preview.
                rebuild.retired = try BuildCache(output: options.output, folder: options.cache)
                    .retirePortals(keeping: Set(built)).map(\.portal)
            }
        } catch {
            rebuild.failure = PreviewFailure(error)
        }
        rebuild.seconds = Self.seconds(since: start)
        return (rebuild, built)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
