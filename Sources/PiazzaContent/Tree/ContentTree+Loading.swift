import Foundation

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

    /// The portals of a content folder: its sub-folders, except the shared one and editors' scratch folders
    /// (``EditorScratch``: hidden, a backup copy `vigonza~`), sorted.
    public static func portalIDs(in root: URL) -> [String] {
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        return folders.filter { name in
            var isDir: ObjCBool = false
            return !EditorScratch.isScratch(name[...]) && name != sharedFolder
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
        let reader = ContentReader(from: root, portals: only, parseCache: parseCache, hash: hash)
        var diagnostics = reader.diagnostics
        var portals: [Portal] = []
        var digests: [String: [String: SourceDigest]] = [:]
        for id in reader.portalIDs {
            let loaded = reader.load(id)
            diagnostics.append(contentsOf: loaded.diagnostics)
            if let portal = loaded.portal {
                portals.append(portal)
                digests[id] = loaded.digests
            }
        }
        let warnings = diagnostics.items.filter { $0.severity == .warning }.sorted()
        return (ContentTree(root: reader.root, portals: portals, warnings: warnings, digests: digests), diagnostics)
    }
}
