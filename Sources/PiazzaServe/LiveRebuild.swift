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
    /// Why it failed; `nil` when the new site is being served. A failure confined to some portals
    /// (``PreviewFailure/portals``) had the others rebuilt and served (``PreviewFailure/spared``).
    public var failure: PreviewFailure?
    /// Warnings of a successful build, or of the build of the portals a failure spared.
    public var warnings: [Diagnostic]
    /// How many pages and generated files the build (or that of the spared portals) rendered; an
    /// incremental build reuses the others.
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

/// What `piazza check` found in one portal after a rebuild, when it differs from what it found before.
public struct CheckRefresh: Sendable {
    public var portal: String
    /// Every problem the audit found (``SiteBuilder/audit()``), the build's warnings included, sorted.
    public var problems: [Diagnostic]
    /// Those the rebuild did not report: what only `piazza check` finds.
    public var checkOnly: [Diagnostic]
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
/// overlay page in the browser, on the broken portals' pages only when the errors are in their own files
/// (the others are built again without them, ``SiteBuilder/sparing(_:searchIndex:)``). After a failure the
/// next change rebuilds every portal, so the overlay goes only when the whole preview builds again.
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
    /// Called with the report of each build that swapped portals in (not a page edit, which changes no
    /// form), and whether it built every portal of the preview: what the preview intake serves next.
    var onBuilt: @Sendable (SiteBuilder.Report, _ whole: Bool) async -> Void = { _, _ in }
    /// Called after the audit of a rebuilt portal when its findings changed (``CheckRefresh``).
    var onCheck: @Sendable (CheckRefresh) -> Void = { _ in }
    /// The portals of the first build, audited when the loop starts (``onCheck``), and the warnings it printed.
    var firstBuilt: (portals: [String], warnings: [Diagnostic]) = ([], [])

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

    /// The warnings of the last rebuild, which the terminal printed already.
    private final class Printed: Sendable {
        let warnings: Mutex<Set<Diagnostic>>

        init(_ warnings: [Diagnostic]) { self.warnings = Mutex(Set(warnings)) }
    }

    func run() async throws {
        let (requests, requester) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let pending = Pending()
        let (audits, auditor) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let toAudit = Pending()
        let printed = Printed(firstBuilt.warnings)
        toAudit.portals.withLock { $0.formUnion(firstBuilt.portals) }
        auditor.yield()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                if let pagefind {
                    group.addTask { await refreshSearch(requests, pending, with: pagefind) }
                }
                group.addTask { await refreshChecks(audits, toAudit, printed: printed) }
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
                    if !built.isEmpty {
                        printed.warnings.withLock { $0 = Set(rebuild.warnings) }
                        toAudit.portals.withLock { $0.formUnion(built) }
                        auditor.yield()
                    }
                }
                requester.finish()
                auditor.finish()
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

    /// Audits the portals ``Pending`` holds each time a rebuild asks, as `piazza check` does (``SiteBuilder/audit()``:
    /// the portal rendered again without writing, then its links, anchors, images and featured measures), until
    /// the loop ends; records the findings in the hub (``CheckPanel``) and reports those that changed.
    ///
    /// After the rebuild and the reload of the tabs, off the cooperative pool: a second render of the portal, which
    /// an edit's reload does not wait for. A file saved meanwhile is audited after the rebuild that follows.
    private func refreshChecks(_ requests: AsyncStream<Void>, _ pending: Pending, printed: Printed) async {
        for await _ in requests.cancelOnGracefulShutdown() {
            for portal in pending.take() {
                var options = site
                options.portals = [portal]
                options.now = Date()
                let builder = SiteBuilder(options: options, logger: logger)
                let check = await withCheckedContinuation { continuation in
                    DispatchQueue.global().async { continuation.resume(returning: try? builder.audit()) }
                }
                guard let check, !check.diagnostics.contains(where: \.isFileChangedDuringRun) else { continue }
                if hub.publish(checks: check.diagnostics, of: portal) {
                    let known = printed.warnings.withLock { $0 }
                    onCheck(
                        CheckRefresh(
                            portal: portal, problems: check.diagnostics,
                            checkOnly: check.diagnostics.filter { !known.contains($0) }))
                }
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
            await onBuilt(report, options.portals.isEmpty)
            if options.portals.isEmpty {
                // A portal folder removed or renamed while serving must not stay in the preview.
                rebuild.retired = try BuildCache(output: options.output, folder: options.cache)
                    .retirePortals(keeping: Set(built)).map(\.portal)
            }
        } catch {
            let (failure, others) = await builder.sparing(error, searchIndex: nil)
            rebuild.failure = failure
            if let others {
                rebuild.warnings = others.warnings
                rebuild.rendered = others.portals.reduce(0) { $0 + $1.rendered.count }
                built = others.portals.map(\.portal)
                await onBuilt(others, false)
            }
        }
        rebuild.seconds = Self.seconds(since: start)
        return (rebuild, built)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
