/// A header value with parameters, as `Content-Type` and `Content-Disposition` carry them:
/// `form-data; name="documento"; filename="ricevuta; marzo.pdf"`.
///
/// Grammar: RFC 9110 §5.6.6 (`type *( OWS ";" OWS [ token "=" ( token / quoted-string ) ] )`),
/// with the extended values of RFC 8187 (`filename*=UTF-8''ricevuta%20marzo.pdf`) and the
/// continuations of RFC 2231 §3 (`filename*0="ricevuta"; filename*1=" marzo.pdf"`). An extended
/// value takes precedence over continuations, and both over the plain value (RFC 6266 §4.3). One
/// that cannot be read — in a charset other than UTF-8 or ISO-8859-1, or with bytes that are not
/// valid UTF-8 — is skipped for the plain value, as RFC 6266 asks; without a plain value the
/// parameter is ``isUnreadable(_:)``, never silently absent. Read byte by byte: a `"` followed by
/// a combining mark is still a quote.
///
/// Hand-written because multipart-kit 4's `getParameter` splits the header at every `;`, inside
/// quotes too, keeps escaping backslashes, and knows neither extended values nor continuations.
struct HeaderValue: Sendable, Equatable {
    /// The part before the first `;`, trimmed and lower-cased: `form-data`, `multipart/form-data`.
    var type: String
    /// Decoded parameter values by lower-cased name, without `*` suffixes.
    private(set) var parameters: [String: String] = [:]
    /// Lower-cased names of parameters given only in forms that cannot be read (see the type's notes).
    private var unreadable: Set<String> = []

    /// Parses a header value; `nil` when it does not follow the grammar: a parameter name that is
    /// not a token or comes twice, a missing `=`, an unterminated quoted string or text after it,
    /// a bad `%` escape, or a missing continuation.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        var index = bytes.firstIndex(of: Self.semicolon) ?? bytes.endIndex
        type = Self.trimmed(bytes[..<index]).lowercased()
        var plain: [String: String] = [:]
        var extended: [String: String] = [:]
        var sections: [String: [Int: (value: String, isExtended: Bool)]] = [:]
        while index < bytes.endIndex {
            index += 1  // the `;`
            while index < bytes.endIndex, Self.isWhitespace(bytes[index]) { index += 1 }
            if index == bytes.endIndex || bytes[index] == Self.semicolon { continue }
            let nameStart = index
            while index < bytes.endIndex, Self.isTokenByte(bytes[index]) { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            while index < bytes.endIndex, Self.isWhitespace(bytes[index]) { index += 1 }
            guard !name.isEmpty, index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else { return nil }
            index += 1
            while index < bytes.endIndex, Self.isWhitespace(bytes[index]) { index += 1 }
            guard let value = Self.value(bytes, at: &index) else { return nil }
            // `name`, `name*` (extended), `name*N` or `name*N*` (continuation N).
            var pieces = name.split(separator: "*", omittingEmptySubsequences: false)
            let isExtended = pieces.count > 1 && pieces.last == ""
            if isExtended { pieces.removeLast() }
            let base = String(pieces[0])
            switch pieces.count {
            case 1 where isExtended:
                guard extended.updateValue(value, forKey: base) == nil else { return nil }
            case 1:
                guard plain.updateValue(value, forKey: base) == nil else { return nil }
            case 2:
                guard pieces[1].allSatisfy(\.isASCII), let number = Int(pieces[1]), number >= 0,
                    sections[base, default: [:]].updateValue((value, isExtended), forKey: number) == nil
                else { return nil }
            default:
                return nil
            }
        }
        parameters = plain
        for (base, parts) in sections {
            switch Self.joined(parts) {
            case .value(let value): parameters[base] = value
            case .unreadable: unreadable.insert(base)
            case .malformed: return nil
            }
        }
        for (base, value) in extended {
            switch Self.extendedValue(value) {
            case .value(let value): parameters[base] = value
            case .unreadable: unreadable.insert(base)
            case .malformed: return nil
            }
        }
    }

    /// The decoded value of a parameter (`filename` also finds `filename*`), or `nil` when absent
    /// or ``isUnreadable(_:)``.
    subscript(name: String) -> String? { parameters[name.lowercased()] }

    /// Whether a parameter was sent but none of its forms can be read: `filename*=KOI8-R''%E1.pdf`
    /// or `filename*=UTF-8''caf%E8.pdf` with no plain `filename` to fall back on.
    func isUnreadable(_ name: String) -> Bool {
        parameters[name.lowercased()] == nil && unreadable.contains(name.lowercased())
    }

    private enum Decoded {
        case value(String)
        /// In a charset other than UTF-8 or ISO-8859-1, or bytes that are not valid in it.
        case unreadable
        case malformed
    }

    private static let semicolon = UInt8(ascii: ";")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let start = bytes.firstIndex { !isWhitespace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isWhitespace($0) }.map { $0 + 1 } ?? start
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// Reads a quoted string, or an unquoted value up to the next `;`; leaves `index` at that `;`.
    private static func value(_ bytes: [UInt8], at index: inout Int) -> String? {
        guard bytes[safe: index] == quote else {
            let start = index
            while index < bytes.endIndex, bytes[index] != semicolon { index += 1 }
            return trimmed(bytes[start..<index])
        }
        var value: [UInt8] = []
        index += 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == quote {
                while index < bytes.endIndex, isWhitespace(bytes[index]) { index += 1 }
                guard index == bytes.endIndex || bytes[index] == semicolon else { return nil }
                return String(decoding: value, as: UTF8.self)
            }
            // A backslash escapes only `"` and `\`: Internet Explorer sent Windows paths
            // (`C:\fakepath\x.pdf`) unescaped, and no client escapes other characters (Go's
            // mime.ParseMediaType keeps the same rule).
            if byte == backslash, let next = bytes[safe: index], next == quote || next == backslash {
                value.append(next)
                index += 1
            } else {
                value.append(byte)
            }
        }
        return nil
    }

    /// RFC 8187 `charset'language'percent-encoded`.
    private static func extendedValue(_ text: String) -> Decoded {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, let bytes = PercentDecoding.bytes(pieces[2].utf8, plusIsSpace: false) else {
            return .malformed
        }
        return decoded(bytes, charset: pieces[0].lowercased())
    }

    /// RFC 2231 continuations `0…n`, each percent-decoded when extended; the charset is that of section 0.
    private static func joined(_ parts: [Int: (value: String, isExtended: Bool)]) -> Decoded {
        var bytes: [UInt8] = []
        var charset = "utf-8"
        for number in 0..<parts.count {
            guard let section = parts[number] else { return .malformed }
            var value = section.value
            let isExtended = section.isExtended
            if number == 0 && isExtended {
                let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                guard pieces.count == 3 else { return .malformed }
                charset = pieces[0].lowercased()
                value = String(pieces[2])
            }
            let part = isExtended ? PercentDecoding.bytes(value.utf8, plusIsSpace: false) : Array(value.utf8)
            guard let part else { return .malformed }
            bytes += part
        }
        return decoded(bytes, charset: charset)
    }

    private static func decoded(_ bytes: [UInt8], charset: String) -> Decoded {
        switch charset {
        case "utf-8": String(validating: bytes, as: UTF8.self).map(Decoded.value) ?? .unreadable
        case "iso-8859-1": .value(String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })))
        default: .unreadable
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
