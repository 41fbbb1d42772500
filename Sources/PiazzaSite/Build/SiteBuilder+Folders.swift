import Foundation

extension SiteBuilder.Options {
    /// Refuses folders a build would write (the output and the build cache) that are, hold or lie inside a folder
    /// it reads (the content folder, the themes folder holding ``theme``, and ``theme``): `--output content` swapped
    /// every portal's sources for the generated site. Paths are compared as real paths, so `./content/`,
    /// `content/../content` and a symbolic link to the content folder are the content folder.
    ///
    /// - Throws: ``BuildError`` `.overlap` naming both folders and how to choose another, before anything is written.
    func checkFolders() throws(BuildError) {
        let cache = BuildCache(output: output, folder: self.cache).folder
        // The theme too: `themes/default` may be a symbolic link to a theme kept elsewhere.
        let read = [
            ("the content folder", content), ("the themes folder", theme.deletingLastPathComponent()),
            ("the theme folder", theme),
        ]
        for (option, written) in [("--output", output), ("--cache", cache)] {
            let writtenPath = Self.realPath(written)
            for (name, folder) in read {
                let readPath = Self.realPath(folder)
                let relation: String
                if writtenPath == readPath {
                    relation = "is \(name)"
                } else if writtenPath.hasPrefix(readPath + "/") {
                    relation = "is inside \(name) \(folder.path)"
                } else if readPath.hasPrefix(writtenPath + "/") || writtenPath == "/" {
                    relation = "holds \(name) \(folder.path)"
                } else {
                    continue
                }
                throw BuildError(
                    .overlap,
                    "\(option) \(written.path) \(relation); the build would replace or mix with your sources. "
                        + "Write the site to a folder outside the content and themes folders, e.g. --output \(suggestedOutput())"
                )
            }
        }
    }

    /// `url` with every symbolic link of its longest existing ancestor resolved, and the rest appended.
    private static func realPath(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        let resolved = rest.reduce(existing.resolvingSymlinksInPath()) { $0.appendingPathComponent($1) }
        return resolved.path
    }
}
