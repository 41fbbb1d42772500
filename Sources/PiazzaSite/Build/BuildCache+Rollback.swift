import Foundation

extension BuildCache {
    /// Puts the previous build of each portal back live, and the live one where the previous was:
    /// one atomic exchange per portal, so a second rollback undoes the first. The network home
    /// (`index.html`) is left as it is.
    ///
    /// - Parameter portals: the portals to roll back; empty for every portal with a previous build.
    /// - Returns: the portals rolled back, sorted.
    /// - Throws: ``BuildError`` `.noPreviousBuild` when a named portal (or, with none named, every
    ///   portal) has no previous build in the cache; `.busy` while a build runs; `.output` when a
    ///   folder cannot be moved. Nothing is changed when a named portal has no previous build.
    public func rollBack(portals: [String]) throws(BuildError) -> [String] {
        let lock = try lock()
        defer { lock.release() }
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { FileManager.default.fileExists(atPath: previous($0).path) }.sorted()
        let chosen = portals.isEmpty ? kept : portals
        let others = kept.isEmpty ? "" : " (portals with one: \(kept.joined(separator: ", ")))"
        let fix = "; a rollback needs two builds into \(output.path)\(others)"
        if chosen.isEmpty {
            throw BuildError(.noPreviousBuild, "no portal has a previous build in \(folder.path)" + fix)
        }
        if let missing = chosen.first(where: { !kept.contains($0) }) {
            throw BuildError(.noPreviousBuild, "portal '\(missing)' has no previous build in \(folder.path)" + fix)
        }
        for portal in chosen {
            let live = output.appendingPathComponent(portal)
            if FileManager.default.fileExists(atPath: live.path) {
                try exchange(previous(portal), live, portal: portal)
            } else {
                try move(previous(portal), to: live)
            }
        }
        return chosen
    }
}
