import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One file found under a portal or `_shared/`.
struct SourceFile: Sendable {
    /// Path relative to the portal (`servizi/tutor.md`).
    var path: String
    /// Path relative to the content root (`_shared/servizi/tutor.md`).
    var source: String
    /// The file's absolute path (the content root's standardized path, then ``source``): what the loader
    /// reads and the watcher of `piazza serve` names.
    var absolutePath: String

    /// Every regular file under `root/folder`, sorted; bad names become errors. A watched `parseCache`
    /// gives the last listing until a change it is told of may have changed it.
    static func list(
        in root: URL, folder: String, parseCache: ParseCache?, diagnostics: inout DiagnosticList
    ) -> [SourceFile] {
        let base = root.path + "/" + folder
        let listing =
            parseCache?.listing(of: base) { list(base, folder: folder, root: root.path) }
            ?? list(base, folder: folder, root: root.path)
        diagnostics.append(contentsOf: listing.diagnostics)
        return listing.files
    }

    /// Lists `base`, the folder `folder` of the content root `contentRoot`.
    private static func list(_ base: String, folder: String, root contentRoot: String) -> ParseCache.Listing {
        var diagnostics = DiagnosticList()
        var paths: [String] = []
        var links: [(path: String, problem: String)] = []
        // The content root as the links' targets are compared with: its real path.
        let root = realPath(contentRoot) ?? contentRoot
        walk(base, under: "", root: root, into: &paths, links: &links)
        for link in links.sorted(by: { $0.path < $1.path }) {
            diagnostics.error(folder + "/" + link.path, 0, 0, link.problem)
        }
        var files: [SourceFile] = []
        let inPortal = paths.contains("portal.yaml")
        for path in paths.sorted() {
            let file = SourceFile(path: path, source: folder + "/" + path, absolutePath: base + "/" + path)
            if !path.hasPrefix("static/"), !file.hasValidName {
                diagnostics.error(file.source, 0, 0, file.nameProblem(inPortal: inPortal))
                continue
            }
            files.append(file)
        }
        return ParseCache.Listing(files: files, diagnostics: diagnostics)
    }

    /// Adds to `paths` the path relative to `base` of every file under the folder `base/relative` (`relative`
    /// empty: `base` itself), through `opendir`/`readdir`, which say whether an entry is a folder without a
    /// `stat` per file: Foundation's enumerator, a `URL` and a `fileExists` per file were most of listing
    /// 10,000 pages. Editors' scratch files (``EditorScratch``: hidden, backups, autosaves) are left out with
    /// what is below them; a symbolic link to a file inside the content root `root` (a real path) counts as
    /// that file; a link to a file outside it (it would publish `/etc/passwd` or the daemon's key), to a
    /// folder, or to nothing goes to `links` with what to do instead, and is never read; a folder that cannot
    /// be read lists nothing.
    private static func walk(
        _ base: String, under relative: String, root: String, into paths: inout [String],
        links: inout [(path: String, problem: String)]
    ) {
        let folder = relative.isEmpty ? base : base + "/" + relative
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if EditorScratch.isScratch(name[...]) { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            switch kind(Int32(entry.pointee.d_type), at: folder + "/" + name) {
            case .folder: walk(base, under: path, root: root, into: &paths, links: &links)
            case .file: paths.append(path)
            case .link:
                if let problem = linkProblem(folder + "/" + name, root: root) {
                    links.append((path, problem))
                } else {
                    paths.append(path)
                }
            }
        }
    }

    private enum EntryKind { case folder, file, link }

    /// What a listed entry is, from its `d_type` (`stat` only for links and file systems that do not tell).
    private static func kind(_ type: Int32, at path: String) -> EntryKind {
        var status = stat()
        switch type {
        case Int32(DT_DIR): return .folder
        case Int32(DT_LNK): return .link
        case Int32(DT_UNKNOWN):
            guard lstat(path, &status) == 0 else { return .file }
            if status.st_mode & S_IFMT == S_IFDIR { return .folder }
            return status.st_mode & S_IFMT == S_IFLNK ? .link : .file
        default: return .file
        }
    }

    /// Why the symbolic link at `path` cannot be a content file, `nil` when it points to a file inside `root`.
    private static func linkProblem(_ path: String, root: String) -> String? {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
        let fix = "; put the file itself here (remove the link and copy the file), as piazza never follows a link "
        guard let real = realPath(path) else {
            return "symbolic link to '\(target)', which does not exist" + fix + "out of the content folder"
        }
        guard real.hasPrefix(root + "/") else {
            return "symbolic link to '\(target)', outside the content folder: it would publish that file"
                + fix + "out of the content folder"
        }
        var status = stat()
        guard stat(real, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else {
            return "symbolic link to the folder '\(target)', which is not read; put the folder itself here"
        }
        return nil
    }

    /// `path` with every symbolic link resolved (`realpath`), `nil` when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Folders `[a-z0-9][a-z0-9-]*`, the file `_index` or such a name, then `.md`, `.yaml` or `.csv`. Checked
    /// byte by byte: a regular expression per name was a tenth of loading 10,000 pages.
    var hasValidName: Bool {
        let parts = path.utf8.split(separator: UInt8(ascii: "/"))
        guard let name = parts.last, parts.dropLast().allSatisfy(Self.isPlainName) else { return false }
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let stem = name[..<dot]
        let suffix = name[name.index(after: dot)...]
        return ["md", "yaml", "csv"].contains { suffix.elementsEqual($0.utf8) }
            && (stem.elementsEqual("_index".utf8) || Self.isPlainName(stem))
    }

    /// `[a-z0-9][a-z0-9-]*`: lower-case ASCII letters, digits and `-`, not starting with `-`.
    private static func isPlainName(_ name: Substring.UTF8View) -> Bool {
        func isLetterOrDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = name.first, isLetterOrDigit(first) else { return false }
        return name.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
