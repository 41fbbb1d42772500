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
        /// The Pagefind program that indexes each portal for `cerca/` (``SearchIndex``); `nil` builds no
        /// index, and the search page shows the catalogue only.
        public var pagefind: URL?
        /// Where builds are made and earlier builds kept (``BuildCache``); `nil` for `.piazza/<output name>/`
        /// next to the output.
        public var cache: URL?
        /// Told of each phase of ``SiteBuilder/build()`` (``ProgressDisplay`` shows them).
        public var progress: (@Sendable (BuildEvent) -> Void)?

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
    }

    /// What a build did.
    public struct Report: Sendable {
        public var portals: [PortalReport]
        public var warnings: [Diagnostic]
        public var loadSeconds: Double
        /// Whether each portal got a search index (``Options/pagefind`` was set).
        public var searchIndexed = false
        /// The content as built (forms posting to ``Options/intakeURL`` when set), so that what
        /// serves the sites (`piazza serve`) does not load it again.
        public var content: ContentTree
        /// The theme the pages were rendered with.
        public var theme: Theme
    }

    public let options: Options
    public let logger: Logger

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Builds every selected portal; nothing of a portal is replaced unless its whole build succeeded.
    public func build() throws -> Report {
        let (tree, theme, loadSeconds, loaded) = try load()
        let progress = options.progress
        let pageCount = tree.portals.reduce(0) { $0 + $1.pages.count }
        progress?(.loaded(portals: tree.portals.count, pages: pageCount, seconds: loadSeconds))
        var diagnostics = loaded
        do {
            try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        } catch {
            throw BuildError(.output, "cannot create output folder \(options.output.path)", cause: error)
        }
        let cache = BuildCache(output: options.output, folder: options.cache)
        let lock = try cache.lock()
        defer { lock.release() }
        cache.removeLegacyFolders()
        var reports: [PortalReport] = []
        var outputs: [AtomicOutput] = []
        // Render every portal first; swap them in only when all succeeded.
        for (index, portal) in tree.portals.enumerated() {
            let start = Date()
            let output = try AtomicOutput(portal: portal.id, cache: cache)
            if let progress {
                let total = tree.portals.count
                output.onWrite = { progress(.writing(portal: portal.id, index: index, of: total, files: $0)) }
            }
            outputs.append(output)
            let renderer = PortalRenderer(portal: portal, theme: theme, now: options.now)
            // A failure leaves the scratch folders in the cache, for the next build to recycle.
            let result = try PortalBuild(renderer: renderer, output: output).run()
            diagnostics.append(contentsOf: result.diagnostics)
            let seconds = Date().timeIntervalSince(start)
            reports.append(
                PortalReport(portal: portal.id, pages: result.pages, files: result.files, seconds: seconds))
            progress?(.rendered(portal: portal.id, pages: result.pages, files: result.files, seconds: seconds))
            logger.info(
                "rendered portal",
                metadata: [
                    "portal": "\(portal.id)", "pages": "\(result.pages)",
                    "seconds": "\(String(format: "%.2f", seconds))",
                ])
        }
        if diagnostics.hasErrors { throw ContentError(diagnostics) }
        if let pagefind = options.pagefind {
            for (index, output) in outputs.enumerated() {
                reports[index].files += try SearchIndex(program: pagefind).build(output)
            }
        }
        let swap = Date()
        for output in outputs { try output.commit() }
        if options.portals.isEmpty { try writeNetworkHome(tree, theme: theme, cache: cache) }
        progress?(.published(portals: outputs.count, seconds: Date().timeIntervalSince(swap)))
        return Report(
            portals: reports, warnings: tree.warnings, loadSeconds: loadSeconds, searchIndexed: options.pagefind != nil,
            content: tree, theme: theme)
    }

    /// Loads content and theme; content errors are returned, not thrown, so rendering can report
    /// broken links in the same run. Only a broken theme stops here.
    func load() throws -> (ContentTree, Theme, Double, DiagnosticList) {
        let start = Date()
        let (loaded, diagnostics) = ContentTree.loadCollecting(
            from: options.content, portals: options.portals.isEmpty ? nil : options.portals)
        let tree = options.intakeURL.map { loaded.replacingIntakeURL($0) } ?? loaded
        let theme = try Theme.load(from: options.theme)
        let seconds = Date().timeIntervalSince(start)
        logger.info(
            "loaded content",
            metadata: ["portals": "\(tree.portals.count)", "seconds": "\(String(format: "%.2f", seconds))"])
        return (tree, theme, seconds, diagnostics)
    }

    /// `site/index.html`: every portal of the network, written by rename so readers never see half a file.
    private func writeNetworkHome(_ tree: ContentTree, theme: Theme, cache: BuildCache) throws {
        let html = try PortalRenderer.renderNetworkHome(
            tree.portals.map { PortalRenderer(portal: $0, theme: theme, now: options.now) }, theme: theme)
        let final = options.output.appendingPathComponent("index.html")
        let temporary = cache.folder.appendingPathComponent("index-\(UUID().uuidString).html")
        do {
            try Data(html.utf8).write(to: temporary)
        } catch {
            throw BuildError(.output, "cannot write \(temporary.path)", cause: error)
        }
        // rename(2) replaces the old file atomically.
        guard rename(temporary.path, final.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw BuildError(.output, "cannot replace \(final.path): \(reason)")
        }
    }
}
