import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import Logging
import PiazzaContent
import PiazzaRender
import Synchronization

/// Builds static sites: content tree + theme → `site/<portal>/` for each portal and `site/index.html`.
public struct SiteBuilder: Sendable {
    /// What to build and where.
    public struct Options: Sendable {
        public var content: URL
        public var theme: URL
        public var output: URL
        /// Portal ids to build; empty builds all.
        public var portals: [String]
        /// The moment pages are built for (open bandi); fixed per build.
        public var now: Date
        /// When set, every form posts here instead of its portal's `intake_url` (local preview, tests).
        public var intakeURL: String?
        /// Where builds are made and earlier builds kept (``BuildCache``); `nil` for `.piazza/<output name>/`
        /// next to the output.
        public var cache: URL?
        /// Told of each phase of ``SiteBuilder/build()`` (``ProgressDisplay`` shows them).
        public var progress: (@Sendable (BuildEvent) -> Void)?
        /// Render only the outputs whose inputs changed since the last incremental build, reusing the
        /// others (the dependency graph kept in the build cache); the output is a clean build's, byte for byte.
        public var incremental = false
        /// Pages, forms and calendars parsed by an earlier build, reused when their text is unchanged; `nil`
        /// parses every file (unless ``memory`` keeps them).
        public var parseCache: ParseCache?
        /// The themes, parsed files and build records of an earlier build, kept until the watcher says they
        /// changed (`piazza serve`, see ``RebuildMemory``); `nil` loads the themes and reads every file.
        public var memory: RebuildMemory?
        /// Each portal swapped in keeps the search index of the build it replaces, for
        /// ``refreshSearchIndex(of:with:)`` to bring up to date later (`piazza serve`'s rebuilds, which
        /// reload the tabs before Pagefind runs); `false` leaves a portal built without an index without one.
        public var keepsSearchIndex = false

        public init(
            content: URL, theme: URL, output: URL, portals: [String] = [], now: Date = Date(), intakeURL: String? = nil,
            cache: URL? = nil
        ) {
            self.content = content
            self.theme = theme
            self.output = output
            self.portals = portals
            self.now = now
            self.intakeURL = intakeURL
            self.cache = cache
        }
    }

    /// Counts of one portal's build.
    public struct PortalReport: Sendable {
        public var portal: String
        public var pages: Int
        public var files: Int
        public var seconds: Double
        /// With ``Options/incremental``, the pages and generated files rendered by this build, paths relative
        /// to the portal folder, sorted; the others were reused. Copied assets and static files are not
        /// listed. Empty in a full build, which renders every output.
        public var rendered: [String] = []
        /// With ``Options/incremental``, why this portal was rendered whole (no earlier incremental build,
        /// one by another piazza, a damaged record); `nil` when it reused what it could or was not asked to.
        public var fullBuildReason: String?
    }

    /// What a build did.
    public struct Report: Sendable {
        public var portals: [PortalReport]
        public var warnings: [Diagnostic]
        public var loadSeconds: Double
        /// Whether each portal got a search index (``build(searchIndex:)`` was given Pagefind).
        public var searchIndexed = false
        /// The content as built (forms posting to ``Options/intakeURL`` when set), so that what
        /// serves the sites (`piazza serve`) does not load it again: kept by a build with ``Options/memory``
        /// (whose memory keeps every portal for its page edits anyway); `nil` for the others, which let each
        /// portal go once it is rendered.
        public var content: ContentTree?
        /// The default theme (the network home's; a portal may name another, see ``PortalThemes``).
        public var theme: Theme
    }

    public let options: Options
    public let logger: Logger

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Builds every selected portal on the calling thread, without a search index; nothing of a portal
    /// is replaced unless its whole build succeeded.
    ///
    /// - Throws: ``ContentError`` with every diagnostic when any is an error; ``ThemeError``;
    ///   ``BuildError`` when the output cannot be written or another build holds it.
    public func build() throws -> Report {
        let rendered = try render()
        defer { rendered.lock.release() }
        return try publish(rendered, searchIndexed: false)
    }

