import Foundation
import Synchronization

/// Parsed pages, forms and calendars kept from one load of the content tree to the next (`piazza serve`
/// and incremental builds load the tree again at every change). Parsing a file depends on its text, its
/// path and its portal-relative path only, so the kept value is the one parsing would give.
///
/// Two ways to know a file is unchanged:
/// - ``init()`` reads every file again and parses it only when its text differs from the one kept;
/// - ``init(watched:)`` with `true` does not even read a file again, nor list a folder again, until
///   ``forget(_:)`` names it: the watcher of `piazza serve` reports every change (inotify names each file
///   changed, polling each file whose size, time or inode changed, a lost event the whole tree), and
///   the preview starts watching before its first load.
public final class ParseCache: Sendable {
    private let state = Mutex(State())
    /// Whether a kept file is trusted until ``forget(_:)`` names it, without reading it.
    public let watched: Bool

    private struct State {
        /// By the file's absolute path.
        var entries: [String: Entry] = [:]
        /// The files of a folder (`_shared/`, a portal) and the problems of their names, by its absolute path.
        var listings: [String: Listing] = [:]
        /// Every file path of the kept listings.
        var listed: Set<String> = []
    }

    /// What loading one text gave, and what else the parse read (see ``kept(_:context:)``).
    private struct Entry: Sendable {
        let text: String
        let context: String
        let loaded: any Sendable
    }

    /// What listing one folder gave.
    struct Listing: Sendable {
        var files: [SourceFile]
        var diagnostics: DiagnosticList
    }

    /// A cache that reads every file again and parses only changed texts.
    public convenience init() { self.init(watched: false) }

    /// - Parameter watched: `true` trusts what is kept until ``forget(_:)`` names it (see the type).
    public init(watched: Bool) { self.watched = watched }

    /// With ``watched``, what `file` loaded into the last time, unless it was forgotten since.
    ///
    /// - Parameter context: what the parse read beside the file's text (`esercenti.csv` is checked against
    ///   the portal's measures), as text: a load with another context is not kept.
    func kept<T: Sendable>(_ file: SourceFile, context: String = "") -> T? {
        guard watched, let entry = state.withLock({ $0.entries[file.absolutePath] }), entry.context == context else {
            return nil
        }
        return entry.loaded as? T
    }

    /// What `file` loaded into the last time, when its text was `text` (and the context `context`).
    func kept<T: Sendable>(_ file: SourceFile, text: String, context: String = "") -> T? {
        guard let entry = state.withLock({ $0.entries[file.absolutePath] }), entry.text == text,
            entry.context == context
        else { return nil }
        return entry.loaded as? T
    }

    /// Keeps what `file`, whose text is `text`, loaded into, with `context`.
    func keep<T: Sendable>(_ loaded: T, of file: SourceFile, text: String, context: String = "") {
        state.withLock { $0.entries[file.absolutePath] = Entry(text: text, context: context, loaded: loaded) }
    }

    /// With ``watched``, the files of `folder` (an absolute path) as listed the last time, unless a change was reported since
    /// that is not the edit of a listed file; else the listing `list` gives, kept.
    func listing(of folder: String, list: () -> Listing) -> Listing {
        if watched, let kept = state.withLock({ $0.listings[folder] }) { return kept }
        let listing = list()
        if watched {
            state.withLock { state in
                state.listings[folder] = listing
                state.listed.formUnion(listing.files.map(\.absolutePath))
            }
        }
        return listing
    }

    /// Drops what the changed files or folders reach (absolute paths, as the watcher reports them): what
    /// was loaded from each file at or below each path and, unless every path is a listed file that is
    /// still a file (an edit, not a file added, removed or renamed), every folder's listing.
    public func forget(_ changed: some Sequence<String>) {
        state.withLock { state in
            for path in changed {
                if state.entries.removeValue(forKey: path) == nil {
                    // A folder renamed or removed: everything below it.
                    state.entries = state.entries.filter { !ParseCache.path(path, covers: $0.key) }
                }
                var isDirectory: ObjCBool = false
                if !state.listed.contains(path)
                    || !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue
                {
                    state.listings = [:]
                    state.listed = []
                }
            }
        }
    }

    /// Whether `path` is `inner` or a folder holding it.
    static func path(_ path: String, covers inner: String) -> Bool {
        inner == path || (inner.hasPrefix(path) && inner.dropFirst(path.count).first == "/")
    }
}
