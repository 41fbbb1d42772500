import Foundation
import PiazzaRender

extension SiteBuilder {
    /// Indexes the live folder of `portal` with Pagefind and puts the new index in place of its
    /// `pagefind/`; returns the number of files. `piazza serve` calls it after a rebuild has reloaded
    /// the tabs (``Options/keepsSearchIndex``), so the changed page is served at once and search
    /// catches up when Pagefind is done.
    ///
    /// Pagefind reads the live pages; the index is written into the build cache, then moved in with
    /// two `rename(2)`s under the cache's lock (waiting for a build that holds it), so it never lands
    /// in the middle of a build's swap.
    ///
    /// - Throws: ``BuildError`` `.search` when Pagefind cannot start or fails; `.output` when the index
    ///   cannot be moved in.
    public func refreshSearchIndex(of portal: String, with pagefind: URL) async throws(BuildError) -> Int {
        let cache = BuildCache(output: options.output, folder: options.cache)
        let live = cache.output.appendingPathComponent(portal)
        let fresh = cache.folder.appendingPathComponent("\(portal)/search-\(UUID().uuidString)")
        let old = cache.folder.appendingPathComponent("\(portal)/search-\(UUID().uuidString)")
        defer {
            TreeRemover.remove(fresh.path)
            TreeRemover.remove(old.path)
        }
        let files = try await SearchIndex(program: pagefind).index(live, portal: portal, into: fresh)
        let lock = try await Self.waitForLock(cache)
        defer { lock.release() }
        let target = live.appendingPathComponent(PortalRenderer.searchIndexFolder)
        try cache.move(target, to: old)
        try cache.move(fresh, to: target)
        return files.count
    }

    /// The cache's lock, taken once the build holding it (the preview's next rebuild) lets it go.
    private static func waitForLock(_ cache: BuildCache) async throws(BuildError) -> BuildCache.Lock {
        while true {
            do {
                return try cache.lock()
            } catch {
                guard error.code == .busy else { throw error }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// After `output` was swapped in, moves the search index of the build it replaced (now the previous
    /// build) into it: the preview serves the old index until ``refreshSearchIndex(of:with:)`` replaces it.
    func carrySearchIndex(_ output: AtomicOutput) throws(BuildError) {
        let folder = PortalRenderer.searchIndexFolder
        try output.cache.move(
            output.cache.previous(output.portal).appendingPathComponent(folder),
            to: output.destination.appendingPathComponent(folder))
    }
}