    /// Builds every selected portal as ``build()`` does and, when `pagefind` is set, indexes each one
    /// with it (``SearchIndex``) before the swap; with `nil` the search page shows the catalogue only.
    ///
    /// Rendering and the swap are synchronous and CPU-bound: they run on a thread of Dispatch's pool,
    /// so the cooperative pool (two threads on two cores) keeps serving meanwhile (`piazza serve`),
    /// and Pagefind, a child process, is awaited.
    ///
    /// - Throws: what ``build()`` throws; ``BuildError`` `.search` when Pagefind cannot start or fails.
    public func build(searchIndex pagefind: URL?) async throws -> Report {
        var rendered = try await Self.offPool { try render() }
        defer { rendered.lock.release() }
        if let pagefind {
            for (index, output) in rendered.outputs.enumerated() {
                rendered.reports[index].files += try await SearchIndex(program: pagefind).build(output)
            }
        }
        return try await Self.offPool { [rendered] in try publish(rendered, searchIndexed: pagefind != nil) }
    }

    /// Every portal rendered into its scratch folder, not yet swapped in; holds the cache's lock.
    private struct Rendered: Sendable {
        /// What the network home shows of each portal rendered (``Portal/networkSummary``).
        var summaries: [Portal]
        /// The portals rendered, kept for ``Options/memory`` only (``Report/content``).
        var content: ContentTree?
        var warnings: [Diagnostic]
        var theme: Theme
        var loadSeconds: Double
        var cache: BuildCache
        var lock: BuildCache.Lock
        var outputs: [AtomicOutput]
        var reports: [PortalReport]
        /// What each output was rendered from, in the order of ``outputs``, kept for ``Options/memory`` only
        /// (`piazza serve`'s page edits render against it): a renderer holds what its portal's pages share (the
        /// facet pages' service cards, the catalogue), about 18 MB a portal of 10,000 pages, which a build without
        /// memory lets go once the portal is rendered, so that its memory does not grow with every portal.
        var renderers: [PortalRenderer]
        /// The content hashes of each portal's files, by portal id (``ContentTree/digests``), kept with
        /// ``renderers``.
        var digests: [String: [String: SourceDigest]]
    }

