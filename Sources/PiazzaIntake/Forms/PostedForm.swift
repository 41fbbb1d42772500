import Crypto
import Foundation
import ItalianIdentifiers
import MultipartKit
import NIOCore
import PiazzaContent

/// A form body as posted: `application/x-www-form-urlencoded` or `multipart/form-data`.
///
/// A body is read completely or not at all: anything that does not parse (a bad `%` escape,
/// invalid UTF-8, a truncated multipart body, a wrong or missing boundary, a part without a
/// `form-data` name, a field sent more often than a form can hold) is a ``ParseError``, so that
/// nothing of it is validated or stored.
///
/// Only what the form can use is read, so that an oversized post costs no more than a valid one: a value under
/// a name the form does not have (``FormDefinition/postedByteLimit(forName:)`` is `nil`) is skipped without
/// decoding it, and of a value longer than its name's byte limit only that limit and the scalar that crosses it
/// are kept, which is enough for validation to refuse it as too long and for the page to show its beginning.
struct PostedForm: Sendable {
    /// An uploaded file, held in memory until the application is valid.
    struct File: Sendable {
        var filename: String
        /// The file, or nothing of it when it is over the parser's `fileLimit` (``size``).
        var bytes: Data
        var detectedType: String?
        var sha256: String
        /// The bytes received, kept or not.
        var size: Int

        /// Whether ``bytes`` are the whole file: `false` for a file over the reader's file limit, or one that came
        /// after the post had all it may keep (``MultipartReader``).
        var isWhole: Bool { bytes.count == size }

        /// Why `rule` refuses this file, in Italian (``FileRule/refusal(of:)``), or, for a file within the rule's
        /// size whose bytes were not kept, that the post's files together went over `bodyBytes`
        /// (`limits.body_bytes`): the one text of an upload refused at its field, of forms and integration replies.
        func refusal(_ rule: FileRule, bodyBytes: Int) -> String? {
            if isWhole || size > rule.maxBytes { return rule.refusal(of: metadata) }
            return "Gli allegati inviati insieme superano \(FileRule.byteText(bodyBytes)), il massimo di un invio, e "
                + "questo file non è stato ricevuto: allegalo più piccolo (per esempio una foto meno grande o un PDF a "
                + "risoluzione più bassa) o riduci gli altri."
        }

        /// What validation sees of the file.
        var metadata: UploadedFile {
            UploadedFile(filename: filename, detectedType: detectedType, size: size, sha256: sha256)
        }
    }

    /// Why a body cannot be read.
    struct ParseError: Error, Sendable {
        enum Code: String, Sendable {
            case unsupportedType = "unsupported_type"
            case malformed
            /// More text than a post may keep (``MultipartReader``): answered as a body too large.
            case tooLarge = "too_large"
        }

        var code: Code
        /// Italian, for the citizen.
        var message: String
    }

    var values: [String: [String]] = [:]
    var files: [String: File] = [:]

    /// Most values and files one body may carry, skipped ones included: well above the largest form (a household
    /// group of ten rows is about fifty), well below what would make validation slow.
    static let maxFields = 1000

    /// The longest posted name read, in bytes: a longer one is no name of a form.
    static let maxNameBytes = 1024

    /// The longest stored file name, in UTF-8 bytes (what file systems allow in one name).
    static let maxFilenameBytes = 255

    /// Parses a body by its `Content-Type`.
    ///
    /// - Parameters:
    ///   - fileLimit: the largest file in bytes (`limits.file_bytes`) whose bytes are kept; of a larger one, only its
    ///     ``File/size``, for the form to be shown again with the error at its field.
    ///   - byteLimit: the most bytes read of a value posted under a name, `nil` for a name whose values are skipped
    ///     (``FormDefinition/postedByteLimit(forName:)``).
    static func parse(contentType: String?, body: ByteBuffer, fileLimit: Int, byteLimit: @escaping (String) -> Int?)
        throws(ParseError) -> PostedForm
    {
        guard let header = HeaderValue(contentType ?? "") else { throw malformed }
        switch header.type {
        case "application/x-www-form-urlencoded":
            return try urlEncoded(body.readableBytesView, byteLimit: byteLimit)
        case "multipart/form-data":
            guard let boundary = header["boundary"], isBoundary(boundary) else { throw malformed }
            return try multipart(body, boundary: boundary, fileLimit: fileLimit, byteLimit: byteLimit)
        default:
            throw ParseError(
                code: .unsupportedType, message: "Invia il modulo dalla sua pagina, con il pulsante di invio.")
        }
    }

