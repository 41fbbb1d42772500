/// Escaping of untrusted text for every format piazza writes by hand or through a template: HTML text and
/// quoted attribute values, XML 1.0 (sitemap, Atom feed) and JSON strings inside a `<script>` element.
///
/// Every rule works on UTF-8 bytes, never on `Character`s. A Swift `Character` is a grapheme cluster
/// and can join a markup character to its neighbour: `"` followed by U+0301 COMBINING ACUTE ACCENT is
/// one `Character`, and so is a prepended concatenation mark (U+0600…U+0605, U+110BD) followed by `<`.
/// Compared per `Character`, neither equals `"` or `<` and both pass through raw, while the browser's
/// tokenizer reads code points (WHATWG HTML §13.2.5) and still sees the quote or the tag. That is
/// CVE-2026-27120 in another Swift template engine, and the flaw of swift-mustache 2.1.1's own
/// `htmlEscape()`. In UTF-8 every byte below 0x80 is a whole code point and multi-byte sequences use
/// only bytes from 0x80 up, so replacing ASCII bytes is exact whatever precedes or follows them.
///
/// Text with nothing to escape is returned as it is, without copying: that is most text of a build.
public enum Escape {
    /// Escapes `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`, for HTML text and for attribute values
    /// quoted with `"` or `'` (WHATWG HTML §13.1.2.3, §13.1.2.6). Not for unquoted attribute values,
    /// URLs that need a scheme check, or the content of `<script>` and `<style>`.
    ///
    /// Every Mustache template renders `{{value}}` through this function (see `Theme.load(from:)`).
    public static func html(_ text: String) -> String {
        rewrite(text, when: isHTMLSpecial) { bytes, index, out in
            appendHTMLEntity(bytes[index], to: &out)
            return 1
        }
    }

    /// The bytes ``html(_:)`` escapes.
    @inline(__always)
    private static func isHTMLSpecial(_ byte: UInt8) -> Bool { isMarkup(byte) || byte == 0x27 }

    /// Appends the entity of a byte for which ``isHTMLSpecial(_:)`` holds.
    @inline(__always)
    private static func appendHTMLEntity(_ byte: UInt8, to out: inout [UInt8]) {
        if byte == 0x27 {
            out.append(contentsOf: "&#39;".utf8)
        } else {
            appendEntity(byte, to: &out)
        }
    }

    /// ``html(_:)`` appended to `output`, for a renderer that writes a page into one buffer.
    public static func html(_ text: String, into output: inout [UInt8]) {
        rewrite(text, into: &output, when: isHTMLSpecial) { bytes, index, out in
            appendHTMLEntity(bytes[index], to: &out)
            return 1
        }
    }

