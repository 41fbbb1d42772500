import Foundation

/// A page body rendered to HTML, with internal links already turned into URLs.
public struct RenderedBody: Sendable, Hashable {
    /// The whole body (empty for services, whose text lives in `sections`).
    public var html: String
    /// For services: each written section's HTML, in publication order.
    public var sections: [Section]
    /// The destination of every link of the Markdown as written, in order: what the HTML depends on
    /// besides the page's own file (an incremental build resolves them again to know whether adding or
    /// removing another page changes this one).
    public var links: [String] = []

    /// One rendered scheda section.
    public struct Section: Sendable, Hashable {
        public var kind: ServiceSection.Kind
        public var html: String
    }
}

extension Page {
    /// One Markdown text of a page as it is rendered: the body, or one written scheda section.
    public struct MarkdownPart: Sendable, Hashable {
        public var markdown: String
        /// 1-based line of its first line in ``Page/source``.
        public var firstLine: Int
        /// Shallower headings are demoted to this level (the template owns the levels above).
        public var headingLevel: Int
        /// The scheda section, for services.
        public var section: ServiceSection.Kind?
    }

    /// The Markdown a page publishes, `body` being its body (``body(in:)``): for services each written section
    /// (headings from `###`), for the other types the body (headings from `##`).
    public func markdownParts(of body: Substring) -> [MarkdownPart] {
        guard let service else {
            return [MarkdownPart(markdown: String(body), firstLine: bodyLine, headingLevel: 2)]
        }
        return service.sections.map {
            MarkdownPart(markdown: String($0.markdown(in: body)), firstLine: $0.line, headingLevel: 3, section: $0.kind)
        }
    }
}

extension Portal {
    /// The Markdown `page` publishes (``Page/markdownParts(of:)``), its body read again from its file.
    ///
    /// - Throws: the ``Diagnostic`` of ``Page/body(in:)`` when the file changed since the load.
    public func markdownParts(of page: Page) throws(Diagnostic) -> [Page.MarkdownPart] {
        page.markdownParts(of: try page.body(in: contentRoot))
    }

    /// Renders a page's Markdown; broken internal links, what ``RawHTML`` takes out of raw HTML, and a file
    /// changed since the load (``markdownParts(of:)``; the body is then empty) become errors in `diagnostics`.
    public func renderBody(of page: Page, into diagnostics: inout DiagnosticList) -> RenderedBody {
        var links: [String] = []
        let written: [Page.MarkdownPart]
        do {
            written = try markdownParts(of: page)
        } catch {
            diagnostics.append(error)
            written = []
        }
        // One page, one namespace of ids (RawHTML+IDs.swift), whichever scheda section declares them.
        var ids = RawHTML.IDs()
        if config.allowRawHTML {
            for part in written { ids.declared.formUnion(Markdown.rawHTMLNames(in: part.markdown)) }
        }
        let parts = written.map { part in
            (
                part.section,
                renderMarkdown(
                    part.markdown, source: page.source, pageID: page.id, firstLine: part.firstLine,
                    headingLevel: part.headingLevel, into: &diagnostics, links: &links, ids: &ids)
            )
        }
        guard page.service != nil else {
            return RenderedBody(html: parts.first?.1 ?? "", sections: [], links: links)
        }
        return RenderedBody(
            html: "", sections: parts.compactMap { kind, html in kind.map { .init(kind: $0, html: html) } },
            links: links)
    }

    /// A text of a page whose front matter did not load (``unloadablePages``), read again from its file.
    public struct UnloadedBody: Sendable {
        /// The page's id (`notizie/prova.md`) and source file (`vigonza/notizie/prova.md`).
        public var pageID: String
        public var source: String
        /// The whole body, headings from `##`.
        public var part: Page.MarkdownPart
    }

