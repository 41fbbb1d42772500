import CCmarkGFM
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// CommonMark + GitHub extensions (tables, strikethrough, autolinks, tag filter, task lists) through
/// the system `libcmark-gfm`. This is the only file that touches `CCmarkGFM`.
///
/// Thread safety: the distribution's cmark-gfm keeps its syntax-extension registry in a global
/// linked list filled lazily by `cmark_gfm_core_extensions_ensure_registered` (no lock), and its
/// inline parser switches the extensions' special characters on and off in one global table around
/// every document's inlines (`cmark_manage_extensions_special_characters` in `blocks.c`). Parses
/// therefore go through one lock, from feeding the parser to `cmark_parser_finish`. What follows
/// touches only the finished document: walking it, rewriting its links, rendering it to HTML
/// (`cmark_render_html` and the extensions' HTML renderers keep their state in the renderer) and
/// freeing it, so that runs in parallel.
public enum Markdown {
    /// What a render may do besides producing HTML.
    public struct Options: Sendable {
        /// Keep raw HTML (still passed through the `tagfilter` extension and ``RawHTML``); otherwise its tags
        /// and comments are left out and its text shown (``RawHTML/shownWithoutRawHTML(_:line:column:)``).
        public var allowRawHTML: Bool
        /// Headings shallower than this are demoted to it (the page template owns `<h1>`).
        public var minimumHeadingLevel: Int

        public init(allowRawHTML: Bool = false, minimumHeadingLevel: Int = 2) {
            self.allowRawHTML = allowRawHTML
            self.minimumHeadingLevel = minimumHeadingLevel
        }
    }

    /// A link or image destination found in the text, with its 1-based line within the rendered text.
    public struct Link: Sendable, Hashable {
        public var destination: String
        public var line: Int
        public var column: Int
        /// Whether it is an image (`![text](destination)`).
        public var isImage: Bool = false
        /// The link text or, for an image, its alternative text, without markup.
        public var text: String = ""
    }

    /// A heading at the top level of a document, as CommonMark reads it: ATX (`## Contatti`, up to
    /// three spaces of indent, closing `#`s dropped) or setext (`Contatti` over `---`). Headings in
    /// block quotes, list items, code blocks or HTML blocks are not at the top level.
    public struct Heading: Sendable, Hashable {
        /// 1 to 6.
        public var level: Int
        /// The heading's text without markup: `## *Contatti* ##` gives "Contatti"; line breaks
        /// inside a setext heading become spaces.
        public var text: String
        /// 1-based lines within the parsed text of its first and last line (a setext heading
        /// ends on its underline).
        public var line: Int
        public var endLine: Int
        /// 1-based column of its first character after the indent.
        public var column: Int
    }

    /// The parsers by their flags, kept for the process under the lock that every parse holds: one made
    /// for each text, with the extensions attached to it, was a tenth of rendering Markdown (perf of the
    /// 10k-page build, 2026-12-01). `cmark_parser_finish` resets a parser to a new document and keeps its
    /// options and extensions (`cmark_parser_reset` in blocks.c), so a parse by a kept parser is a new one's.
    private static let lock = Mutex<[Int32: OpaquePointer]>([:])
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Renders Markdown to HTML: ``render(_:options:ids:rewrite:removed:)`` for a text that is a page of
    /// its own, its raw HTML's ids read from it.
    public static func render(
        _ source: String, options: Options = Options(), rewrite: (Link) -> String? = { _ in nil },
        removed: (RawHTML.Removal) -> Void = { _ in }
    ) -> String {
        var ids = RawHTML.IDs(declared: options.allowRawHTML ? rawHTMLNames(in: source) : [])
        return render(source, options: options, ids: &ids, rewrite: rewrite, removed: removed)
    }

