import Foundation
import Synchronization

extension ContentTree {
    /// Loads and checks the content tree.
    ///
    /// - Parameters:
    ///   - root: the `content/` folder.
    ///   - only: portal ids to load; `nil` loads every portal.
    /// - Throws: ``ContentError`` with every diagnostic when any is an error.
    public static func load(from root: URL, portals only: [String]? = nil) throws(ContentError) -> ContentTree {
        let (tree, diagnostics) = loadCollecting(from: root, portals: only)
        if diagnostics.hasErrors { throw ContentError(diagnostics) }
        return tree
    }

    /// The portals of a content folder: its sub-folders, except hidden ones and the shared one, sorted.
    public static func portalIDs(in root: URL) -> [String] {
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        return folders.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && name != sharedFolder
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDir)
                && isDir.boolValue
        }
    }

    /// Names the daemon's back office uses next to portal ids (`/operator/login`), so no portal may take them.
    public static let reservedPortalIDs: Set<String> = ["login", "logout", "accessi"]

    /// Loads what can be loaded and returns every diagnostic instead of throwing, so later phases
    /// (links, templates) can add theirs and editors see all problems of a run at once.
    /// Pages that failed to load still count as existing for links. With a `parseCache`, a file whose text
    /// is the one an earlier load parsed is not parsed again (nor read, with a watched one).
    ///
    /// - Parameter hash: hashes the bytes of every file read into the tree's ``ContentTree/digests``
    ///   (incremental builds); `nil` hashes nothing.
    public static func loadCollecting(
        from root: URL, portals only: [String]? = nil, parseCache: ParseCache? = nil, hash: SourceDigest.Hasher? = nil
    ) -> (ContentTree, DiagnosticList) {
        let root = root.standardizedFileURL
        var diagnostics = DiagnosticList()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error(
                root.path, 0, 0, "content folder not found; pass --content with the folder holding portal folders")
            return (ContentTree(root: root, portals: [], warnings: [], digests: [:]), diagnostics)
        }
        var portalIDs = Self.portalIDs(in: root)
        if let only {
            for id in only where !portalIDs.contains(id) {
                diagnostics.error(
                    id, 0, 0,
                    "--portal \(id): no portal folder '\(id)' in \(root.path); use one of: \(portalIDs.joined(separator: ", "))"
                )
            }
            portalIDs = portalIDs.filter(only.contains)
        }
        let shared = SourceFile.list(in: root, folder: sharedFolder, parseCache: parseCache, diagnostics: &diagnostics)
        var portals: [Portal] = []
        var digests: [String: [String: SourceDigest]] = [:]
        var warnings: [Diagnostic] = []
        let sharedCache = SharedParseCache()
        for id in portalIDs {
            if id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) == nil {
                diagnostics.error(id, 0, 0, "portal folder '\(id)' must use only a-z, 0-9 and -")
                continue
            }
            if Self.reservedPortalIDs.contains(id) {
                diagnostics.error(
                    id, 0, 0,
                    "portal folder '\(id)' has a name the daemon uses for its own pages (/operator/\(id)); rename the folder"
                )
                continue
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
            digests[id] = loaded.digests
            if let portal = loaded.portal { portals.append(portal) }
        }
        if portalIDs.isEmpty && only == nil {
            diagnostics.error(
                root.lastPathComponent, 0, 0, "no portal folders found; create one with `piazza new portal NAME`")
        }
        warnings = diagnostics.items.filter { $0.severity == .warning }
        return (
            ContentTree(root: root, portals: portals, warnings: warnings.sorted(), digests: digests), diagnostics
        )
    }
}
