import Foundation

/// The one rule for the ids and names of raw HTML in page text: they live in their own namespace.
///
/// The page around the text is the theme's, and its ids are many and partly made per page (`id="{{id}}"`
/// of the feedback widget's questions, the scheda's section anchors `how-to`, `contacts`…, the skip
/// link's `contenuto`, `footer-contatti` that an `aria-labelledby` names); and the browser makes every id,
/// and the `name` of an image or a link, a property of `window` or `document` (`document.forms`,
/// `document.cookie`, `document.getElementById` overridden by `<img name="forms">`: DOM clobbering),
/// which the theme's scripts read. An id in the text equal to one of these makes the page invalid HTML
/// (two elements with one id), points the theme's labels at the wrong element, or breaks its scripts.
///
/// Listing the names to refuse would never be complete: the theme's ids are known only once each page is
/// rendered, and the browser's names change with the browser. So, as GitHub does with its `user-content-`
/// prefix, every `id` and `name` written in raw HTML is published with ``idPrefix`` before it
/// (`id="orari"` → `id="user-content-orari"`), which no theme id and no DOM property starts with, and
/// every reference to one of them in the same page is rewritten to match, so that in-page links and
/// labels keep working without script:
/// - `href="#orari"` (and SVG's `xlink:href`, `usemap="#mappa"`), and a Markdown link `[Orari](#orari)`;
/// - the attributes that name ids (``idReferences``: `for`, `headers`, `list`, `aria-labelledby`,
///   `aria-describedby`, `aria-controls`…), token by token;
/// - SVG's `url(#sfumatura)` in any attribute (`fill`, `clip-path`, `marker-end`…).
/// A reference to an id the text does not declare (the theme's `#contenuto`, a scheda anchor `#how-to`)
/// is left as written. A link from another page to an id of the text is written with the prefix
/// (`orari.md#user-content-orari`); `piazza check` says so when it finds one without.
///
/// Refused, with an error at the attribute: an `id` already used by an element before it in the same
/// page's raw HTML (an id names one element), and an `id` that is empty or holds a space (not an id).
extension RawHTML {
    /// Put before every `id` and `name` of raw HTML.
    public static let idPrefix = "user-content-"

    /// The ids of one page's raw HTML, carried across its texts (a service's scheda sections are
    /// rendered one by one but are one page).
    public struct IDs: Sendable, Hashable {
        /// Every `id` and `name` the page's raw HTML declares, character references decoded
        /// (``Markdown/rawHTMLNames(in:)``): the references to these are rewritten.
        public var declared: Set<String>
        /// The ids kept so far: a second element with one of them is refused.
        var kept: Set<String> = []
        /// The ids and names met so far, kept or not.
        var met: Set<String> = []

        public init(declared: Set<String> = []) { self.declared = declared }
    }

    /// Attributes whose value is one id or a list of them separated by spaces (HTML's and ARIA's
    /// IDREF and IDREFS attributes; `form` and `popovertarget` are removed before, ``removedAttributes``).
    static let idReferences: Set<String> = [
        "for", "headers", "list", "itemref", "commandfor", "interestfor", "anchor", "aria-activedescendant",
        "aria-controls", "aria-describedby", "aria-details", "aria-errormessage", "aria-flowto",
        "aria-labelledby", "aria-owns",
    ]

    /// What the rule does to one attribute otherwise kept.
    enum IDChange {
        /// Kept as written.
        case kept
        /// Kept with this value, written as the original was (same quotes).
        case rewritten(String)
        /// Removed, for this reason.
        case refused(String)
    }

    /// The rule for attribute `name` (lower case) with `value` as written in the text, on element `element`.
    static func idChange(name: String, value: String, element: String, ids: inout IDs) -> IDChange {
        switch name {
        case "id":
            let id = LinkAddress.decodingCharacterReferences(value)
            ids.met.insert(id)
            if id.isEmpty || id.utf8.contains(where: isASCIISpace) {
                return .refused(
                    "`id=\"\(value.showingInvisibles)\"` is not an id: an id is one word, neither empty nor holding spaces; write it as one word (e.g. `orari-ufficio`)"
                )
            }
            guard ids.kept.insert(id).inserted else {
                return .refused(
                    "`id=\"\(value.showingInvisibles)\"` is already the id of an element before it on this page, and an id names one element (two make the page invalid HTML and mislead labels and links); give this <\(element)> an id of its own"
                )
            }
            return .rewritten(idPrefix + value)
        case "name":
            guard !value.isEmpty else { return .kept }
            ids.met.insert(LinkAddress.decodingCharacterReferences(value))
            return .rewritten(idPrefix + value)
        case _ where idReferences.contains(name):
            return changed(references(in: value, ids: ids), from: value)
        case "href", "usemap",
            _ where name.hasSuffix(":href"):
            return changed(namespacedFragment(value, ids: ids) ?? value, from: value)
        default:
            return value.contains("url(#") ? changed(namespacedURLs(in: value, ids: ids), from: value) : .kept
        }
    }

    /// `#user-content-orari` for an address `#orari` (leading and trailing spaces as browsers drop them)
    /// naming an id of ``IDs/declared``; `nil` for any other address.
    public static func namespacedFragment(_ address: String, ids: IDs) -> String? {
        let trimmed = address.drop(while: isASCIISpace).reversed().drop(while: isASCIISpace).reversed()
        guard trimmed.first == "#" else { return nil }
        let fragment = String(trimmed.dropFirst())
        return names(fragment, in: ids) ? "#" + idPrefix + fragment : nil
    }

    /// Whether `reference`, as written in an attribute or a link, names an id of ``IDs/declared``: with
    /// its character references decoded, and its percent escapes too as a browser reads a fragment.
    private static func names(_ reference: String, in ids: IDs) -> Bool {
        guard !reference.isEmpty, !ids.declared.isEmpty else { return false }
        let decoded = LinkAddress.decodingCharacterReferences(reference)
        return ids.declared.contains(decoded) || decoded.removingPercentEncoding.map(ids.declared.contains) == true
    }

    /// An IDREFS value with each id of ``IDs/declared`` namespaced, the spaces between them kept.
    private static func references(in value: String, ids: IDs) -> String {
        var result = ""
        var token = ""
        for character in value {
            if isASCIISpace(character) {
                result += names(token, in: ids) ? idPrefix + token : token
                result.append(character)
                token = ""
            } else {
                token.append(character)
            }
        }
        return result + (names(token, in: ids) ? idPrefix + token : token)
    }

    /// `value` with each `url(#id)` naming an id of ``IDs/declared`` namespaced.
    private static func namespacedURLs(in value: String, ids: IDs) -> String {
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "url(#") {
            result += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            let id = rest.prefix { $0 != ")" && !($0.isASCII && $0.isWhitespace) && $0 != "\"" && $0 != "'" }
            if names(String(id), in: ids) { result += idPrefix }
        }
        return result + rest
    }

    private static func changed(_ value: String, from original: String) -> IDChange {
        value == original ? .kept : .rewritten(value)
    }
}

/// Tab, line feed, form feed, carriage return and space: what HTML splits a list of ids on.
private func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

private func isASCIISpace(_ character: Character) -> Bool {
    character.asciiValue.map(isASCIISpace) ?? false
}
