extension RawHTML {
    /// What a piece of raw HTML shows in a portal that does not allow raw HTML (`allow_raw_html: false`, the
    /// default): its text, in order, with a line break for each `<br>`.
    public enum ShownPart: Sendable, Hashable {
        case text(String)
        case lineBreak
    }

    /// `fragment`, raw HTML written at 1-based `line` and byte `column` of a Markdown text (as cmark-gfm hands
    /// it over: a whole HTML block, or one inline tag or comment), as a portal without raw HTML publishes it:
    /// the tags are left out and their text kept (a citizen reads «importante», not `<b>importante</b>`), `<br>`
    /// is a line break, and comments `<!-- … -->`, `<!DOCTYPE …>` and `<?…?>` are left out whole: a comment is
    /// an editor's note, never content (GitHub, Hugo and every Markdown guide hide it). Each start tag is a
    /// warning at its place saying what is published and the Markdown to write instead; comments are not.
    /// What `<script>` and `<style>` hold is left out with them.
    ///
    /// A `<` that starts no tag (`a < b`, `<3`) is text. A tag or comment not closed in the fragment (`<b` at a
    /// line's end) is text too, as cmark-gfm only hands over closed ones.
    public static func shownWithoutRawHTML(
        _ fragment: String, line: Int, column: Int
    ) -> (parts: [ShownPart], warnings: [Removal]) {
        let bytes = Array(fragment.utf8)
        var parts: [ShownPart] = []
        var warnings: [Removal] = []
        var text: [UInt8] = []
        var index = 0
        // Line breaks before `index`, and where the current line starts, for the warnings' places.
        var lines = 0
        var lineStart: Int?
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text = []
        }
        func skip(to end: Int) {
            for offset in index..<end where bytes[offset] == UInt8(ascii: "\n") {
                lines += 1
                lineStart = offset + 1
            }
            index = end
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<"), let end = markupEnd(in: bytes, from: index) else {
                if byte == UInt8(ascii: "\n") {
                    lines += 1
                    lineStart = index + 1
                }
                text.append(byte)
                index += 1
                continue
            }
            if let name = startTagName(in: bytes, at: index) {
                let place = (line + lines, lineStart.map { index - $0 + 1 } ?? column + index)
                warnings.append(
                    Removal(
                        line: place.0, column: place.1,
                        message:
                            "raw HTML <\(name)> is not published: this portal does not allow raw HTML (`allow_raw_html` in portal.yaml), so the tag is left out and its text shown; \(markdownInstead(of: name))",
                        severity: .warning))
                if name == "br" {
                    flush()
                    parts.append(.lineBreak)
                }
                // What `<script>` and `<style>` hold is code, not text (Word pastes a `<style>` block).
                if name == "script" || name == "style" {
                    skip(to: contentEnd(of: name, in: bytes, from: end))
                    continue
                }
            }
            skip(to: end)
        }
        flush()
        return (parts, warnings)
    }

    /// Just after the tag, comment, `<!…>` or `<?…>` starting at `start` (a `<`), or `nil` when what starts there
    /// is text: a `<` before no letter, `/`, `!` or `?`, or markup not closed in `bytes`.
    private static func markupEnd(in bytes: [UInt8], from start: Int) -> Int? {
        let rest = bytes[start...]
        if rest.starts(with: "<!--".utf8) {
            var position = start + 4
            for abrupt in [">", "->"] where bytes[position...].starts(with: abrupt.utf8) {
                return position + abrupt.utf8.count
            }
            while position < bytes.count {
                if bytes[position...].starts(with: "-->".utf8) { return position + 3 }
                position += 1
            }
            return nil
        }
        guard start + 1 < bytes.count else { return nil }
        let next = bytes[start + 1]
        let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20)
        guard isLetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else {
            return nil
        }
        // Up to the first `>` outside a quoted attribute value.
        var quote: UInt8?
        for position in (start + 1)..<bytes.count {
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return position + 1
            }
        }
        return nil
    }

    /// Just after the end tag `</name>` found from `start`, ASCII case ignored; the end of `bytes` without one.
    private static func contentEnd(of name: String, in bytes: [UInt8], from start: Int) -> Int {
        let endTag = Array("</\(name)".utf8)
        var position = start
        while position + endTag.count <= bytes.count {
            if zip(bytes[position..<(position + endTag.count)], endTag).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                return bytes[position...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? bytes.count
            }
            position += 1
        }
        return bytes.count
    }

    /// The lower-case name of the start tag at `start`, `nil` for an end tag, a comment or `<!…>`/`<?…>`.
    private static func startTagName(in bytes: [UInt8], at start: Int) -> String? {
        let name = bytes[(start + 1)...].prefix {
            let lowered = $0 | 0x20
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowered)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
        }
        guard let first = name.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) else { return nil }
        return String(
            decoding: name.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// The Markdown that does what tag `name` does, as the fix of its warning.
    private static func markdownInstead(of name: String) -> String {
        switch name {
        case "br": "for a line break end the line with a backslash \\ (it is shown as one)"
        case "b", "strong": "for bold write **text**"
        case "i", "em": "for italics write *text*"
        case "a": "for a link write [text](address)"
        case "img": "for an image write ![what it shows](../static/FILE)"
        case "h1", "h2", "h3", "h4", "h5", "h6": "for a heading write ## Heading on a line of its own"
        case "ul", "ol", "li": "for a list start each item on its own line with - "
        case "table", "tr", "td", "th", "thead", "tbody": "for a table write | a | b | rows (see docs/CONTENT.md)"
        case "p", "div", "span": "leave a blank line between paragraphs, nothing else is needed"
        default: "write it in Markdown, or remove it"
        }
    }
}