    /// The bodies of the pages whose front matter did not load, by id: what does not depend on the front matter,
    /// so that one run reports their links, images and raw HTML with the front matter's errors. A file without a
    /// body to check (it cannot be read, or its front matter is not closed: errors of the load) is left out.
    public var unloadedBodies: [UnloadedBody] {
        unloadablePages.sorted { $0.key < $1.key }.compactMap { pageID, source in
            guard let data = FileManager.default.contents(atPath: contentRoot.path + "/" + source),
                let text = try? SourceText.decode(data, file: source), let split = try? FrontMatter(splitting: text)
            else { return nil }
            return UnloadedBody(
                pageID: pageID, source: source,
                part: Page.MarkdownPart(markdown: String(split.body), firstLine: split.bodyLine, headingLevel: 2))
        }
    }

    /// The errors a build finds in ``unloadedBodies``: broken internal links, images of other sites, what
    /// ``RawHTML`` takes out.
    func checkUnloadedBodies(into diagnostics: inout DiagnosticList) {
        for body in unloadedBodies {
            _ = renderMarkdown(
                body.part.markdown, source: body.source, pageID: body.pageID, firstLine: body.part.firstLine,
                headingLevel: body.part.headingLevel, into: &diagnostics)
        }
    }

    /// Renders Markdown written in `source` at `firstLine`, resolving links as seen from page `pageID`.
    public func renderMarkdown(
        _ markdown: String, source: String, pageID: String, firstLine: Int, headingLevel: Int,
        into diagnostics: inout DiagnosticList
    ) -> String {
        var links: [String] = []
        var ids = RawHTML.IDs(declared: config.allowRawHTML ? Markdown.rawHTMLNames(in: markdown) : [])
        return renderMarkdown(
            markdown, source: source, pageID: pageID, firstLine: firstLine, headingLevel: headingLevel,
            into: &diagnostics, links: &links, ids: &ids)
    }

    /// ``renderMarkdown(_:source:pageID:firstLine:headingLevel:into:)``, adding each link's destination
    /// to `links`, one text of a page whose raw HTML has `ids` (``Markdown/render(_:options:ids:rewrite:removed:)``).
    func renderMarkdown(
        _ markdown: String, source: String, pageID: String, firstLine: Int, headingLevel: Int,
        into diagnostics: inout DiagnosticList, links: inout [String], ids: inout RawHTML.IDs
    ) -> String {
        var broken: [Diagnostic] = []
        var destinations: [String] = []
        defer { links += destinations }
        let from = Page.url(forID: pageID)
        let options = Markdown.Options(allowRawHTML: config.allowRawHTML, minimumHeadingLevel: headingLevel)
        var columns = ByteColumns(markdown)
        let html = Markdown.render(markdown, options: options, ids: &ids) { link in
            destinations.append(link.destination)
            let column = columns.column(line: link.line, byteColumn: link.column)
            switch resolve(link.destination, from: pageID) {
            case .external:
                if link.isImage {
                    broken.append(
                        Diagnostic(
                            file: source, line: firstLine + link.line - 1, column: column,
                            message: "image '\(link.destination.showingInvisibles)' \(LinkAddress.thirdParty("image"))")
                    )
                }
                return nil
            case .internalPath(let path):
                return Portal.relativeURL(from: from, to: path)
            case .missing(let resolved):
                broken.append(
                    Diagnostic(
                        file: source, line: firstLine + link.line - 1, column: column,
                        message: missingMessage(link, resolved: resolved)))
                return nil
            case .malformed(let reason):
                broken.append(
                    Diagnostic(
                        file: source, line: firstLine + link.line - 1, column: column,
                        message: "link to '\(link.destination.showingInvisibles)' \(reason)"))
                return nil
            }
        } removed: { removal in
            broken.append(
                Diagnostic(
                    removal.severity, file: source, line: firstLine + removal.line - 1,
                    column: columns.column(line: removal.line, byteColumn: removal.column), message: removal.message))
        }
        for diagnostic in broken { diagnostics.append(diagnostic) }
        return html
    }
}
