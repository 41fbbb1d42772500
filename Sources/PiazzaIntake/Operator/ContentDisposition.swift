/// `Content-Disposition: attachment` with a file name every browser reads safely (RFC 6266 §4.3 and
/// appendix D): a quoted ASCII `filename` first, for clients that know nothing else, then the exact
/// name as `filename*` in UTF-8, percent-encoded (RFC 8187 §3.2), which current browsers prefer.
enum ContentDisposition {
    /// The header value for a download named `name` (a stored, already cleaned file name; ``PostedForm/filename(_:)``).
    static func attachment(filename name: String) -> String {
        let name = name.isEmpty ? "allegato" : name
        return "attachment; filename=\"\(asciiFallback(name))\"; filename*=UTF-8''\(percentEncoded(name))"
    }

    /// `name` in printable ASCII for the quoted `filename`: accents dropped (`è` → `e`), anything else
    /// that is not printable ASCII, and the characters a quoted string or a path would read (`"`,
    /// `\`, `/`) or that some clients decode (`%`), replaced by `_`.
    static func asciiFallback(_ name: String) -> String {
        var result = ""
        for character in name {
            let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first!
            if base.isASCII, base.value >= 0x20, base.value < 0x7F, !"\"\\/%".unicodeScalars.contains(base) {
                result.unicodeScalars.append(base)
            } else {
                result.append("_")
            }
        }
        return result
    }

    /// RFC 8187 `value-chars`: `attr-char` as it is, every other UTF-8 byte as `%XX`.
    static func percentEncoded(_ name: String) -> String {
        let attrChar = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in name.utf8 {
            if attrChar.contains(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
