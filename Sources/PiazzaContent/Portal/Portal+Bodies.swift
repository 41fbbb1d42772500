/// A page body rendered to HTML, with internal links already turned into URLs.
public struct RenderedBody: Sendable, Hashable {
    /// The whole body (empty for services, whose text lives in `sections`).
    public var html: String
    /// For services: each written section's HTML, in publication order.
    public var sections: [Section]

    /// One rendered scheda section.
    public struct Section: Sendable, Hashable {
        public var kind: ServiceSection.Kind
        public var html: String
    }
}

extension Portal {
    /// Renders a page's Markdown; broken internal links become diagnostics in `diagnostics`.
    public func renderBody(of page: Page, into diagnostics: inout DiagnosticList) -> RenderedBody {
        if let service = page.service {
            let sections = service.sections.map { section in
                RenderedBody.Section(
                    kind: section.kind,
                    html: renderMarkdown(
                        section.markdown, source: page.source, pageID: page.id, firstLine: section.line,
                        headingLevel: 3, into: &diagnostics))
            }
            return RenderedBody(html: "", sections: sections)
        }
        let html = renderMarkdown(
            page.body, source: page.source, pageID: page.id, firstLine: page.bodyLine, headingLevel: 2,
            into: &diagnostics)
        return RenderedBody(html: html, sections: [])
    }

    /// Renders Markdown written in `source` at `firstLine`, resolving links as seen from page `pageID`.
    public func renderMarkdown(
        _ markdown: String, source: String, pageID: String, firstLine: Int, headingLevel: Int,
        into diagnostics: inout DiagnosticList
    ) -> String {
        var broken: [Diagnostic] = []
        let from = Page.url(forID: pageID)
        let options = Markdown.Options(allowRawHTML: config.allowRawHTML, minimumHeadingLevel: headingLevel)
        let html = Markdown.render(markdown, options: options) { link in
            switch resolve(link.destination, from: pageID) {
            case .external:
                return nil
            case .internalPath(let path):
                return Portal.relativeURL(from: from, to: path)
            case .missing(let resolved):
                broken.append(
                    Diagnostic(
                        file: source, line: firstLine + link.line - 1, column: link.column,
                        message:
                            "link to '\(link.destination)' points to '\(resolved)', which does not exist in portal '\(id)'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root"
                    ))
                return nil
            case .malformed(let reason):
                broken.append(
                    Diagnostic(
                        file: source, line: firstLine + link.line - 1, column: link.column,
                        message: "link to '\(link.destination.showingInvisibles)' \(reason)"))
                return nil
            }
        }
        for diagnostic in broken { diagnostics.append(diagnostic) }
        return html
    }
}