    /// Renders Markdown to HTML, one text of a page whose raw HTML declares `ids` (``RawHTML/IDs``): the
    /// ids and names of its raw HTML are namespaced, and so are the references to them, a link
    /// `[Orari](#orari)` too; the ids it keeps are added to `ids`, so that the page's next text cannot
    /// use them again.
    ///
    /// - Parameters:
    ///   - rewrite: called for every link and image destination; a non-nil result replaces it.
    ///   - removed: called for each part of the raw HTML that ``RawHTML`` takes out (with
    ///     ``Options/allowRawHTML``) or each tag a portal without raw HTML leaves out
    ///     (``RawHTML/shownWithoutRawHTML(_:line:column:)``), at its line and byte column in `source`.
    public static func render(
        _ source: String, options: Options = Options(), ids: inout RawHTML.IDs,
        rewrite: (Link) -> String? = { _ in nil }, removed: (RawHTML.Removal) -> Void = { _ in }
    ) -> String {
        let flags = options.allowRawHTML ? parseFlags | CMARK_OPT_UNSAFE : parseFlags
        return withDocument(source, flags: flags) { document, extensions in
            transform(document, source: source, options: options, ids: &ids, rewrite: rewrite, removed: removed)
            guard let html = cmark_render_html(document, flags, extensions) else {
                return ""
            }
            defer { free(html) }
            // `strstr` on the C text: Foundation's `contains` went through NSString (a tenth of rendering a
            // body), the standard library's generic `firstRange(of:)` through metadata lookups (more).
            let text = String(cString: html)
            return strstr(html, #"<input type="checkbox""#) == nil ? text : labellingTaskCheckboxes(text)
        } ?? ""
    }

    /// The ids and names the raw HTML of `source` declares (those of the elements ``RawHTML`` keeps and of
    /// those it removes), character references decoded: what a page's ``RawHTML/IDs/declared`` is made of.
    public static func rawHTMLNames(in source: String) -> Set<String> {
        guard source.utf8.contains(UInt8(ascii: "<")) else { return [] }
        return withDocument(source, flags: parseFlags | CMARK_OPT_UNSAFE) { document, _ in
            var body = RawHTML.Body()
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator), isRawHTML(node), let parent = cmark_node_parent(node)
                else { continue }
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                _ = body.sanitize(literal, block: blockID(parent), line: 1, column: 1)
            }
            return body.ids.met
        } ?? []
    }

    /// The headings at the top level of `source`, in order: what a document's outline is made of.
    public static func topLevelHeadings(in source: String) -> [Heading] {
        topLevelHeadings(in: source, lines: source.lines())
    }

    /// ``topLevelHeadings(in:)`` of `source` whose ``StringProtocol/lines()`` the caller has already split: read
    /// from the lines when ``plainOutline(of:lines:)`` can, else parsed by cmark.
    static func topLevelHeadings(in source: String, lines: [Substring]) -> [Heading] {
        plainOutline(of: source, lines: lines) ?? parsedOutline(of: source, lines: lines)
    }

    /// ``topLevelHeadings(in:)`` as cmark parses `source`.
    static func parsedOutline(of source: String, lines: [Substring]) -> [Heading] {
        withDocument(source, flags: parseFlags) { document, _ in
            var headings: [Heading] = []
            var node = cmark_node_first_child(document)
            while let block = node {
                if cmark_node_get_type(block) == CMARK_NODE_HEADING {
                    let line = Int(cmark_node_get_start_line(block))
                    headings.append(
                        Heading(
                            level: Int(cmark_node_get_heading_level(block)), text: plainText(of: block),
                            line: line, endLine: lastLine(ofHeadingAt: line, in: lines),
                            column: Int(cmark_node_get_start_column(block))))
                }
                node = cmark_node_next(block)
            }
            return headings
        } ?? []
    }

    /// The last line of the heading starting on 1-based `line`. cmark-gfm ends a setext heading on
    /// the line that closed the block (the blank line after the underline), so it is found here: an
    /// ATX heading is one line; a setext heading ends on the first `===`/`---` line after its start.
    private static func lastLine(ofHeadingAt line: Int, in lines: [Substring]) -> Int {
        func indentless(_ text: Substring) -> Substring {
            let indent = text.prefix { $0 == " " }.count
            return indent <= 3 ? text.dropFirst(indent) : text
        }
        guard line >= 1, line <= lines.count else { return line }
        // An ATX opening: 1 to 6 `#` then a space, a tab or the end of the line (`#hashtag` is text).
        let first = indentless(lines[line - 1])
        let hashes = first.prefix { $0 == "#" }.count
        let after = first.dropFirst(hashes).first
        if (1...6).contains(hashes) && (after == nil || after == " " || after == "\t") { return line }
        for index in line..<lines.count {
            var marks = indentless(lines[index])
            while marks.last == " " || marks.last == "\t" { marks = marks.dropLast() }
            if let mark = marks.first, mark == "=" || mark == "-", marks.allSatisfy({ $0 == mark }) { return index + 1 }
        }
        return line
    }

    // Table alignment as style attributes: the `align` attribute is obsolete HTML.
    private static let parseFlags =
        CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES

    /// Parses `source` with the GitHub extensions under `lock` and hands the document and the parser's
    /// extensions (what `cmark_render_html` needs) to `body`, outside the lock; the document is freed afterwards.
    private static func withDocument<T>(
        _ source: String, flags: Int32, _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> T
    ) -> T? {
        var utf8 = Array(source.utf8)
        let parsed: (document: OpaquePointer?, extensions: UnsafeMutablePointer<cmark_llist>?)? = lock.withLock {
            parsers in
            cmark_gfm_core_extensions_ensure_registered()
            guard let parser = parsers[flags] ?? cmark_parser_new(flags) else { return nil }
            if parsers[flags] == nil {
                for name in extensionNames {
                    if let syntaxExtension = cmark_find_syntax_extension(name) {
                        cmark_parser_attach_syntax_extension(parser, syntaxExtension)
                    }
                }
                parsers[flags] = parser
            }
            utf8.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
            return (cmark_parser_finish(parser), cmark_parser_get_syntax_extensions(parser))
        }
        guard let parsed, let document = parsed.document else { return nil }
        defer { cmark_node_free(document) }
        return body(document, parsed.extensions)
    }

    /// The text of a node's inline content, without markup; breaks become spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// The tasklist extension renders bare checkboxes; a form control needs an accessible name.
    private static func labellingTaskCheckboxes(_ html: String) -> String {
        html.replacingOccurrences(
            of: "<input type=\"checkbox\" disabled=\"\" />",
            with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"da fare\" />"
        ).replacingOccurrences(
            of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"fatto\" />")
    }

    /// Rewrites links, demotes headings, and sanitises raw HTML (``RawHTML``, closing what each block
    /// leaves open where the block ends) or, when it is not allowed, shows its text without its tags.
    private static func transform(
        _ document: OpaquePointer, source: String, options: Options, ids: inout RawHTML.IDs,
        rewrite: (Link) -> String?, removed: (RawHTML.Removal) -> Void
    ) {
        var rawHTML: [OpaquePointer] = []
        var sourceLines: SourceLines?
        var body = RawHTML.Body(ids: ids)
        defer { ids = body.ids }
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            guard event == CMARK_EVENT_ENTER else {
                if body.hasOpenElements(in: blockID(node)) { close(node, in: &body, removed: removed) }
                continue
            }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                let text = plainText(of: node)
                let place =
                    cmark_node_get_start_line(node) > 0
                    ? (line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
                    : autolinkPlace(of: node, text: text, in: &sourceLines, of: source)
                let link = Link(
                    destination: String(cString: url), line: place.line, column: place.column,
                    isImage: type == CMARK_NODE_IMAGE, text: text)
                if let replacement = rewrite(link) ?? RawHTML.namespacedFragment(link.destination, ids: body.ids) {
                    cmark_node_set_url(node, replacement)
                }
            } else if type == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                if level < options.minimumHeadingLevel {
                    cmark_node_set_heading_level(node, Int32(options.minimumHeadingLevel))
                }
            } else if isRawHTML(node) {
                if options.allowRawHTML { sanitize(node, in: &body, removed: removed) } else { rawHTML.append(node) }
            }
        }
        let code = inlineCode(after: rawHTML)
        for node in rawHTML where code[blockID(node)] == nil { showWithoutRawHTML(node, removed: removed) }
        for node in code.values {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// The nodes an inline `<script>` or `<style>` (one in a paragraph, which cmark-gfm hands over as a tag alone)
    /// holds, by ``blockID(_:)``: what follows it in its paragraph up to its end tag, or to the paragraph's end. It is
    /// code, left out with the tags when raw HTML is not allowed, as what such a block holds is
    /// (``RawHTML/shownWithoutRawHTML(_:line:column:)``).
    private static func inlineCode(after rawHTML: [OpaquePointer]) -> [Int: OpaquePointer] {
        var code: [Int: OpaquePointer] = [:]
        for node in rawHTML where cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE && code[blockID(node)] == nil {
            let literal = (cmark_node_get_literal(node).map { String(cString: $0) } ?? "").lowercased()
            guard
                let name = ["script", "style"].first(where: { name in
                    let after = literal.dropFirst(name.count + 1).first
                    return literal.hasPrefix("<" + name)
                        && (after == ">" || after == "/" || after?.isWhitespace == true)
                })
            else { continue }
            var next = cmark_node_next(node)
            while let inner = next {
                let text = cmark_node_get_literal(inner).map { String(cString: $0).lowercased() } ?? ""
                if cmark_node_get_type(inner) == CMARK_NODE_HTML_INLINE && text.hasPrefix("</\(name)") { break }
                code[blockID(inner)] = inner
                next = cmark_node_next(inner)
            }
        }
        return code
    }

    /// The bytes of a text by line, made for the first autolink of a text that has one.
    private struct SourceLines {
        let bytes: [UInt8]
        /// The offset of each line's first byte.
        let starts: [Int]

        init(_ source: String) {
            let bytes = Array(source.utf8)
            self.bytes = bytes
            starts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        }

        /// The bytes of 1-based `line`, without its line break.
        func line(_ line: Int) -> ArraySlice<UInt8> {
            guard line >= 1, line <= starts.count else { return [] }
            let end = line < starts.count ? starts[line] - 1 : bytes.count
            return bytes[starts[line - 1]..<max(starts[line - 1], end)]
        }
    }

    /// Where a link the autolink extension made of a bare address (`https://…`, `nome@comune.it`) starts, as a
    /// 1-based line and byte column of `source`: cmark-gfm 0.29.0.gfm.6 gives those links no position (0:0). The
    /// extension splits them out of one text node, which keeps its position and the text before the address; so
    /// the address starts after that node and the literals between (the addresses split out before it, as
    /// written), on its line. A backslash escape or a character reference in that text is shorter as a literal
    /// than as written, so the address, `text`, is looked for in the line from there on.
    private static func autolinkPlace(
        of node: OpaquePointer, text: String, in lines: inout SourceLines?, of source: String
    ) -> (line: Int, column: Int) {
        var bytes = 0
        var sibling = cmark_node_previous(node)
        while let before = sibling, cmark_node_get_start_line(before) == 0 {
            bytes += literalBytes(of: before)
            sibling = cmark_node_previous(before)
        }
        // No positioned text before it: the block it opens (a paragraph, a table cell) gives the place.
        guard let start = sibling ?? cmark_node_parent(node), cmark_node_get_start_line(start) > 0 else {
            return (0, 0)
        }
        let line = Int(cmark_node_get_start_line(start))
        let estimate = Int(cmark_node_get_start_column(start)) + bytes + (sibling == nil ? 0 : literalBytes(of: start))
        let address = Array(text.utf8)
        if lines == nil { lines = SourceLines(source) }
        guard let written = lines?.line(line), !address.isEmpty, estimate >= 1 else { return (line, estimate) }
        var index = written.startIndex + estimate - 1
        while index + address.count <= written.endIndex {
            if written[index..<(index + address.count)].elementsEqual(address) {
                return (line, index - written.startIndex + 1)
            }
            index += 1
        }
        return (line, estimate)
    }

    /// The bytes of a node's literal with its children's (a link's text), as cmark holds them.
    private static func literalBytes(of node: OpaquePointer) -> Int {
        var count = cmark_node_get_literal(node).map { strlen($0) } ?? 0
        var child = cmark_node_first_child(node)
        while let inner = child {
            count += literalBytes(of: inner)
            child = cmark_node_next(inner)
        }
        return count
    }

    private static func isRawHTML(_ node: OpaquePointer) -> Bool {
        let type = cmark_node_get_type(node)
        return type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE
    }

    /// The identity ``RawHTML/Body`` knows a block by: the address of its node.
    private static func blockID(_ node: OpaquePointer) -> Int { Int(bitPattern: UnsafeRawPointer(node)) }

    /// Takes out of a raw HTML node what ``RawHTML`` removes, reporting each removal at its place.
    private static func sanitize(
        _ node: OpaquePointer, in body: inout RawHTML.Body, removed: (RawHTML.Removal) -> Void
    ) {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        guard let parent = cmark_node_parent(node) else { return }
        let (html, removals) = body.sanitize(
            literal, block: blockID(parent), line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node)))
        if html != literal { cmark_node_set_literal(node, html) }
        removals.forEach(removed)
    }

    /// Appends to `block` the end tags of the raw HTML elements it left open: an HTML block in the text,
    /// a list item or a quote, inline HTML in a paragraph, heading, cell, emphasis or link.
    private static func close(
        _ block: OpaquePointer, in body: inout RawHTML.Body, removed: (RawHTML.Removal) -> Void
    ) {
        let type = cmark_node_get_type(block)
        let place: String
        switch type {
        case CMARK_NODE_DOCUMENT: place = "where the text ends"
        case CMARK_NODE_ITEM: place = "where its list item ends"
        case CMARK_NODE_BLOCK_QUOTE: place = "where its quote ends"
        case CMARK_NODE_PARAGRAPH: place = "where its paragraph ends"
        case CMARK_NODE_HEADING: place = "where its heading ends"
        default: place = "where the Markdown around it ends"
        }
        let (html, warnings) = body.close(block: blockID(block), end: place)
        let isBlock = type == CMARK_NODE_DOCUMENT || type == CMARK_NODE_ITEM || type == CMARK_NODE_BLOCK_QUOTE
        let closing = cmark_node_new(isBlock ? CMARK_NODE_HTML_BLOCK : CMARK_NODE_HTML_INLINE)
        cmark_node_set_literal(closing, isBlock ? html + "\n" : html)
        cmark_node_append_child(block, closing)
        warnings.forEach(removed)
    }

    /// Replaces a raw HTML node of a portal without raw HTML by what ``RawHTML/shownWithoutRawHTML(_:line:column:)``
    /// shows of it: its text and line breaks, in a paragraph of its own for an HTML block; nothing for a comment.
    /// Each tag left out is reported to `removed`.
    private static func showWithoutRawHTML(_ node: OpaquePointer, removed: (RawHTML.Removal) -> Void) {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        var (parts, warnings) = RawHTML.shownWithoutRawHTML(
            literal, line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
        warnings.forEach(removed)
        var parent: OpaquePointer?
        if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            // A block's text loses the blank space around it, as a paragraph's does.
            if case .text(let text) = parts.first { parts[0] = .text(String(text.drop { $0.isWhitespace })) }
            if case .text(let text) = parts.last {
                parts[parts.count - 1] = .text(String(text.reversed().drop { $0.isWhitespace }.reversed()))
            }
            parts.removeAll { $0 == .text("") }
            if !parts.isEmpty {
                parent = cmark_node_new(CMARK_NODE_PARAGRAPH)
                cmark_node_insert_before(node, parent)
            }
        }
        for part in parts {
            let shown: OpaquePointer?
            switch part {
            case .text(let text):
                shown = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(shown, text)
            case .lineBreak:
                shown = cmark_node_new(CMARK_NODE_LINEBREAK)
            }
            if let parent { cmark_node_append_child(parent, shown) } else { cmark_node_insert_before(node, shown) }
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
