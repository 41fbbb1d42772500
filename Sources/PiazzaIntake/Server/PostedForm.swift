import Crypto
import Foundation
import MultipartKit
import NIOCore
import PiazzaContent

/// A form body as posted: `application/x-www-form-urlencoded` or `multipart/form-data`.
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

    /// Parses a body by its `Content-Type`.
    static func parse(contentType: String?, body: ByteBuffer, fileLimit: Int) throws(ParseError) -> PostedForm {
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        switch type {
        case "application/x-www-form-urlencoded":
            guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
                throw ParseError(code: .malformed, message: invalidText)
            }
            return try urlEncoded(text)
        case "multipart/form-data":
            guard let boundary = parameter("boundary", in: contentType ?? ""), !boundary.isEmpty else {
                throw ParseError(
                    code: .malformed, message: "Il modulo inviato è incompleto. Ricarica la pagina e riprova.")
            }
            return try multipart(body, boundary: boundary, fileLimit: fileLimit)
        default:
            throw ParseError(
                code: .unsupportedType, message: "Invia il modulo dalla sua pagina, con il pulsante di invio.")
        }
    }

    private static let invalidText = "Il modulo contiene caratteri non validi. Controlla il testo e riprova."

    /// `a=1&b=x+y&b=%C3%A8`.
    static func urlEncoded(_ text: String) throws(ParseError) -> PostedForm {
        var form = PostedForm()
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = parts.count == 2 ? decode(parts[1]) : "" else {
                throw ParseError(code: .malformed, message: invalidText)
            }
            form.values[name, default: []].append(value)
        }
        return form
    }

    /// Percent-decodes one name or value (`+` is a space); `nil` for a bad escape or invalid UTF-8.
    private static func decode(_ part: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.count)
        var iterator = part.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func multipart(_ body: ByteBuffer, boundary: String, fileLimit: Int) throws(ParseError) -> PostedForm
    {
        final class State {
            var form = PostedForm()
            var headers: [String: String] = [:]
            var data = Data()
            var failure: ParseError?
        }
        let state = State()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.headers[name.lowercased()] = value }
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
            guard state.failure == nil, let disposition = state.headers["content-disposition"],
                let name = parameter("name", in: disposition)
            else { return }
            if let filename = parameter("filename", in: disposition) {
                guard !state.data.isEmpty || !filename.isEmpty else { return }
                let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
                state.form.files[name] = File(
                    filename: String(
                        base.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(200)),
                    bytes: state.data, detectedType: FileSniffer.type(of: state.data),
                    sha256: Hex.string(SHA256.hash(data: state.data)))
            } else if let value = String(data: state.data, encoding: .utf8) {
                state.form.values[name, default: []].append(value)
            } else {
                state.failure = ParseError(
                    code: .malformed, message: invalidText)
            }
        }
        do {
            try parser.execute(body)
        } catch {
            throw ParseError(code: .malformed, message: "Il modulo inviato è incompleto. Ricarica la pagina e riprova.")
        }
        if let failure = state.failure { throw failure }
        return state.form
    }

    /// A parameter of a header value: `boundary=xyz`, `name="nome"`.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }
}
