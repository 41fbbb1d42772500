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
struct PostedForm: Sendable {
    /// An uploaded file, held in memory until the application is valid.
    struct File: Sendable {
        var filename: String
        var bytes: Data
        var detectedType: String?
        var sha256: String

        /// What validation sees of the file.
        var metadata: UploadedFile {
            UploadedFile(filename: filename, detectedType: detectedType, size: bytes.count, sha256: sha256)
        }
    }

    /// Why a body cannot be read.
    struct ParseError: Error, Sendable {
        enum Code: String, Sendable {
            case unsupportedType = "unsupported_type"
            case malformed
            case fileTooLarge = "file_too_large"
        }

        var code: Code
        /// Italian, for the citizen.
        var message: String
    }

    var values: [String: [String]] = [:]
    var files: [String: File] = [:]

    /// Most values and files one body may carry: well above the largest form (a household group
    /// of ten rows is about fifty), well below what would make validation slow.
    static let maxFields = 1000

    /// The longest stored file name, in UTF-8 bytes (what file systems allow in one name).
    static let maxFilenameBytes = 255

    /// Parses a body by its `Content-Type`.
    static func parse(contentType: String?, body: ByteBuffer, fileLimit: Int) throws(ParseError) -> PostedForm {
        guard let header = HeaderValue(contentType ?? "") else { throw malformed }
        switch header.type {
        case "application/x-www-form-urlencoded":
            return try urlEncoded(body.readableBytesView)
        case "multipart/form-data":
            guard let boundary = header["boundary"], isBoundary(boundary) else { throw malformed }
            return try multipart(body, boundary: boundary, fileLimit: fileLimit)
        default:
            throw ParseError(
                code: .unsupportedType, message: "Invia il modulo dalla sua pagina, con il pulsante di invio.")
        }
    }

    private static let malformed = ParseError(
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

    /// Adds a value, refusing a body with more than ``maxFields`` values and files.
    private mutating func append(_ value: String, for name: String) throws(ParseError) {
        guard fieldCount < Self.maxFields else { throw Self.malformed }
        values[name, default: []].append(value)
        fieldCount += 1
    }

    private var fieldCount = 0

    /// `a=1&b=x+y&b=%C3%A8`: names and values percent-decoded, each valid UTF-8.
    static func urlEncoded(_ body: some Collection<UInt8>) throws(ParseError) -> PostedForm {
        var form = PostedForm()
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = parts.count == 2 ? decode(parts[1]) : "" else {
                throw invalidText
            }
            try form.append(value, for: name)
        }
        return form
    }

    private static func decode(_ part: some Collection<UInt8>) -> String? {
        PercentDecoding.bytes(part, plusIsSpace: true).flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// RFC 2046 §5.1.1: 1 to 70 of `bchars`, not ending in a space.
    private static func isBoundary(_ boundary: String) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        return (1...70).contains(boundary.utf8.count) && boundary.utf8.allSatisfy(allowed.contains)
            && boundary.last != " "
    }

    /// The parts of a `multipart/form-data` body (RFC 7578), framed by multipart-kit.
    private static func multipart(_ body: ByteBuffer, boundary: String, fileLimit: Int) throws(ParseError)
        -> PostedForm
    {
        final class State {
            var form = PostedForm()
            var headers: [String: String] = [:]
            var data = Data()
            var failure: ParseError?
        }
        let state = State()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            if state.headers.updateValue(value, forKey: name.lowercased()) != nil {
                state.failure = state.failure ?? malformed
            }
        }
        parser.onBody = { buffer in
            if state.data.count + buffer.readableBytes > fileLimit {
                state.failure =
                    state.failure ?? ParseError(code: .fileTooLarge, message: "Un file allegato è troppo grande.")
            } else {
                state.data.append(contentsOf: buffer.readableBytesView)
            }
        }
        parser.onPartComplete = {
            defer {
                state.headers = [:]
                state.data = Data()
            }
            guard state.failure == nil else { return }
            do throws(ParseError) {
                try state.form.add(headers: state.headers, data: state.data)
            } catch {
                state.failure = error
            }
        }
        do {
            try parser.execute(body)
        } catch {
            throw malformed
        }
        if let failure = state.failure { throw failure }
        // multipart-kit 4 returns without an error when the body ends early or never contains
        // the boundary. The first delimiter followed by `-` is where it stopped reading: the body
        // is complete only when that is the close delimiter `--boundary--` (RFC 2046 §5.1.1).
        let stop = Array("\r\n--\(boundary)-".utf8)
        let closed = body.withUnsafeReadableBytes { bytes in
            stop.withUnsafeBytes { needle in
                // memchr and memcmp: the generic `firstRange(of:)` takes seconds over 10 MB in a debug build.
                var offset = 0
                while bytes.count - offset > needle.count,
                    let found = memchr(
                        bytes.baseAddress! + offset, Int32(needle[0]), bytes.count - offset - needle.count)
                {
                    offset = UnsafeRawPointer(found) - bytes.baseAddress!
                    if memcmp(found, needle.baseAddress!, needle.count) == 0 {
                        return bytes[offset + needle.count] == UInt8(ascii: "-")
                    }
                    offset += 1
                }
                return false
            }
        }
        guard closed else { throw malformed }
        return state.form
    }

    /// Adds one part: a text value, or a file when its `Content-Disposition` has a file name.
    private mutating func add(headers: [String: String], data: Data) throws(ParseError) {
        guard let text = headers["content-disposition"] else { throw Self.malformed }
        guard !text.isEmpty else { throw Self.unreadableFilename }
        guard let disposition = HeaderValue(text), disposition.type == "form-data",
            let name = disposition["name"], !name.isEmpty
        else { throw Self.malformed }
        guard let rawFilename = disposition["filename"] else {
            if disposition.isUnreadable("filename") { throw Self.unreadableFilename }
            guard let value = String(validating: data, as: UTF8.self) else { throw Self.invalidText }
            return try append(value, for: name)
        }
        // A file input left empty sends an empty name and no bytes.
        if rawFilename.isEmpty && data.isEmpty { return }
        guard files[name] == nil, fieldCount < Self.maxFields else { throw Self.malformed }
        files[name] = File(
            filename: Self.filename(rawFilename), bytes: data, detectedType: FileSniffer.type(of: data),
            sha256: Hex.string(SHA256.hash(data: data)))
        fieldCount += 1
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
