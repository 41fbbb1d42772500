import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import PiazzaContent
import PiazzaRender
import Synchronization

/// What `piazza serve` keeps from one build of the preview to the next, so that a one-page edit reads
/// that page and not the whole tree: the loaded themes, the template graph of each theme
/// (``TemplateGraph``), every content file listed, read, parsed and hashed (``parses``), the build
/// records (``BuildRecord``) it read or wrote, as long as each is still the file on disk, and what each
/// portal's live folder was built from (``Built``), which an edit of a page's body is rendered against.
///
/// The watcher says what changed, and ``forget(_:)`` drops what a change reaches before the next build;
/// everything else is taken from here. That is correct as long as the watcher runs before the first
/// build that fills the memory: a file changed while a build reads it is in the next burst of changes,
/// which forgets it again (`piazza serve` starts watching before its first build).
public final class RebuildMemory: Sendable {
    private struct State {
        /// The themes of a build, by the theme names its portals use.
        var themes: [Set<String>: PortalThemes] = [:]
        /// By the theme folder's path.
        var templateGraphs: [String: TemplateGraph] = [:]
        /// By the record file's path.
        var records: [String: KeptRecord] = [:]
        /// By portal id: the link destinations of its last build, and the digest of what they depend on.
        var destinations: [String: (targets: Data, destinations: LinkDestinations)] = [:]
        /// By portal id: the service catalogue of its last build, and the digest of its services.
        var catalogues: [String: (services: Data, catalogue: PortalRenderer.ServiceCatalogue)] = [:]
        /// By portal id: what the live folder was built from.
        var built: [String: Built] = [:]
    }

    /// What the build that swapped a portal's live folder in rendered it from: the portal as loaded, its theme
    /// and the moment (``renderer``), the content hashes of its files, and the warnings that build reported.
    /// ``SiteBuilder/rebuildPages(_:)`` renders an edit of a page's body against it.
    struct Built: Sendable {
        let renderer: PortalRenderer
        /// By path relative to the content root (``ContentTree/digests``).
        let digests: [String: SourceDigest]
        let warnings: [Diagnostic]
    }

    /// A record with the identity of its file when it was read or written.
    private struct KeptRecord {
        let file: FileIdentity
        let record: BuildRecord
    }

    /// What tells a file from the one that was there before (a record is replaced by a rename: a new inode).
    private struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int

        init?(_ path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            seconds = status.st_mtim.tv_sec
            nanoseconds = status.st_mtim.tv_nsec
        }
    }

    private let state = Mutex(State())
    /// The content files as the last load listed, parsed and hashed them, trusted until forgotten.
    let parses = ParseCache(watched: true)
    /// The folder holding the themes (`themes/`): a change anywhere below it drops every theme.
    private let themesFolder: String

    /// - Parameter themes: the folder holding the theme folders (the parent of `default/`).
    public init(themes: URL) {
        themesFolder = themes.standardizedFileURL.path
    }

    /// Drops what the changed files or folders reach (absolute paths, as ``SourceWatcher`` reports
    /// them): what was loaded from the files at or below each path (``ParseCache/forget(_:)``) and, for a
    /// change inside the themes folder (or of a folder holding it), every loaded theme.
    public func forget(_ changed: some Sequence<String>) {
        let changed = Array(changed)
        parses.forget(changed)
        state.withLock { state in
            for path in changed where Self.path(path, covers: themesFolder) || Self.path(themesFolder, covers: path) {
                state.themes = [:]
                state.templateGraphs = [:]
            }
        }
    }

    /// Whether `path` is `inner` or a folder holding it.
    private static func path(_ path: String, covers inner: String) -> Bool {
        inner == path || (inner.hasPrefix(path) && inner.dropFirst(path.count).first == "/")
    }

    /// The themes loaded for portals using `names`, loading them with `load` the first time.
    func themes(named names: Set<String>, load: () throws(ThemeError) -> PortalThemes) throws(ThemeError)
        -> PortalThemes
    {
        if let themes = state.withLock({ $0.themes[names] }) { return themes }
        let themes = try load()
        state.withLock { $0.themes[names] = themes }
        return themes
    }

    /// The record kept for the file at `path`, when that file is still the one it was read from or written to.
    func record(at path: String) -> BuildRecord? {
        guard let kept = state.withLock({ $0.records[path] }), kept.file == FileIdentity(path) else { return nil }
        return kept.record
    }

    /// Keeps `record`, just read from or written to the file at `path`.
    func keep(_ record: BuildRecord, at path: String) {
        guard let file = FileIdentity(path) else { return }
        state.withLock { $0.records[path] = KeptRecord(file: file, record: record) }
    }

    /// Where the links of `portal` lead, as resolved by its last build when `targets` (the digest of what
    /// links can lead to, see ``BuildInputs``) is the same; else nothing resolved yet.
    func destinations(of portal: String, targets: Data) -> LinkDestinations {
        state.withLock { state in
            if let kept = state.destinations[portal], kept.targets == targets { return kept.destinations }
            let destinations = LinkDestinations()
            state.destinations[portal] = (targets, destinations)
            return destinations
        }
    }

    /// The service catalogue of `portal` made by `make` at an earlier build, when `services` (the digest of
    /// its services as lists show them) is the same.
    func catalogue(
        of portal: String, services: Data, make: () -> PortalRenderer.ServiceCatalogue
    ) -> PortalRenderer.ServiceCatalogue {
        if let kept = state.withLock({ $0.catalogues[portal] }), kept.services == services { return kept.catalogue }
        let catalogue = make()
        state.withLock { $0.catalogues[portal] = (services, catalogue) }
        return catalogue
    }

    /// What the live folder of `portal` was built from, when the last build that swapped it in was made with
    /// this memory.
    func built(_ portal: String) -> Built? {
        state.withLock { $0.built[portal] }
    }

    /// Keeps what the live folder of `portal` was built from (`nil`: unknown, while a swap is under way).
    func keep(_ built: Built?, of portal: String) {
        state.withLock { $0.built[portal] = built }
    }

    /// The template graph of `theme`, made the first time.
    func templateGraph(of theme: Theme) -> TemplateGraph {
        let key = theme.directory.standardizedFileURL.path
        if let graph = state.withLock({ $0.templateGraphs[key] }) { return graph }
        let graph = TemplateGraph(theme: theme)
        state.withLock { $0.templateGraphs[key] = graph }
        return graph
    }
}