    /// Loads and renders the selected portals into the build cache one at a time, each let go once rendered
    /// (``ContentReader``), so that a build holds one portal's pages, not the whole tree's; throws before
    /// anything is swapped in when any diagnostic is an error. A portal's content errors do not stop the
    /// portals after it: editors see every problem of a run at once.
    private func render() throws -> Rendered {
        try options.checkFolders()
        let start = Date()
        let reader = ContentReader(
            from: options.content, portals: options.portals.isEmpty ? nil : options.portals,
            parseCache: options.memory?.parses ?? options.parseCache,
            hash: options.incremental ? BuildInputs.sha256 : nil)
        let ids = reader.portalIDs
        // The first portal loads while the themes do, each next one while the one before it renders.
        var next = ids.first.map { PortalPrefetch($0, reader: reader) }
        // A build that stops (a theme or output error) lets no load run on after it.
        defer { _ = next?.wait() }
        var themes = try BuildThemes(options)
        var diagnostics = reader.diagnostics
        // The warnings of loading (``ContentTree/warnings``); rendering's come with its errors only.
        var warnings = reader.diagnostics.items.filter { $0.severity == .warning }
        do {
            try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        } catch {
            throw BuildError(.output, "cannot create output folder \(options.output.path)", cause: error)
        }
        let cache = BuildCache(output: options.output, folder: options.cache)
        let lock = try cache.lock()
        cache.removeLegacyFolders()
        var rendered = Rendered(
            summaries: [], content: nil, warnings: [], theme: themes.base, loadSeconds: Date().timeIntervalSince(start),
            cache: cache, lock: lock, outputs: [], reports: [], renderers: [], digests: [:])
        var kept: [Portal] = []
        for (index, id) in ids.enumerated() {
            guard let (loaded, loadSeconds) = next?.wait() else { break }
            next = index + 1 < ids.count ? PortalPrefetch(ids[index + 1], reader: reader) : nil
            let loadStart = Date()
            diagnostics.append(contentsOf: loaded.diagnostics)
            warnings += loaded.diagnostics.items.filter { $0.severity == .warning }
            guard let portal = loaded.portal.map({ options.intakeURL.map($0.replacingIntakeURL) ?? $0 }) else {
                continue
            }
            let renderer = PortalRenderer(portal: portal, theme: try themes.theme(for: portal), now: options.now)
            let seconds = loadSeconds + Date().timeIntervalSince(loadStart)
            rendered.loadSeconds += seconds
            options.progress?(.loaded(portal: id, pages: portal.pages.count, seconds: seconds))
            let (output, report, problems) = try render(
                renderer, digests: loaded.digests, cache: cache, index: index, of: ids.count)
            diagnostics.append(contentsOf: problems)
            rendered.outputs.append(output)
            rendered.reports.append(report)
            rendered.summaries.append(portal.networkSummary)
            if options.memory != nil {
                rendered.renderers.append(renderer)
                rendered.digests[id] = loaded.digests
                kept.append(portal)
            }
        }
        if diagnostics.hasErrors { throw ContentError(diagnostics) }
        rendered.warnings = warnings.sorted()
        if options.memory != nil {
            rendered.content = ContentTree(
                root: reader.root, portals: kept, warnings: rendered.warnings, digests: rendered.digests)
        }
        return rendered
    }

    /// Renders one portal into its scratch folder; returns the folder, the portal's report and what
    /// rendering found.
    ///
    /// - Parameters:
    ///   - digests: the content hashes of the portal's files (``ContentReader/Loaded/digests``).
    ///   - index: the portal's place among the `total` the build renders, for the progress bar.
    private func render(
        _ renderer: PortalRenderer, digests: [String: SourceDigest], cache: BuildCache, index: Int,
        of total: Int
    ) throws -> (AtomicOutput, PortalReport, DiagnosticList) {
        let start = Date()
        let portal = renderer.portal
        let output = try AtomicOutput(portal: portal.id, cache: cache, memory: options.memory)
        if let progress = options.progress {
            output.onWrite = { progress(.writing(portal: portal.id, index: index, of: total, files: $0)) }
        }
        let graph =
            options.incremental
            ? OutputGraph(
                output: output,
                inputs: BuildInputs(renderer: renderer, digests: digests, memory: options.memory),
                memory: options.memory)
            : nil
        // A failure leaves the scratch folders in the cache, for the next build to recycle.
        let result = try PortalBuild(renderer: renderer, output: output, graph: graph).run()
        let seconds = Date().timeIntervalSince(start)
        options.progress?(.rendered(portal: portal.id, pages: result.pages, files: result.files, seconds: seconds))
        logger.info(
            "rendered portal",
            metadata: [
                "portal": "\(portal.id)", "pages": "\(result.pages)", "seconds": "\(String(format: "%.2f", seconds))",
            ])
        let report = PortalReport(
            portal: portal.id, pages: result.pages, files: result.files, seconds: seconds, rendered: result.rendered,
            fullBuildReason: graph?.fullBuildReason)
        return (output, report, result.diagnostics)
    }

