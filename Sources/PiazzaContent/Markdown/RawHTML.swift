/// Raw HTML of a portal that allows it (`allow_raw_html: true`), made safe to publish: what would run
/// script, embed or post to another site, or change the page's head is taken out, and each removal is
/// reported so the editor learns of it (never a silent drop).
///
/// Removed:
/// - elements that run script or whose content is not HTML, with their content: `script`, `style`,
///   `iframe`, `noscript`, `noembed`, `noframes`, `xmp`, `textarea`, `title`, `plaintext` (the last
///   seven are also what GitHub's tag filter neuters);
/// - tags that embed, post, or change the page's head or links, keeping their content: `object`,
///   `embed`, `applet`, `param`, `form`, `frame`, `frameset`, `portal`, `base`, `link`, `meta`, and
///   SVG's `animate`, `set`, `animateMotion`, `animateTransform`, `animateColor` (they can turn an
///   attribute into a `javascript:` link);
/// - event-handler attributes (`on…`);
/// - address attributes (`href`, `src`, `action`, `formaction`, `srcset`, `poster`, `background`,
///   `xlink:href`, `xml:base`…) whose value breaks ``LinkAddress``, read as a browser reads it
///   (``LinkAddress/checkAttribute(_:name:)``);
/// - a tag, comment or `<![CDATA[` left open at the end of the text is shown as text (`&lt;`), so the
///   browser cannot read the Markdown that follows as part of it; a `<` that starts no markup (`a < b`,
///   `<<`) is written `&lt;`, so a removal cannot join it to the text after the removed part into a
///   new tag.
///
/// Hand-written rather than taken from a library: the one maintained Swift sanitiser (SwiftSoup's
/// `Cleaner`) cleans a whole document into a new tree, while cmark-gfm hands raw HTML over in
/// fragments (an inline `<a href=…>` is one node, its `</a>` another), which a tree cleaner would close
/// or drop; and it does not say what it removed nor where. This reads each fragment with the HTML
/// Standard's tokenizer rules (tags, attributes and their quoting, comments, raw-text elements), keeps
/// everything it does not remove byte for byte, and reports a position for each removal.
public enum RawHTML {
    /// One removal, at a 1-based line and byte column of the text given to ``sanitize(_:)``.
    public struct Removal: Sendable, Hashable {
        public var line: Int
        public var column: Int
        /// What was removed and why, as a sentence for the editor.
        public var message: String
    }

    /// `html` with everything the rule removes taken out, and the removals in text order.
    public static func sanitize(_ html: String) -> (html: String, removals: [Removal]) {
        guard html.utf8.contains(UInt8(ascii: "<")) else { return (html, []) }
        var sanitizer = Sanitizer(Array(html.utf8))
        sanitizer.run()
        return (String(decoding: sanitizer.output, as: UTF8.self), sanitizer.removals)
    }

    /// Elements removed with their content. The browser reads what follows their start tag as text up to
    /// their end tag (raw text and RCDATA elements, and `noscript` where script runs).
    static let removedWithContent: [String: String] = [
        "script": "runs script, and pages carry no script of their own (they work without JavaScript)",
        "style": "restyles the whole page; the portal's look comes from its theme",
        "iframe": "embeds another page, and pages make no requests to other sites",
        "noscript": "only matters to pages with script, which pages do not carry",
        "noembed": "is an obsolete element", "noframes": "is an obsolete element", "xmp": "is an obsolete element",
        "plaintext": "is an obsolete element that would turn the rest of the page into text",
        "textarea": "is a form field, and forms come from forms/ID.yaml",
        "title": "belongs to the page's head, which the theme writes",
    ]

    /// Elements whose tags are removed, their content kept.
    static let removedTags: [String: String] = [
        "object": "embeds a plug-in or another document", "embed": "embeds a plug-in or another document",
        "applet": "embeds a plug-in", "param": "configures a plug-in",
        "form": "posts to an address the portal does not check; forms come from forms/ID.yaml",
        "frame": "embeds another page", "frameset": "embeds other pages", "portal": "embeds another page",
        "base": "changes where every link of the page leads", "link": "loads other files into the page",
        "meta": "can redirect the page or change its head",
        "animate": "can turn an attribute into a script address", "set": "can turn an attribute into a script address",
        "animatemotion": "can turn an attribute into a script address",
        "animatetransform": "can turn an attribute into a script address",
        "animatecolor": "can turn an attribute into a script address",
    ]

    /// Attributes whose value is an address (or a list of them): HTML's, SVG's and MathML's, the
    /// obsolete ones browsers still load, `xml:base` (the base of the links inside it, to older
    /// browsers), and any `…:href` (`xlink:href`).
    static let addressAttributes: Set<String> = [
        "href", "src", "action", "formaction", "srcset", "imagesrcset", "poster", "background", "cite",
        "longdesc", "usemap", "data", "codebase", "classid", "archive", "manifest", "ping", "lowsrc", "dynsrc",
        "icon", "profile", "xml:base",
    ]