    static let malformed = ParseError(
        code: .malformed,
        message:
            "Il modulo è arrivato incompleto o danneggiato: la domanda non è stata inviata. Torna alla pagina del modulo e invialo di nuovo."
    )

    private static let invalidText = ParseError(
        code: .malformed,
        message:
            "Il modulo contiene caratteri non validi: la domanda non è stata inviata. Controlla il testo e invialo di nuovo."
    )

    /// A file name that cannot be read is refused, never dropped or guessed: multipart-kit hands a
    /// header that is not UTF-8 over as an empty string (so the field is unknown too), and an
    /// RFC 8187 name in another charset, or not valid UTF-8, with no plain `filename` to fall back
    /// on (``HeaderValue/isUnreadable(_:)``) has no name to keep. The citizen can always rename.
    static let unreadableFilename = ParseError(
        code: .malformed,
        message:
            "Il nome di un file allegato contiene caratteri che non riusciamo a leggere: la domanda non è stata inviata. Rinomina il file (per esempio «ricevuta.pdf») e invia di nuovo il modulo."
    )

    /// Counts a value or file, refusing a body with more than ``maxFields`` of them.
    private mutating func count() throws(ParseError) {
        guard fieldCount < Self.maxFields else { throw Self.malformed }
        fieldCount += 1
    }

    private var fieldCount = 0

    /// `a=1&b=x+y&b=%C3%A8`: names and values percent-decoded, each valid UTF-8; values under names without a
    /// `byteLimit` skipped unread, the others read up to it (``text(_:isComplete:)``).
    static func urlEncoded(_ body: some Collection<UInt8>, byteLimit: (String) -> Int?) throws(ParseError)
        -> PostedForm
    {
        // Over the bytes in place (a ByteBuffer's are contiguous): slices of a buffer pointer count no references.
        let parsed =
            body.withContiguousStorageIfAvailable { urlEncoded(bytes: $0, byteLimit: byteLimit) }
            ?? Array(body).withUnsafeBufferPointer { urlEncoded(bytes: $0, byteLimit: byteLimit) }
        return try parsed.get()
    }

