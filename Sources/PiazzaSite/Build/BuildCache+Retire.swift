import Foundation

extension BuildCache {
    /// A portal of the output that is no longer in the content, moved out of it by ``retirePortals(keeping:)``.
    public struct RetiredPortal: Sendable, Equatable {
        /// The portal's folder name (`conegliano`).
        public var portal: String
        /// Where its last build is kept (``BuildCache/previous(_:)``), which `piazza rollback --portal`
        /// puts back.
        public var keptIn: URL
    }

    /// Moves out of the output every portal piazza built there (it has its folder in the cache) that is not in
    /// `portals`, the portals of the content just built whole: a portal removed or renamed in `content/` must not
    /// stay published at its old address (municipalities publish the output whole, issue 17 §4), with its forms
    /// posting to the daemon and pages removed on purpose. Each goes to ``previous(_:)`` as a portal's replaced
    /// build does, so `piazza rollback --portal NAME` brings it back; the build before it becomes the spare.
    /// Folders and files of the output piazza did not build (no cache folder of that name) are left alone.
    ///
    /// Takes the cache's lock.
    ///
    /// - Returns: the portals moved out, sorted by name.
    /// - Throws: ``BuildError`` `.busy` while another build holds the output; `.output` when a folder cannot
    ///   be moved.
    public func retirePortals(keeping portals: Set<String>) throws(BuildError) -> [RetiredPortal] {
        let lock = try lock()
        defer { lock.release() }
        let published = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        var retired: [RetiredPortal] = []
        for name in published.sorted() where !name.hasPrefix(".") && !portals.contains(name) {
            let live = output.appendingPathComponent(name)
            guard Self.isFolder(live), Self.isFolder(folder.appendingPathComponent(name)) else { continue }
            try move(previous(name), to: spare(name))
            try move(live, to: previous(name))
            retired.append(RetiredPortal(portal: name, keptIn: previous(name)))
        }
        return retired
    }

    /// Whether `url` is a folder (not a symbolic link to one).
    private static func isFolder(_ url: URL) -> Bool {
        let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
        return values?.isDirectory == true && values?.isSymbolicLink != true
    }
}