    /// One pass over the bytes of a fragment.
    private struct Sanitizer {
        let bytes: [UInt8]
        var index = 0
        var output: [UInt8] = []
        var removals: [Removal] = []

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            output.reserveCapacity(bytes.count)
        }

        /// One attribute of a tag: where its text is, its name lower case, its value as written.
        struct Attribute {
            var start: Int
            var end: Int
            var name: String
            var value: String
        }

        /// A tag read from `<` to `>`.
        struct Tag {
            var name: String
            var attributes: [Attribute]
            var nameRange: Range<Int>
            var isSelfClosing: Bool
            /// Just after its `>`.
            var end: Int
        }

        mutating func run() {
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    let next = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                    output += bytes[index..<next]
                    index = next
                    continue
                }
                let next = byte(at: index + 1)
                if let next, isLetter(next) {
                    startOrEndTag(isEnd: false, nameStart: index + 1)
                } else if next == UInt8(ascii: "/"), let after = byte(at: index + 2), isLetter(after) {
                    startOrEndTag(isEnd: true, nameStart: index + 2)
                } else if next == UInt8(ascii: "/") && byte(at: index + 2) == UInt8(ascii: ">") {
                    copy(to: index + 3)  // `</>` is ignored by browsers
                } else if hasPrefix("<!--") {
                    comment()
                } else if hasPrefix("<![CDATA[") {
                    // In SVG and MathML it is text up to `]]>`, elsewhere a comment up to `>`: no one reading
                    // fits both, so it is shown as text.
                    showAsText("<![CDATA[ is read differently inside and outside SVG")
                } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                    // `<!DOCTYPE …>`, `<?…>`, `</ …>`: comments to browsers, up to the first `>`.
                    if let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
                        copy(to: close + 1)
                    } else {
                        showAsText("this markup is not closed with >")
                    }
                } else {
                    // A `<` that starts no markup is text to browsers; written `&lt;` it stays text when
                    // what follows it (`<</object>img onerror=…>`) is joined to it by a removal.
                    output += Array("&lt;".utf8)
                    index += 1
                }
            }
        }

        private func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

        private func hasPrefix(_ text: String) -> Bool {
            bytes[index...].starts(with: text.utf8)
        }

        private mutating func copy(to end: Int) {
            output += bytes[index..<end]
            index = end
        }

        /// The `<` at `index` as `&lt;`, reported; reading goes on after it as text.
        private mutating func showAsText(_ reason: String) {
            report(at: index, "raw HTML '\(excerpt(from: index))': \(reason); it is shown as text")
            output += Array("&lt;".utf8)
            index += 1
        }

        /// `<!-- … -->`: kept as it is. It ends at the first `-->` or `--!>`, or at once with `<!-->` or `<!--->`.
        private mutating func comment() {
            let body = index + 4
            for abrupt in [">", "->"] where bytes[body...].starts(with: abrupt.utf8) {
                return copy(to: body + abrupt.utf8.count)
            }
            var position = body
            while position < bytes.count {
                if bytes[position...].starts(with: "-->".utf8) { return copy(to: position + 3) }
                if bytes[position...].starts(with: "--!>".utf8) { return copy(to: position + 4) }
                position += 1
            }
            showAsText("this comment is not closed with -->")
        }

        private mutating func startOrEndTag(isEnd: Bool, nameStart: Int) {
            guard let tag = readTag(nameStart: nameStart) else {
                return showAsText("this tag is not closed with >")
            }
            let tagStart = index
            // An end tag of a removed element goes too; its start tag was reported.
            if isEnd {
                if removedWithContent[tag.name] != nil || removedTags[tag.name] != nil {
                    index = tag.end
                } else {
                    copy(to: tag.end)
                }
                return
            }
            if let reason = removedWithContent[tag.name] {
                report(at: tagStart, "raw HTML <\(tag.name)> \(reason); it is removed with its content")
                index = tag.name == "plaintext" ? bytes.count : endOfContent(of: tag)
                return
            }
            if let reason = removedTags[tag.name] {
                report(at: tagStart, "raw HTML <\(tag.name)> \(reason); the tag is removed")
                index = tag.end
                return
            }
            var kept: [Attribute] = []
            for attribute in tag.attributes {
                if let reason = refusal(of: attribute) {
                    report(
                        at: attribute.start, "raw HTML <\(tag.name)>: `\(attribute.name)` \(reason); it is removed")
                } else {
                    kept.append(attribute)
                }
            }
            guard kept.count < tag.attributes.count else { return copy(to: tag.end) }
            output += [UInt8(ascii: "<")] + bytes[tag.nameRange]
            for attribute in kept { output += [UInt8(ascii: " ")] + bytes[attribute.start..<attribute.end] }
            output += Array((tag.isSelfClosing ? " />" : ">").utf8)
            index = tag.end
        }

        /// Why an attribute is removed, or `nil` to keep it.
        private func refusal(of attribute: Attribute) -> String? {
            if attribute.name.hasPrefix("on") && attribute.name != "open" {
                return "is an event handler, which runs script; pages carry no script of their own"
            }
            let local = attribute.name.split(separator: ":").last.map(String.init) ?? attribute.name
            guard addressAttributes.contains(attribute.name) || local == "href" else { return nil }
            do {
                try LinkAddress.checkAttribute(attribute.value, name: attribute.name)
                return nil
            } catch {
                return "'\(attribute.value.showingInvisibles)' \(error.reason)"
            }
        }

        /// Just after the end tag of a raw-text element opened by `tag` (`</script …>`), or the end of
        /// the text when it has none here.
        private func endOfContent(of tag: Tag) -> Int {
            var position = tag.end
            let closing = Array("</\(tag.name)".utf8)
            while let less = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
                let candidate = bytes[less...]
                if candidate.count > closing.count,
                    zip(candidate, closing).allSatisfy({ lowered($0) == $1 }),
                    isSpace(candidate[less + closing.count]) || candidate[less + closing.count] == UInt8(ascii: "/")
                        || candidate[less + closing.count] == UInt8(ascii: ">")
                {
                    return readTag(nameStart: less + 2)?.end ?? bytes.count
                }
                position = less + 1
            }
            return bytes.count
        }

        /// Reads a tag whose name starts at `nameStart`, by the HTML Standard's tokenizer states (tag
        /// name, before/after attribute name, attribute value double-quoted, single-quoted and unquoted,
        /// self-closing start tag); `nil` when the text ends before its `>`.
        private func readTag(nameStart: Int) -> Tag? {
            var position = nameStart
            while position < bytes.count, !isSpace(bytes[position]),
                bytes[position] != UInt8(ascii: "/"), bytes[position] != UInt8(ascii: ">")
            {
                position += 1
            }
            var tag = Tag(
                name: lowercase(nameStart..<position), attributes: [],
                nameRange: nameStart..<position, isSelfClosing: false, end: 0)
            while position < bytes.count {
                let byte = bytes[position]
                if isSpace(byte) {
                    position += 1
                } else if byte == UInt8(ascii: ">") {
                    tag.end = position + 1
                    return tag
                } else if byte == UInt8(ascii: "/") {
                    position += 1
                    if self.byte(at: position) == UInt8(ascii: ">") {
                        tag.isSelfClosing = true
                        tag.end = position + 1
                        return tag
                    }
                } else {
                    guard let attribute = readAttribute(at: position) else { return nil }
                    tag.attributes.append(attribute)
                    position = attribute.end
                }
            }
            return nil
        }

        /// An attribute starting at `start` (its name's first character, which may be `=`).
        private func readAttribute(at start: Int) -> Attribute? {
            var position = start + 1
            func stops(_ byte: UInt8) -> Bool {
                isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
            }
            while position < bytes.count, !stops(bytes[position]) { position += 1 }
            let name = lowercase(start..<position)
            var afterName = position
            while afterName < bytes.count, isSpace(bytes[afterName]) { afterName += 1 }
            guard afterName < bytes.count else { return nil }
            guard bytes[afterName] == UInt8(ascii: "=") else {
                return Attribute(start: start, end: position, name: name, value: "")
            }
            var valueStart = afterName + 1
            while valueStart < bytes.count, isSpace(bytes[valueStart]) { valueStart += 1 }
            guard valueStart < bytes.count else { return nil }
            let quote = bytes[valueStart]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = bytes[(valueStart + 1)...].firstIndex(of: quote) else { return nil }
                let value = String(decoding: bytes[(valueStart + 1)..<close], as: UTF8.self)
                return Attribute(start: start, end: close + 1, name: name, value: value)
            }
            if quote == UInt8(ascii: ">") { return Attribute(start: start, end: valueStart, name: name, value: "") }
            var valueEnd = valueStart
            while valueEnd < bytes.count, !isSpace(bytes[valueEnd]), bytes[valueEnd] != UInt8(ascii: ">") {
                valueEnd += 1
            }
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            return Attribute(start: start, end: valueEnd, name: name, value: value)
        }

        private mutating func report(at position: Int, _ message: String) {
            let before = bytes[..<position]
            let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            removals.append(Removal(line: line, column: position - lineStart + 1, message: message))
        }

        /// Up to 40 characters from `position` to the line's end, to quote what is shown as text.
        private func excerpt(from position: Int) -> String {
            let line = bytes[position...].prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            let text = String(decoding: line, as: UTF8.self)
            return text.count > 40 ? text.prefix(40) + "…" : text
        }

        private func lowercase(_ range: Range<Int>) -> String {
            String(decoding: bytes[range].map(lowered), as: UTF8.self)
        }
    }
}

/// ASCII letters are lowered, as HTML does with tag and attribute names; other bytes stay.
private func lowered(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
}

private func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowered(byte)) }

/// Tab, line feed, form feed, carriage return (a line feed to browsers) and space.
private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}