    private static func urlEncoded(bytes body: UnsafeBufferPointer<UInt8>, byteLimit: (String) -> Int?) -> Result<
        PostedForm, ParseError
    > {
        var form = PostedForm()
        // Room for every pair at once: growing the dictionary, a rehash at each doubling, was 0.5 % of the daemon.
        form.values.reserveCapacity(min(body.count { $0 == UInt8(ascii: "&") } + 1, maxFields))
        // Every name and value is decoded into this one buffer in turn, not each into an array of its own.
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)
        var rest = body[...]
        do throws(ParseError) {
            while !rest.isEmpty {
                let end = rest.firstIndex(of: UInt8(ascii: "&")) ?? rest.endIndex
                let pair = rest[..<end]
                rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
                if pair.isEmpty { continue }
                try form.count()
                let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                let name = try decode(pair[..<equals], maxBytes: maxNameBytes, scratch: &scratch)
                guard name.isComplete, let limit = byteLimit(name.text) else { continue }
                let value =
                    equals == pair.endIndex
                    ? "" : try decode(pair[pair.index(after: equals)...], maxBytes: limit, scratch: &scratch).text
                form.values[name.text, default: []].append(value)
            }
        } catch {
            return .failure(error)
        }
        return .success(form)
    }

    /// A name or value percent-decoded up to `maxBytes` (``text(_:isComplete:)``), and whether that is all of it.
    private static func decode(_ part: Slice<UnsafeBufferPointer<UInt8>>, maxBytes: Int, scratch: inout [UInt8])
        throws(ParseError) -> (text: String, isComplete: Bool)
    {
        // Most names and many values have no escape: their text is their bytes.
        if part.count <= maxBytes + 4, !part.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
            return (try text(UnsafeBufferPointer(rebasing: part), isComplete: true), true)
        }
        scratch.removeAll(keepingCapacity: true)
        guard let isComplete = PercentDecoding.prefix(part, plusIsSpace: true, maxBytes: maxBytes + 4, into: &scratch)
        else {
            throw invalidText
        }
        return (try text(scratch, isComplete: isComplete), isComplete)
    }

    /// The text of decoded bytes: all of a value when `isComplete`; otherwise its first `limit + 4` bytes, where
    /// the 4 bytes past the limit finish the scalar that crosses it and a scalar cut at the end is dropped, so the
    /// text is still longer than the limit. Bytes that are not UTF-8 are ``invalidText``.
    private static func text(_ bytes: some Collection<UInt8>, isComplete: Bool) throws(ParseError) -> String {
        if isComplete {
            guard let text = String(validating: bytes, as: UTF8.self) else { throw invalidText }
            return text
        }
        var bytes = Array(bytes)
        if let lead = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }) {
            let width = bytes[lead] < 0x80 ? 1 : bytes[lead] < 0xE0 ? 2 : bytes[lead] < 0xF0 ? 3 : 4
            if bytes.count - lead < width { bytes.removeSubrange(lead...) }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw invalidText }
        return text
    }

    /// RFC 2046 §5.1.1: 1 to 70 of `bchars`, not ending in a space.
    static func isBoundary(_ boundary: String) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        return (1...70).contains(boundary.utf8.count) && boundary.utf8.allSatisfy(allowed.contains)
            && boundary.last != " "
    }

    /// The parts of a whole `multipart/form-data` body (RFC 7578): ``MultipartReader`` given it at once.
    private static func multipart(
        _ body: ByteBuffer, boundary: String, fileLimit: Int, byteLimit: @escaping (String) -> Int?
    ) throws(ParseError) -> PostedForm {
        let reader = MultipartReader(boundary: boundary, fileLimit: fileLimit, keptLimit: .max, byteLimit: byteLimit)
        try reader.read(body)
        return try reader.finish()
    }

    /// Reads a `multipart/form-data` body (RFC 7578) as it arrives, framed by multipart-kit, keeping at most
    /// `keptLimit` bytes of it: the text values the form can use, and the files up to `fileLimit` each while they
    /// fit. A file that does not is counted (``File/size``) but its bytes are dropped (``File/isWhole`` is
    /// `false`), so that a post larger than the daemon keeps (a photo over `limits.body_bytes`) still gives the
    /// citizen's answers, for the form to come back with them and the error at the file's field.
    ///
    /// Text values past `keptLimit` are ``ParseError/Code/tooLarge``: no form holds that much text.
    final class MultipartReader {
        private let parser: MultipartParser
        private let fileLimit: Int
        private let keptLimit: Int
        private let byteLimit: (String) -> Int?
        private var form = PostedForm()
        private var headers: [String: String] = [:]
        private var decided: Part?
        private var data = Data()
        /// The bytes of the part received, kept or not.
        private var received = 0
        private var isComplete = true
        /// Whether the current file's bytes were dropped.
        private var dropped = false
        /// The bytes kept of every part so far, the current one included.
        private var kept = 0
        private var failure: ParseError?
        /// Finds where the parser stops reading (``finish()``).
        private var close: CloseDelimiter

        /// - Parameter boundary: a checked boundary (``isBoundary(_:)``).
        init(boundary: String, fileLimit: Int, keptLimit: Int, byteLimit: @escaping (String) -> Int?) {
            parser = MultipartParser(boundary: boundary)
            close = CloseDelimiter(boundary: boundary)
            self.fileLimit = fileLimit
            self.keptLimit = keptLimit
            self.byteLimit = byteLimit
            // The parser belongs to the reader: unowned, no cycle.
            parser.onHeader = { [unowned self] name, value in
                if self.headers.updateValue(value, forKey: name.lowercased()) != nil {
                    self.failure = self.failure ?? PostedForm.malformed
                }
            }
            parser.onBody = { [unowned self] buffer in
                guard self.failure == nil else { return }
                do throws(ParseError) { try self.body(buffer) } catch { self.failure = error }
            }
            parser.onPartComplete = { [unowned self] in self.partComplete() }
        }

        /// The next bytes of the body.
        ///
        /// - Throws: the first ``ParseError`` of the body so far.
        func read(_ chunk: ByteBuffer) throws(ParseError) {
            close.scan(chunk)
            do {
                try parser.execute(chunk)
            } catch {
                failure = failure ?? malformed
            }
            if let failure { throw failure }
        }

        /// The form, once the whole body was read.
        ///
        /// - Throws: ``ParseError`` when the body ended before its close delimiter.
        func finish() throws(ParseError) -> PostedForm {
            if let failure { throw failure }
            guard close.isClosed else { throw malformed }
            return form
        }

        /// The part being read, decided from its headers once they are all in.
        private func part() throws(ParseError) -> Part {
            if let decided { return decided }
            let part = try Part(headers: headers, byteLimit: byteLimit)
            decided = part
            return part
        }

        private func body(_ buffer: ByteBuffer) throws(ParseError) {
            switch try part() {
            case .skipped:
                break
            case .text(_, let maxBytes):
                // Up to 4 bytes past the limit finish the scalar that crosses it (``text(_:isComplete:)``).
                let room = max(0, maxBytes + 4 - data.count)
                let taken = min(room, buffer.readableBytes)
                kept += taken
                guard kept <= keptLimit else { throw ParseError(code: .tooLarge, message: "") }
                data.append(contentsOf: buffer.readableBytesView.prefix(taken))
                isComplete = isComplete && buffer.readableBytes <= room
            case .file:
                received += buffer.readableBytes
                guard !dropped else { return }
                guard received <= fileLimit, kept + buffer.readableBytes <= keptLimit else {
                    kept -= data.count
                    data = Data()
                    dropped = true
                    return
                }
                kept += buffer.readableBytes
                data.append(contentsOf: buffer.readableBytesView)
            }
        }

        private func partComplete() {
            defer {
                headers = [:]
                decided = nil
                data = Data()
                received = 0
                isComplete = true
                dropped = false
            }
            guard failure == nil else { return }
            do throws(ParseError) {
                try form.add(part(), data: data, isComplete: isComplete, size: received)
            } catch {
                failure = error
            }
        }
    }

    /// Whether a multipart body, read piece by piece, holds its close delimiter where multipart-kit stops reading.
    ///
    /// multipart-kit 4 returns without an error when the body ends early or never contains the boundary. The first
    /// delimiter followed by `-` is where it stopped reading: the body is complete only when that is the close
    /// delimiter `--boundary--` (RFC 2046 §5.1.1).
    private struct CloseDelimiter {
        /// `CRLF--boundary-`.
        private let needle: [UInt8]
        /// The last bytes before the current piece, for a needle across two pieces.
        private var carry: [UInt8] = []
        /// `nil` until the needle and the byte after it have arrived.
        private var found: Bool?

        init(boundary: String) {
            needle = Array("\r\n--\(boundary)-".utf8)
        }

        var isClosed: Bool { found == true }

        mutating func scan(_ chunk: ByteBuffer) {
            guard found == nil else { return }
            chunk.withUnsafeReadableBytes { bytes in
                // First across the previous pieces and this one (the carry and this piece's first bytes), then in
                // this piece: the first needle of the body, where multipart-kit stopped.
                let seam = carry + bytes.prefix(needle.count)
                switch seam.withUnsafeBytes({ Self.search(needle, in: $0) }) {
                case .some(let closed): found = closed
                case nil where Self.holds(needle, seam): break  // the byte after it comes with the next piece
                case nil: found = Self.search(needle, in: bytes)
                }
                carry = Array((carry + bytes.suffix(needle.count)).suffix(needle.count))
            }
        }

        /// Whether the first `needle` in `bytes` is followed by `-`; `nil` when there is none, or nothing after it.
        private static func search(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool? {
            guard let offset = first(needle, in: bytes), offset + needle.count < bytes.count else { return nil }
            return bytes[offset + needle.count] == UInt8(ascii: "-")
        }

        private static func holds(_ needle: [UInt8], _ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBytes { first(needle, in: $0) != nil }
        }

        /// The offset of the first `needle` in `bytes`.
        private static func first(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
            guard let base = bytes.baseAddress, bytes.count >= needle.count else { return nil }
            return needle.withUnsafeBytes { pattern in
                // memchr and memcmp: the generic `firstRange(of:)` takes seconds over 10 MB in a debug build.
                var offset = 0
                while bytes.count - offset >= pattern.count,
                    let found = memchr(base + offset, Int32(pattern[0]), bytes.count - offset - pattern.count + 1)
                {
                    offset = UnsafeRawPointer(found) - base
                    if memcmp(found, pattern.baseAddress!, pattern.count) == 0 { return offset }
                    offset += 1
                }
                return nil
            }
        }
    }

    /// What is kept of one multipart part, decided from its headers before its body is read.
    private enum Part {
        /// A text value under a name of the form, read up to `maxBytes`.
        case text(name: String, maxBytes: Int)
        /// A file, when the `Content-Disposition` has a file name, kept whole up to the file limit.
        case file(name: String, filename: String)
        /// A part under a name the form does not have, not read.
        case skipped

        init(headers: [String: String], byteLimit: (String) -> Int?) throws(ParseError) {
            guard let text = headers["content-disposition"] else { throw PostedForm.malformed }
            guard !text.isEmpty else { throw PostedForm.unreadableFilename }
            guard let disposition = HeaderValue(text), disposition.type == "form-data",
                let name = disposition["name"], !name.isEmpty
            else { throw PostedForm.malformed }
            guard let maxBytes = byteLimit(name) else {
                self = .skipped
                return
            }
            if let filename = disposition["filename"] {
                self = .file(name: name, filename: filename)
            } else if disposition.isUnreadable("filename") {
                throw PostedForm.unreadableFilename
            } else {
                self = .text(name: name, maxBytes: maxBytes)
            }
        }
    }

    /// Adds one part with its body (a text value's first bytes, and whether they are all of it; a file's bytes,
    /// none over the file limit, and the `size` received).
    private mutating func add(_ part: Part, data: Data, isComplete: Bool, size: Int) throws(ParseError) {
        try count()
        switch part {
        case .skipped:
            return
        case .text(let name, _):
            values[name, default: []].append(try Self.text(data, isComplete: isComplete))
        case .file(let name, let rawFilename):
            // A file input left empty sends an empty name and no bytes.
            if rawFilename.isEmpty && size == 0 { return }
            guard files[name] == nil else { throw Self.malformed }
            files[name] = File(
                filename: Self.filename(rawFilename), bytes: data, detectedType: FileSniffer.type(of: data),
                sha256: Hex.string(SHA256.hash(data: data)), size: size)
        }
    }

    /// The file name kept for an upload: the last component of a path (`C:\fakepath\x.pdf` gives
    /// `x.pdf`), in NFC, without control, format (bidi overrides, zero-width) or line-separator
    /// characters, trimmed, at most ``maxFilenameBytes`` with its extension kept; `allegato` when
    /// nothing is left. Only ever shown and stored as text: files are stored under random names.
    static func filename(_ raw: String) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        // Typed-text rule (invisible, bidi and control characters out, NFC), then what a file name adds.
        var name = TypedText.normalized(base)
        if name == "." || name == ".." { name = "" }
        if name.utf8.count > maxFilenameBytes {
            let dot = name.lastIndex(of: ".")
            let suffix = dot.map { String(name[$0...]) }.flatMap { $0.utf8.count <= 16 ? $0 : nil } ?? ""
            var stem = String.UnicodeScalarView()
            var bytes = suffix.utf8.count
            for scalar in name.unicodeScalars {
                bytes += scalar.utf8.count
                if bytes > maxFilenameBytes { break }
                stem.append(scalar)
            }
            name = String(stem) + suffix
        }
        return name.isEmpty ? "allegato" : name
    }
}
