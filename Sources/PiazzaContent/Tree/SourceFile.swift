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
        let listing = parseCache?.listing(of: base) { list(base, folder: folder) } ?? list(base, folder: folder)
        diagnostics.append(contentsOf: listing.diagnostics)
        return listing.files
    }

    /// Lists `base`, the folder `folder` of the content root.
    private static func list(_ base: String, folder: String) -> ParseCache.Listing {
        var diagnostics = DiagnosticList()
        var paths: [String] = []
        walk(base, under: "", into: &paths)
        var files: [SourceFile] = []
        for path in paths.sorted() {
            let file = SourceFile(path: path, source: folder + "/" + path, absolutePath: base + "/" + path)
            if !path.hasPrefix("static/"), !file.hasValidName {
                diagnostics.error(
                    file.source, 0, 0,
                    "file name '\(path)' must use only lower-case a-z, 0-9 and - (and end in .md or .yaml); rename it")
                continue
            }
            files.append(file)
        }
        return ParseCache.Listing(files: files, diagnostics: diagnostics)
    }

    /// Adds to `paths` the path relative to `base` of every file under the folder `base/relative` (`relative`
    /// empty: `base` itself), through `opendir`/`readdir`, which say whether an entry is a folder without a
    /// `stat` per file: Foundation's enumerator, a `URL` and a `fileExists` per file were most of listing
    /// 10,000 pages. Names starting with `.` are left out with what is below them; a symbolic link counts as
    /// what it points to, a folder it points to is not entered (as Foundation's enumerator did), and one that
    /// points nowhere is left out; a folder that cannot be read lists nothing.
    private static func walk(_ base: String, under relative: String, into paths: inout [String]) {
        let folder = relative.isEmpty ? base : base + "/" + relative
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            switch kind(Int32(entry.pointee.d_type), at: folder + "/" + name) {
            case .folder: walk(base, under: path, into: &paths)
            case .file: paths.append(path)
            case .skipped: break
            }
        }
    }

    private enum EntryKind { case folder, file, skipped }

    /// What a listed entry is, from its `d_type` (`stat` only for links and file systems that do not tell).
    private static func kind(_ type: Int32, at path: String) -> EntryKind {
        var status = stat()
        switch type {
        case Int32(DT_DIR): return .folder
        case Int32(DT_LNK):
            guard stat(path, &status) == 0 else { return .skipped }
            return status.st_mode & S_IFMT == S_IFDIR ? .skipped : .file
        case Int32(DT_UNKNOWN):
            guard lstat(path, &status) == 0 else { return .skipped }
            if status.st_mode & S_IFMT == S_IFDIR { return .folder }
            return status.st_mode & S_IFMT == S_IFLNK ? kind(Int32(DT_LNK), at: path) : .file
        default: return .file
        }
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