    /// Swaps every rendered portal in, then writes the network home when every portal was built.
    private func publish(_ rendered: Rendered, searchIndexed: Bool) throws -> Report {
        let swap = Date()
        for (index, output) in rendered.outputs.enumerated() {
            // What a page edit renders against (``rebuildPages(_:)``): unknown until the folder is in place.
            options.memory?.keep(nil, of: output.portal)
            try output.commit()
            if options.keepsSearchIndex && !searchIndexed { try carrySearchIndex(output) }
            if let memory = options.memory {
                memory.keep(
                    RebuildMemory.Built(
                        renderer: rendered.renderers[index], digests: rendered.digests[output.portal] ?? [:],
                        warnings: rendered.warnings),
                    of: output.portal)
            }
        }
        // A build of some portals renders the network home again when one is published (a portal's name or open
        // measures may have changed), and writes none where none was (a site/ that publishes one portal).
        if options.portals.isEmpty
            || FileManager.default.fileExists(atPath: options.output.appendingPathComponent("index.html").path)
        {
            try writeNetworkHome(
                networkHomePortals(built: rendered.summaries), theme: rendered.theme, cache: rendered.cache)
        }
        options.progress?(.published(portals: rendered.outputs.count, seconds: Date().timeIntervalSince(swap)))
        return Report(
            portals: rendered.reports, warnings: rendered.warnings, loadSeconds: rendered.loadSeconds,
            searchIndexed: searchIndexed, content: rendered.content, theme: rendered.theme)
    }

    /// Runs synchronous, CPU-bound work on a thread of Dispatch's pool and awaits its result.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Loads the whole content tree and the portals' themes at once (`piazza check`, whose audit reads every
    /// portal; a build loads one portal at a time); content errors are returned, not thrown, so rendering can
    /// report broken links in the same run. Only a broken theme stops here.
    func load() throws -> (ContentTree, PortalThemes, Double, DiagnosticList) {
        let start = Date()
        let (loaded, diagnostics) = ContentTree.loadCollecting(
            from: options.content, portals: options.portals.isEmpty ? nil : options.portals,
            parseCache: options.memory?.parses ?? options.parseCache,
            hash: options.incremental ? BuildInputs.sha256 : nil)
        let tree = options.intakeURL.map { loaded.replacingIntakeURL($0) } ?? loaded
        let load = { () throws(ThemeError) -> PortalThemes in
            try PortalThemes(base: Theme.load(from: options.theme), portals: tree.portals)
        }
        let themes = try options.memory?.themes(named: Set(tree.portals.map(\.config.theme)), load: load) ?? load()
        let seconds = Date().timeIntervalSince(start)
        logger.info(
            "loaded content",
            metadata: ["portals": "\(tree.portals.count)", "seconds": "\(String(format: "%.2f", seconds))"])
        return (tree, themes, seconds, diagnostics)
    }

    /// `site/index.html`: every portal of the network (what it shows of each: ``Portal/networkSummary``),
    /// written by rename so readers never see half a file.
    private func writeNetworkHome(_ portals: [Portal], theme: Theme, cache: BuildCache) throws {
        let html = try PortalRenderer.renderNetworkHome(
            portals.map { PortalRenderer(portal: $0, theme: theme, now: options.now) }, theme: theme)
        try AtomicOutput.replace(
            options.output.appendingPathComponent("index.html"), with: html,
            through: cache.folder.appendingPathComponent("index-\(UUID().uuidString).html"))
    }
}

/// ``ContentReader/load(_:)`` of one portal on a thread of Dispatch's pool, started when made: the build loads
/// the next portal while it renders one. Loading and rendering each use both cores for most of their time, but
/// not all of it (listing the files, sorting and indexing the pages, the catalogue, the last outputs of a
/// portal), and a build that loaded each portal only once the one before was rendered left a core idle then.
private final class PortalPrefetch: Sendable {
    private let result = Mutex<(ContentReader.Loaded, Double)?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ id: String, reader: ContentReader) {
        DispatchQueue.global().async { [self] in
            let start = Date()
            let loaded = reader.load(id)
            result.withLock { $0 = (loaded, Date().timeIntervalSince(start)) }
            done.signal()
        }
    }

    /// The loaded portal and the seconds its load took, once it is loaded.
    func wait() -> (ContentReader.Loaded, Double) {
        done.wait()
        return result.withLock { $0! }
    }
}
