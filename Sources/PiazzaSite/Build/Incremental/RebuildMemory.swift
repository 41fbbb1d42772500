import Foundation
import PiazzaRender
import Synchronization

/// What `piazza serve` keeps from one build of the preview to the next, so that a one-page edit reads
/// that page and not the whole tree: the loaded themes, the template graph of each theme
/// (``TemplateGraph``) and the content hash of every file the dependency graph reads (``BuildInputs``).
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
        /// SHA-256 of a file's bytes, by its absolute path.
        var digests: [String: Data] = [:]
    }

    private let state = Mutex(State())
    /// The folder holding the themes (`themes/`): a change anywhere below it drops every theme.
    private let themesFolder: String

    /// - Parameter themes: the folder holding the theme folders (the parent of `default/`).
    public init(themes: URL) {
        themesFolder = themes.standardizedFileURL.path
    }

    /// Drops what the changed files or folders reach (absolute paths, as ``SourceWatcher`` reports
    /// them): the hashes of the files at or below each path and, for a change inside the themes
    /// folder (or of a folder holding it), every loaded theme.
    public func forget(_ changed: some Sequence<String>) {
        state.withLock { state in
            for path in changed {
                if Self.path(path, covers: themesFolder) || Self.path(themesFolder, covers: path) {
                    state.themes = [:]
                    state.templateGraphs = [:]
                }
                if state.digests.removeValue(forKey: path) == nil {
                    // A folder renamed or removed: everything below it.
                    state.digests = state.digests.filter { !Self.path(path, covers: $0.key) }
                }
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

    /// The template graph of `theme` (over `base`), read the first time.
    func templateGraph(of theme: Theme, base: Theme) -> TemplateGraph {
        let key = theme.directory.standardizedFileURL.path
        if let graph = state.withLock({ $0.templateGraphs[key] }) { return graph }
        let graph = TemplateGraph(theme: theme, base: base)
        state.withLock { $0.templateGraphs[key] = graph }
        return graph
    }

    /// The SHA-256 of the bytes of `file`, read the first time.
    func digest(of file: URL, read: (URL) -> Data) -> Data {
        // The content root is standardized, as the watcher's roots are.
        let key = file.path
        if let digest = state.withLock({ $0.digests[key] }) { return digest }
        let digest = read(file)
        state.withLock { $0.digests[key] = digest }
        return digest
    }
}
