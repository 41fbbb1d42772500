import Foundation

extension SiteBuilder.Options {
    /// Where a site can go when the output given overlaps what the build reads: `site` in the folder that holds
    /// the content folder, as written from the current folder (`../site` when piazza runs inside the content
    /// folder, `site` beside it). The advice used to be `--output site` whatever the current folder was, which
    /// from inside the content folder (what an editor opening it in a terminal gets) is the very folder refused
    /// (findings-s13 #11).
    ///
    /// - Parameter current: the current folder (the process's, by default).
    public func suggestedOutput(from current: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        -> String
    {
        let target = content.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("site")
        return Self.relative(target, from: current.standardizedFileURL)
    }

    /// `path` as written from `folder`: `site`, `../site`, or absolute when they share only the root.
    static func relative(_ path: URL, from folder: URL) -> String {
        let to = path.pathComponents
        let from = folder.pathComponents
        var common = 0
        while common < min(to.count, from.count), to[common] == from[common] { common += 1 }
        guard common > 1 else { return path.path }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
