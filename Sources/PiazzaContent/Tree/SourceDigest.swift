import Foundation

/// The content hashes of one file as a load read it: what an incremental build compares with the hashes of
/// the build before (``ContentTree/digests``).
///
/// Both come from the bytes the loader parsed, read once: a file saved again between the load and the
/// hashing cannot leave a page built from one text and recorded as another.
public struct SourceDigest: Sendable, Equatable {
    /// The hash of the file's bytes.
    public var file: Data
    /// For a page, the hash of its lines before the body (the `---` lines and the front matter): all that
    /// lists, feeds, breadcrumbs and other pages show of it. `nil` for forms, calendars and other files.
    public var header: Data?

    public init(file: Data, header: Data? = nil) {
        self.file = file
        self.header = header
    }

    /// Hashes bytes (SHA-256 in an incremental build); the loader takes one to hash what it reads.
    public typealias Hasher = @Sendable (Data) -> Data

    /// The digests of a page, whose body starts at the 1-based line `bodyLine` of `text` (``Page/bodyLine``).
    static func page(_ data: Data, text: String, bodyLine: Int, hash: Hasher) -> SourceDigest {
        var header = text.utf8.startIndex
        var line = 1
        while line < bodyLine, let end = text.utf8[header...].firstIndex(of: UInt8(ascii: "\n")) {
            header = text.utf8.index(after: end)
            line += 1
        }
        if line < bodyLine { header = text.utf8.endIndex }
        return SourceDigest(file: hash(data), header: hash(Data(text.utf8[..<header])))
    }
}