    /// Escapes `& < > "` as `&amp; &lt; &gt; &quot;`, for XML 1.0 text and attribute values quoted with
    /// `"` (XML 1.0 §2.4, §3.1). Code points XML 1.0 does not allow at all (§2.2 `Char`: controls other
    /// than tab, line feed and carriage return, U+FFFE, U+FFFF) cannot be escaped, since `&#1;` is not
    /// well-formed either; each becomes U+FFFD REPLACEMENT CHARACTER, so one bad title does not make the
    /// whole feed unreadable.
    public static func xml(_ text: String) -> String {
        rewrite(
            text, when: { isMarkup($0) || $0 == 0xEF || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) }
        ) { bytes, index, out in
            switch bytes[index] {
            case 0xEF:
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF; other EF sequences are ordinary text.
                guard index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE else {
                    out.append(0xEF)
                    return 1
                }
                out.append(contentsOf: replacementCharacter)
                return 3
            case let byte where isMarkup(byte): appendEntity(byte, to: &out)
            default: out.append(contentsOf: replacementCharacter)
            }
            return 1
        }
    }

    /// Escapes the characters between the quotes of a JSON string (RFC 8259 §7) so that the string is
    /// also safe inside an HTML `<script>` element, such as JSON-LD: `"` and `\` as `\"` and `\\`, line
    /// feed, carriage return and tab as `\n`, `\r`, `\t`, other controls below U+0020 as `\u00XX`, every
    /// `<` as `\u003c` (no `</script>` or `<!--` can end or change the element, WHATWG HTML §4.12.1.3),
    /// and U+2028/U+2029 as `\u2028`/`\u2029` (line terminators to JavaScript before ES2019).
    public static func jsonInScript(_ text: String) -> String {
        rewrite(text, when: isJSONSpecial, appendJSONEscape)
    }

    /// ``jsonInScript(_:)`` appended to `output`, for a writer that builds a JSON document in one buffer.
    public static func jsonInScript(_ text: String, into output: inout [UInt8]) {
        rewrite(text, into: &output, when: isJSONSpecial, appendJSONEscape)
    }

    /// The bytes ``jsonInScript(_:)`` escapes (0xE2 may start U+2028 or U+2029).
    @inline(__always)
    private static func isJSONSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0xE2
    }

    /// Appends the escape of the byte at `index`, for which ``isJSONSpecial(_:)`` holds; returns the bytes read.
    @inline(__always)
    private static func appendJSONEscape(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ out: inout [UInt8]) -> Int
    {
        switch bytes[index] {
        case 0x22: out.append(contentsOf: #"\""#.utf8)
        case 0x5C: out.append(contentsOf: #"\\"#.utf8)
        case 0x0A: out.append(contentsOf: #"\n"#.utf8)
        case 0x0D: out.append(contentsOf: #"\r"#.utf8)
        case 0x09: out.append(contentsOf: #"\t"#.utf8)
        case 0x3C: out.append(contentsOf: #"\u003c"#.utf8)
        case 0xE2:
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; other E2 sequences are ordinary text.
            guard index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 else {
                out.append(0xE2)
                return 1
            }
            out.append(contentsOf: (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
            return 3
        case let control:
            out.append(contentsOf: #"\u00"#.utf8)
            out.append(hexDigits[Int(control >> 4)])
            out.append(hexDigits[Int(control & 0x0F)])
        }
        return 1
    }

    /// `& < > "`, the characters HTML and XML both escape as entities.
    @inline(__always)
    private static func isMarkup(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22
    }

    /// Appends the entity of a byte for which ``isMarkup(_:)`` holds.
    @inline(__always)
    private static func appendEntity(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x26: out.append(contentsOf: "&amp;".utf8)
        case 0x3C: out.append(contentsOf: "&lt;".utf8)
        case 0x3E: out.append(contentsOf: "&gt;".utf8)
        default: out.append(contentsOf: "&quot;".utf8)
        }
    }

    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Copies `text`, letting `replace` write the output for every byte `when` selects and return how many
    /// input bytes it consumed (at least 1); other bytes are copied. `text` itself when no byte is selected.
    @inline(__always)
    private static func rewrite(
        _ text: String, when selected: (UInt8) -> Bool,
        _ replace: (UnsafeBufferPointer<UInt8>, Int, inout [UInt8]) -> Int
    ) -> String {
        var contiguous = text
        let rewritten: String? = contiguous.withUTF8 { bytes in
            guard var index = bytes.firstIndex(where: selected) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16 + bytes.count / 8)
            out.append(contentsOf: bytes[..<index])
            while index < bytes.count {
                if selected(bytes[index]) {
                    index += replace(bytes, index, &out)
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return rewritten ?? text
    }

    /// Appends `text` to `output`, letting `replace` write the output for every byte `when` selects and
    /// return how many input bytes it consumed (at least 1); runs of other bytes are copied at once.
    @inline(__always)
    private static func rewrite(
        _ text: String, into output: inout [UInt8], when selected: (UInt8) -> Bool,
        _ replace: (UnsafeBufferPointer<UInt8>, Int, inout [UInt8]) -> Int
    ) {
        var contiguous = text
        contiguous.withUTF8 { bytes in
            var index = 0
            var copied = 0
            while index < bytes.count {
                guard selected(bytes[index]) else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                index += replace(bytes, index, &output)
                copied = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }
}
