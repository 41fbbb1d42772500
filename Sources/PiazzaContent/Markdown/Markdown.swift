import CCmarkGFM
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// CommonMark + GitHub extensions (tables, strikethrough, autolinks, tag filter, task lists) through
/// the system `libcmark-gfm`. This is the only file that touches `CCmarkGFM`.
///
/// Thread safety: the distribution's cmark-gfm keeps its syntax-extension registry in a global
/// linked list filled lazily by `cmark_gfm_core_extensions_ensure_registered` (no lock), and the
/// extensions share static state between parser and renderer. Parsing in parallel is therefore not
/// safe to rely on, so every parse and render goes through one lock. Markdown is a small share of a
/// build; templates and file output still run in parallel.
public enum Markdown {
    /// What a render may do besides producing HTML.
    public struct Options: Sendable {
        /// Keep raw HTML (still passed through the `tagfilter` extension); otherwise it is shown as text.
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
    }

    private static let lock = Mutex(())
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Renders Markdown to HTML.
    ///
    /// - Parameter rewrite: called for every link and image destination; a non-nil result replaces it.
    public static func render(
        _ source: String, options: Options = Options(), rewrite: (Link) -> String? = { _ in nil }
    ) -> String {
        lock.withLock { _ in
            renderLocked(source, options: options, rewrite: rewrite)
        }
    }

    private static func renderLocked(_ source: String, options: Options, rewrite: (Link) -> String?) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        // Table alignment as style attributes: the `align` attribute is obsolete HTML.
        var flags = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if options.allowRawHTML { flags |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(flags) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var utf8 = Array(source.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }

        transform(document, options: options, rewrite: rewrite)

        guard let html = cmark_render_html(document, flags, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return labellingTaskCheckboxes(String(cString: html))
    }

    /// The tasklist extension renders bare checkboxes; a form control needs an accessible name.
    private static func labellingTaskCheckboxes(_ html: String) -> String {
        guard html.contains("<input type=\"checkbox\"") else { return html }
        return html.replacingOccurrences(
            of: "<input type=\"checkbox\" disabled=\"\" />", with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"da fare\" />"
        ).replacingOccurrences(
            of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"fatto\" />")
    }

    /// Rewrites links, demotes headings and turns raw HTML into text when it is not allowed.
    private static func transform(_ document: OpaquePointer, options: Options, rewrite: (Link) -> String?) {
        var rawHTML: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                let link = Link(
                    destination: String(cString: url), line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node)))
                if let replacement = rewrite(link) { cmark_node_set_url(node, replacement) }
            } else if type == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                if level < options.minimumHeadingLevel {
                    cmark_node_set_heading_level(node, Int32(options.minimumHeadingLevel))
                }
            } else if !options.allowRawHTML && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
                rawHTML.append(node)
            }
        }
        for node in rawHTML { replaceWithText(node) }
    }

    /// Replaces a raw HTML node by the same characters as text, so they are shown escaped.
    private static func replaceWithText(_ node: OpaquePointer) {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let isBlock = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
        let text = cmark_node_new(CMARK_NODE_TEXT)
        let trimmed = isBlock ? String(literal.reversed().drop { $0 == "\n" }.reversed()) : literal
        cmark_node_set_literal(text, trimmed)
        if isBlock {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)
            cmark_node_append_child(paragraph, text)
            cmark_node_insert_before(node, paragraph)
        } else {
            cmark_node_insert_before(node, text)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
