import Foundation

/// The content folder read one portal at a time (``load(_:)``), for a caller that is done with a portal
/// before it needs the next: `piazza build` renders each portal as soon as it is loaded and lets it go, so
/// its memory holds one portal's pages, not the whole tree's. `_shared/` is listed once, when the reader is
/// made, and each of its files parsed once for every portal; a portal's own files are listed when it loads.
///
/// Why: a build that loaded every portal before rendering the first held the pages of all of them to the
/// end (heaptrack of the 50k-page bench tree, 5 portals, 2026-12-01: heap peak 78.7 MB, growing with the
/// tree; bench/RESULTS.md, Build). ``ContentTree/loadCollecting(from:portals:parseCache:hash:)`` loads every
/// portal through a reader.
public final class ContentReader: Sendable {
    /// The `content/` folder, standardized.
    public let root: URL
    /// The portals to load, sorted: the folders of ``root`` but hidden ones and `_shared/`
    /// (``ContentTree/portalIDs(in:)``), only those asked for. A name that is no valid portal id is listed
    /// too: loading it gives its error.
    public let portalIDs: [String]
    /// What was found before any portal loads: no content folder, a portal asked for that has no folder,
    /// `_shared/` files with bad names, no portal at all.
    public let diagnostics: DiagnosticList
    private let shared: [SourceFile]
    private let sharedCache = SharedParseCache()
    private let parseCache: ParseCache?
    private let hash: SourceDigest.Hasher?

    /// One portal as ``load(_:)`` read it.
    public struct Loaded: Sendable {
        /// The portal; `nil` when it cannot be made (no `portal.yaml`, a settings error, a bad folder name).
        public var portal: Portal?
        /// Everything found loading it. A `_shared/` file's problems come with the first portal that loads it.
        public var diagnostics: DiagnosticList
        /// The content hashes of the files read (with a hasher), by path relative to the content root.
        public var digests: [String: SourceDigest]
    }

    /// Lists the portals of `root` and the files of its `_shared/` folder.
    ///
    /// - Parameters:
    ///   - only: portal ids to load; `nil` loads every portal.
    ///   - parseCache: files parsed by an earlier load, reused when their text is unchanged (nor read,
    ///     with a watched one).
    ///   - hash: hashes the bytes of every file read into ``Loaded/digests`` (incremental builds); `nil`
    ///     hashes nothing.
    public init(
        from root: URL, portals only: [String]? = nil, parseCache: ParseCache? = nil, hash: SourceDigest.Hasher? = nil
    ) {
        let root = root.standardizedFileURL
        self.root = root
        self.parseCache = parseCache
        self.hash = hash
        var diagnostics = DiagnosticList()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error(
                root.path, 0, 0, "content folder not found; pass --content with the folder holding portal folders")
            portalIDs = []
            shared = []
            self.diagnostics = diagnostics
            return
        }
        var portalIDs = ContentTree.portalIDs(in: root)
        if let only {
            for id in only where !portalIDs.contains(id) {
                diagnostics.error(
                    id, 0, 0,
                    "--portal \(id): no portal folder '\(id)' in \(root.path); use one of: \(portalIDs.joined(separator: ", "))"
                )
            }
            portalIDs = portalIDs.filter(only.contains)
        }
        shared = SourceFile.list(
            in: root, folder: ContentTree.sharedFolder, parseCache: parseCache, diagnostics: &diagnostics)
        if portalIDs.isEmpty && only == nil {
            diagnostics.error(
                root.lastPathComponent, 0, 0, "no portal folders found; create one with `piazza new portal NAME`")
        }
        self.portalIDs = portalIDs
        self.diagnostics = diagnostics
    }

    /// Lists, reads and checks the portal `id` (one of ``portalIDs``), `_shared/` merged in.
    public func load(_ id: String) -> Loaded {
        var diagnostics = DiagnosticList()
        if id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) == nil {
            diagnostics.error(id, 0, 0, "portal folder '\(id)' must use only a-z, 0-9 and -")
            return Loaded(portal: nil, diagnostics: diagnostics, digests: [:])
        }
        if ContentTree.reservedPortalIDs.contains(id) {
            diagnostics.error(
                id, 0, 0,
                "portal folder '\(id)' has a name the daemon uses for its own pages (/operator/\(id)); rename the folder"
            )
            return Loaded(portal: nil, diagnostics: diagnostics, digests: [:])
        }
        let own = SourceFile.list(in: root, folder: id, parseCache: parseCache, diagnostics: &diagnostics)
        var merged = Dictionary(shared.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for file in own { merged[file.path] = file }
        let ownPaths = Set(own.map(\.path))
        let loaded = PortalLoader(
            id: id, root: root, files: merged.values.sorted { $0.path < $1.path },
            replacedShared: shared.filter { ownPaths.contains($0.path) }, sharedCache: sharedCache,
            parseCache: parseCache, hash: hash
        ).load()
        diagnostics.append(contentsOf: loaded.diagnostics)
        return Loaded(portal: loaded.portal, diagnostics: diagnostics, digests: loaded.digests)
    }
}
