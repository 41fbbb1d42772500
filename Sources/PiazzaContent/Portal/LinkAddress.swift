/// The one rule for every address content turns into an `href` or `src`: Markdown links and images,
/// `access.online` and `accessibility_statement`, and (with stricter checks on top) the web addresses
/// of settings (``YAMLReader/webAddress(_:required:)``).
///
/// An address is either
/// - **absolute**: scheme `http`, `https`, `mailto` or `tel` (any case), or `//host…`;
/// - or a **path**: relative to the page, from the portal root when it starts with `/`, or only a
///   `?query` / `#fragment`.
///
/// Refused, with the reason in words (the allow-list of the OWASP XSS cheat sheet and of GitHub's
/// Markdown sanitiser; what browsers do is the WHATWG URL Standard):
/// - any other scheme (`javascript:`, `vbscript:`, `data:`, `file:`, `blob:`…): browsers run the
///   address as script or open local or inline content;
/// - a backslash: browsers read `\` as `/`, so `/\evil.example` leaves for another host;
/// - a control or invisible character (tab, line break, NUL, DEL, C1, zero-width and bidi
///   characters, any default-ignorable code point): browsers drop tabs and line breaks anywhere
///   (`java⇥script:` is `javascript:`) and the others hide what the address is;
/// - an HTML character reference before the first `/` (`javascript&#58;…`, `&colon;`): HTML
///   decodes it into a scheme wherever the text reaches a page unescaped.
///
/// Spaces at both ends are dropped first, as browsers do.
package enum LinkAddress {
    /// What an accepted address is.
    package enum Kind: Sendable, Hashable {
        /// Has an allowed scheme, or starts with `//`: not a file of the portal.
        case absolute
        /// A path, `?query` or `#fragment`, resolved against the page or the portal root.
        case path
    }

    /// Why an address is refused, as a phrase that follows the quoted address: "has a backslash…".
    package struct Refusal: Error, Sendable, Hashable {
        package var reason: String
    }

    /// The schemes an address may have, lower case.
    package static let schemes = ["http", "https", "mailto", "tel"]

    /// Checks `text` against the rule.
    ///
    /// - Returns: the kind, and the address without spaces at its ends.
    /// - Throws: ``Refusal`` saying what is wrong and how to write it.
    package static func check(_ text: String) throws(Refusal) -> (kind: Kind, address: String) {
        try checkCharacters(text)
        let address = trimmingSpaces(text)
        if address.hasPrefix("//") { return (.absolute, address) }
        // `#` is part of `&#58;`: references are looked for up to the first `/`, the scheme up to `/?#`.
        if hasCharacterReference(address.prefix { $0 != "/" }.utf8) {
            throw Refusal(
                reason: "has an HTML character reference (&…;) before the first /; write the characters themselves")
        }
        let head = address.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let colon = head.firstIndex(of: ":"), isScheme(head[..<colon].utf8) {
            let scheme = head[..<colon].lowercased()
            guard schemes.contains(scheme) else {
                throw Refusal(
                    reason: "uses the '\(scheme):' scheme; links can be http, https, mailto or tel addresses, "
                        + "or paths to pages and files of the portal")
            }
            return (.absolute, address)
        }
        return (.path, address)
    }

    /// Whether `text` holds `&#` or `&name;` (a letter, then letters and digits): the start of a
    /// numeric character reference or a whole named one, as HTML reads them.
    static func hasCharacterReference(_ text: Substring.UTF8View) -> Bool {
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: UInt8(ascii: "&")) {
            rest = rest[rest.index(after: ampersand)...]
            guard let first = rest.first else { return false }
            if first == UInt8(ascii: "#") { return true }
            guard isASCIILetter(first) else { continue }
            let name = rest.prefix { isASCIILetter($0) || isASCIIDigit($0) }
            if name.endIndex < rest.endIndex && rest[name.endIndex] == UInt8(ascii: ";") { return true }
        }
        return false
    }

    /// Whether `text` is a URL scheme as RFC 3986 §3.1 writes it: a letter, then letters, digits, `+`,
    /// `-` or `.` (ASCII only).
    static func isScheme(_ text: Substring.UTF8View) -> Bool {
        guard let first = text.first, isASCIILetter(first) else { return false }
        return text.allSatisfy {
            isASCIILetter($0) || isASCIIDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: ".")
        }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// `text` without the spaces (U+0020 Characters) at its ends; `text` itself when it has none, the common
    /// case (a reversed copy of every link was 2 % of a 10,000-page build).
    static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " })
        else { return "" }
        if first == text.startIndex && text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }

    /// The part of the rule about characters, shared with ``WebAddress``: no control or invisible
    /// character, no backslash.
    ///
    /// - Throws: ``Refusal`` naming the first such character.
    package static func checkCharacters(_ text: String) throws(Refusal) {
        if let scalar = text.unicodeScalars.first(where: isInvisible) {
            throw Refusal(reason: "has an invisible or control character (\(scalar.codePoint)); delete it")
        }
        if text.contains("\\") {
            throw Refusal(reason: "has a backslash (\\), which browsers read as /; use / in links")
        }
    }

    /// Characters a reader cannot see or that browsers drop: controls (C0, DEL, C1, so tabs and line
    /// breaks), format characters (zero-width, bidi) and other default-ignorable code points.
    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format: true
        default: scalar.properties.isDefaultIgnorableCodePoint
        }
    }
}

extension Unicode.Scalar {
    /// `U+00A0`: the code point as Unicode charts write it, to name a character people cannot see.
    package var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension StringProtocol {
    /// The text with every character a reader cannot tell apart from a space or from nothing written
    /// as its code point, `<U+00A0>`: the ``LinkAddress/isInvisible(_:)`` characters and every space
    /// separator but U+0020. Used where a message quotes what an editor wrote, so "## A chi è rivolto"
    /// with a no-break space does not look like the right text.
    package var showingInvisibles: String {
        var shown = ""
        for scalar in unicodeScalars {
            let isOddSpace = scalar != " " && scalar.properties.generalCategory == .spaceSeparator
            if isOddSpace || LinkAddress.isInvisible(scalar) {
                shown += "<\(scalar.codePoint)>"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
