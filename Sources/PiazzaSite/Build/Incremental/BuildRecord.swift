import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What an incremental build wrote into one folder of a portal (the live one, or one of the build
/// cache's): the fingerprint (``BuildInputs/fingerprint(_:links:from:)``) of every rendered output, by path.
///
/// Records live in the build cache, never in the published folder: `<cache>/<portal>/graph/<device>-<inode>`,
/// named after the folder they describe. A folder keeps its inode when a build or a rollback renames
/// it, so a record follows its folder through every swap without being moved; a build forgets the
/// record of the folder it writes into before writing, so a build that fails half way leaves no record
/// that claims files it overwrote.
///
/// The text format: a header line, the piazza program that wrote it, one line per output
/// (`<fingerprint> <path>`, then each link destination of a page after a U+001F separator), and
/// `end <count>` (a record cut short is rejected).
struct BuildRecord: Sendable, Equatable {
    /// What an output was made from, by output path relative to the portal folder.
    var outputs: [String: Entry]

    /// One output of the record.
    struct Entry: Sendable, Equatable {
        /// ``BuildInputs/fingerprint(_:links:from:)`` of its inputs.
        var fingerprint: String
        /// For a page, the destinations of its links as written (``RenderedBody/links``).
        var links: [String] = []
    }

    static let header = "piazza build graph 2"
    /// Separates a line's path and link destinations, which are written on one line and hold no
    /// control characters.
    static let separator: Character = "\u{1F}"

    /// The program writing records, by the size and modification time of its executable
    /// (`123 bytes, modified 2026-11-30 20:05:27.818934540 UTC`, to the nanosecond, as a person reads it
    /// in the reason of a full build): a record written by another piazza (another version, or a rebuilt
    /// one) is not trusted, since another renderer can write other bytes from the same inputs.
    static let builder: String = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return "unknown" }
        var seconds = status.st_mtim.tv_sec
        var time = tm()
        var text = [CChar](repeating: 0, count: 32)
        guard gmtime_r(&seconds, &time) != nil, strftime(&text, text.count, "%Y-%m-%d %H:%M:%S", &time) > 0 else {
            return "\(status.st_size) bytes, modified \(seconds).\(status.st_mtim.tv_nsec) s after 1970"
        }
        let nanoseconds = String(status.st_mtim.tv_nsec + 1_000_000_000).dropFirst()
        let date = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(status.st_size) bytes, modified \(date).\(nanoseconds) UTC"
    }()

    /// What reading a folder's record gave.
    enum Loaded: Sendable, Equatable {
        case found(BuildRecord)
        /// No folder or no record: its files are unknown.
        case missing
        /// A record that cannot be trusted, and why (another piazza, a damaged file).
        case unusable(String)
    }

    /// Where the record of `folder` is; `nil` when the folder does not exist.
    static func file(of folder: URL, portal: String, cache: BuildCache) -> URL? {
        var status = stat()
        guard stat(folder.path, &status) == 0 else { return nil }
        return cache.folder.appendingPathComponent("\(portal)/graph/\(status.st_dev)-\(status.st_ino)")
    }

    /// Reads the record of `folder`; with `memory`, one it read or wrote before and that is still the file
    /// on disk is not read again.
    static func load(of folder: URL, portal: String, cache: BuildCache, memory: RebuildMemory? = nil) -> Loaded {
        guard let file = file(of: folder, portal: portal, cache: cache) else { return .missing }
        if let record = memory?.record(at: file.path) { return .found(record) }
        guard let data = FileManager.default.contents(atPath: file.path) else { return .missing }
        let loaded = parse(String(decoding: data, as: UTF8.self), file: file.path)
        if case .found(let record) = loaded { memory?.keep(record, at: file.path) }
        return loaded
    }

    /// Parses a record's text; `file` names it in the reasons.
    static func parse(_ text: String, file: String) -> Loaded {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == header else {
            return .unusable("\(file) is not a build graph of this piazza (damaged, or from an older version)")
        }
        guard lines[1] == "builder " + builder else {
            return .unusable("\(file) was written by another piazza program (\(lines[1].dropFirst("builder ".count)))")
        }
        var outputs: [String: Entry] = [:]
        for line in lines[2...] {
            if line.hasPrefix("end "), Int(line.dropFirst(4)) == outputs.count {
                return .found(BuildRecord(outputs: outputs))
            }
            guard let space = line.firstIndex(of: " "), line.distance(from: line.startIndex, to: space) == 64 else {
                break
            }
            let fields = line[line.index(after: space)...].split(separator: separator, omittingEmptySubsequences: false)
            outputs[String(fields[0])] = Entry(
                fingerprint: String(line[..<space]), links: fields.dropFirst().map(String.init))
        }
        return .unusable("\(file) is damaged (a line is malformed or the file is cut short)")
    }

    /// The record as text.
    var text: String {
        var text = Self.header + "\nbuilder " + Self.builder + "\n"
        for (path, entry) in outputs.sorted(by: { $0.key < $1.key }) {
            text += entry.fingerprint + " " + ([path] + entry.links).joined(separator: String(Self.separator)) + "\n"
        }
        return text + "end \(outputs.count)\n"
    }

    /// Writes the record of `folder`, replacing any by rename, and keeps it in `memory`.
    ///
    /// - Throws: ``BuildError`` `.output` when the cache cannot be written.
    func save(of folder: URL, portal: String, cache: BuildCache, memory: RebuildMemory? = nil) throws(BuildError) {
        guard let file = Self.file(of: folder, portal: portal, cache: cache) else { return }
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).new")
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw BuildError(.output, "cannot write the build graph \(temporary.path)", cause: error)
        }
        guard rename(temporary.path, file.path) == 0 else {
            throw BuildError(.output, "cannot write the build graph \(file.path): \(String(cString: strerror(errno)))")
        }
        memory?.keep(self, at: file.path)
    }

    /// Removes the records of folders that are gone (a crashed build's, a removed output): only the live,
    /// previous, spare and scratch folders of a portal have records worth keeping.
    static func removeStale(portal: String, cache: BuildCache) {
        let folders = [cache.output.appendingPathComponent(portal), cache.previous(portal), cache.spare(portal)]
        let kept = Set((folders + [cache.scratch(portal)]).compactMap { file(of: $0, portal: portal, cache: cache) })
        let graph = cache.folder.appendingPathComponent("\(portal)/graph")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: graph.path)) ?? [] {
            let record = graph.appendingPathComponent(name)
            if !kept.contains(record) { unlink(record.path) }
        }
    }

    /// Reads the record of `folder` and removes it, before a build overwrites the folder's files.
    static func take(_ folder: URL, portal: String, cache: BuildCache, memory: RebuildMemory? = nil) -> Loaded {
        let loaded = load(of: folder, portal: portal, cache: cache, memory: memory)
        if let file = file(of: folder, portal: portal, cache: cache) { unlink(file.path) }
        return loaded
    }
}
