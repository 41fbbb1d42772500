import Foundation
import PiazzaContent
import PiazzaRender

/// What `piazza check` finds beyond what a build refuses, in one portal: problems a reader meets on
/// a site that builds.
///
/// - a link to a `#section` the target page does not have (the ids as the theme renders them:
///   `servizi/tutor.md#contacts`, `#how-to` on the same page; an id of raw HTML as published,
///   `#user-content-orari` from another page, ``PiazzaContent/RawHTML/idPrefix``);
/// - an image without alternative text (WCAG 2.1 success criterion 1.1.1), loaded from another
///   site (PRODUCT.md §5: no third-party requests), or pointing at a file that is not an image;
/// - a measure in `featured_measures` whose bando is over: the home page stops listing it, but
///   `portal.yaml` still says it is open (a warning);
/// - open data without any `updated:` in the content: its date (DCAT-AP_IT `dct:modified`) is each
///   build's day, as if the data changed every day (a warning).
///
/// Two files published at one address (a portal's `faq/_index.md` and `_shared/faq.md`) are found by
/// the loader, for build and check alike; file names are lower case, so no two differ only in case.
///
/// It also collects the web addresses the Markdown links to, for ``ExternalLinks``.
struct ContentAudit {
    let renderer: PortalRenderer
    var portal: Portal { renderer.portal }

    struct Result {
        var diagnostics = DiagnosticList()
        var external: [ExternalLinks.Link] = []
    }

    /// File extensions of images browsers show.
    static let imageExtensions: Set<String> = ["avif", "gif", "jpeg", "jpg", "png", "svg", "webp"]

    func run() -> Result {
        var result = Result()
        var ids = PublishedIDs(renderer: renderer)
        // Each page as its body is read, so that no more than one page's text is in memory at a time; then the text
        // of those whose front matter did not load: its links are checked all the same.
        for page in portal.pages {
            do {
                audit(try portal.markdownParts(of: page), of: page.id, in: page.source, ids: &ids, into: &result)
            } catch {
                result.diagnostics.append(error)
            }
        }
        for body in portal.unloadedBodies {
            audit([body.part], of: body.pageID, in: body.source, ids: &ids, into: &result)
        }
        auditFeaturedMeasures(into: &result.diagnostics)
        auditOpenDataDate(into: &result.diagnostics)
        return result
    }

    /// Audits the links and images of `parts`, the Markdown of page `pageID` written in `source`.
    private func audit(
        _ parts: [Page.MarkdownPart], of pageID: String, in source: String, ids: inout PublishedIDs,
        into result: inout Result
    ) {
        for part in parts {
            var links: [Markdown.Link] = []
            _ = Markdown.render(part.markdown, options: .init(minimumHeadingLevel: part.headingLevel)) {
                links.append($0)
                return nil
            }
            var columns = ByteColumns(part.markdown)
            for link in links {
                let place = SourceLocation(
                    file: source, line: part.firstLine + link.line - 1,
                    column: columns.column(line: link.line, byteColumn: link.column))
                audit(link, from: pageID, at: place, ids: &ids, into: &result)
            }
        }
    }

    private func audit(
        _ link: Markdown.Link, from pageID: String, at place: SourceLocation, ids: inout PublishedIDs,
        into result: inout Result
    ) {
        let target = portal.resolve(link.destination, from: pageID)
        if link.isImage {
            auditImage(link, target: target, at: place, into: &result.diagnostics)
            return
        }
        switch target {
        case .external:
            let address = link.destination.trimmingCharacters(in: .whitespaces)
            if address.hasPrefix("#") {
                auditFragment(
                    link, path: Page.url(forID: pageID), fragment: String(address.dropFirst()), at: place, ids: &ids,
                    into: &result.diagnostics)
            } else if let url = ExternalLinks.webAddress(address) {
                result.external.append(ExternalLinks.Link(url: url, location: place))
            }
        case .internalPath(let path):
            guard let hash = path.firstIndex(of: "#") else { return }
            let base = path[..<hash].split(separator: "?", omittingEmptySubsequences: false).first ?? ""
            auditFragment(
                link, path: String(base), fragment: String(path[path.index(after: hash)...]), at: place, ids: &ids,
                into: &result.diagnostics)
        case .missing, .malformed:
            break  // the build reports these
        }
    }

    /// A `#fragment` the page at `path` does not have: an error naming the id most likely meant (an id, a scheda
    /// section's title, a form field's name: ``YAMLReader/closest(to:in:)``), the page's own ids in page order,
    /// then the theme's, and where docs/CONTENT.md explains fragments.
    private func auditFragment(
        _ link: Markdown.Link, path: String, fragment: String, at place: SourceLocation, ids: inout PublishedIDs,
        into diagnostics: inout DiagnosticList
    ) {
        let id = fragment.removingPercentEncoding ?? fragment
        guard !id.isEmpty, let known = ids.ids(at: path), !known.contains(id) else { return }
        // An id of raw HTML is published namespaced (RawHTML+IDs.swift); the build rewrites a `#id` link
        // of the same page to it, not a link from a page's address.
        let namespaced = RawHTML.idPrefix + id
        if known.contains(namespaced) && link.destination.trimmingCharacters(in: .whitespaces).hasPrefix("#") { return }
        let own = known.filter(PublishedIDs.isOwn)
        let theme = known.filter { !PublishedIDs.isOwn($0) }
        let list = { (ids: [String]) in ids.map { "#" + $0 }.joined(separator: ", ") }
        var message =
            "link to '\(link.destination)' points to '#\(id)', which the page published at '\(path.isEmpty ? "/" : path)' does not have; "
        let guess = known.contains(namespaced) ? namespaced : PublishedIDs.closest(to: id, in: known)
        if let guess { message += "did you mean '#\(guess)'? " }
        let it = guess == nil ? "it" : "It"
        if known.isEmpty {
            message += "\(it) has no ids, link the page without #"
        } else {
            message += own.isEmpty ? "\(it) has no sections with an id" : "\(it)s sections are \(list(own))"
            if !theme.isEmpty { message += "; the theme's ids are \(list(theme))" }
        }
        diagnostics.error(at: place, message + " (docs/CONTENT.md, *Links to a section*)")
    }

    private func auditImage(
        _ link: Markdown.Link, target: Portal.LinkTarget, at place: SourceLocation,
        into diagnostics: inout DiagnosticList
    ) {
        if link.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.error(
                at: place,
                "image '\(link.destination)' has no alternative text; write what it shows between the brackets, e.g. ![Mappa della sede](\(link.destination))"
            )
        }
        switch target {
        case .internalPath(let path):
            let file = path.prefix { $0 != "?" && $0 != "#" }
            let fileExtension = file.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if !file.hasPrefix("static/") || file.hasSuffix("/") || !Self.imageExtensions.contains(fileExtension) {
                diagnostics.error(
                    at: place,
                    "image '\(link.destination)' points to '\(file)', which is not an image file; link a .png, .jpg, .gif, .webp, .avif or .svg file under static/"
                )
            }
        case .external, .missing, .malformed:
            break  // the build reports these
        }
    }

    private func auditFeaturedMeasures(into diagnostics: inout DiagnosticList) {
        guard let place = portal.config.featuredMeasuresLocation else { return }
        for slug in portal.config.featuredMeasures {
            guard let page = portal.page(id: "misure/\(slug).md"), let measure = page.measure,
                measure.windowState(in: portal, at: renderer.now) == .closed
            else { continue }
            diagnostics.append(
                Diagnostic(
                    .warning, file: place.file, line: place.line, column: place.column,
                    message:
                        "featured measure '\(slug)' is listed as open, but its bando is over (\(page.source)); the home page no longer shows it: remove it from featured_measures"
                ))
        }
    }

    private func auditOpenDataDate(into diagnostics: inout DiagnosticList) {
        guard let day = renderer.openDataBuildDay else { return }
        diagnostics.append(
            Diagnostic(
                .warning, file: portal.config.nameLocation.file, line: 1, column: 1,
                message:
                    "the open data has no date: no `updated:` in portal.yaml or in any service page, so the catalogue and the downloads page give each build's day as the day the data last changed; write `updated: \(day.iso)` in portal.yaml (the day the content was last brought up to date) and move it when the services or shops change"
            ))
    }

}

/// The `id` attributes of the pages a portal publishes, rendered when first asked for.
struct PublishedIDs {
    let renderer: PortalRenderer
    private var cache: [String: [String]?] = [:]

    init(renderer: PortalRenderer) { self.renderer = renderer }

    /// The ids of the page published at `path` (`servizi/tutor/`, "" for home), in page order; `nil` when the
    /// path is not a page, form, calendar or section list (a static file, a generated list).
    mutating func ids(at path: String) -> [String]? {
        if let known = cache[path] { return known }
        let found = render(path).map(Self.ids(in:))
        cache[path] = found
        return found
    }

    /// Whether `id` is the page's own, written for its content (`#contenuto` its main text, a scheda section's
    /// anchor, a form's section or field), not one of the theme's widgets (`#feedback-stelle`, `#footer-dpo`).
    static func isOwn(_ id: String) -> Bool {
        id == "contenuto" || sectionAnchors[id] != nil || id.hasPrefix("f-") || id.hasPrefix("sezione-")
    }

    /// The scheda sections' anchors and titles (`contacts`: "Contatti").
    private static let sectionAnchors = Dictionary(
        uniqueKeysWithValues: ServiceSection.Kind.allCases.map { ($0.anchor, $0.title) })

    /// The id of `known` an editor most likely meant by `id` (``YAMLReader/closest(to:in:)``), matched against
    /// each id, the title of the scheda section it is the anchor of (`#contatti` → `#contacts`, "Contatti") and
    /// a form field's name (`#codice-fiscale` → `#f-codice-fiscale`).
    static func closest(to id: String, in known: [String]) -> String? {
        var names: [String: String] = [:]
        for candidate in known.reversed() {
            names[candidate] = candidate
            if let title = sectionAnchors[candidate] { names[title] = candidate }
            if candidate.hasPrefix("f-") { names[String(candidate.dropFirst(2))] = candidate }
        }
        return YAMLReader.closest(to: id, in: Set(names.keys)).flatMap { names[$0] }
    }

    private func render(_ path: String) -> String? {
        let portal = renderer.portal
        if let page = portal.pages.first(where: { $0.url == path }) {
            var ignored = DiagnosticList()
            return (try? renderer.render(page, body: portal.renderBody(of: page, into: &ignored)))
                .map { String(decoding: $0, as: UTF8.self) }
        }
        if let form = portal.forms.first(where: { Portal.formURL(id: $0.id) == path }) {
            return try? renderer.renderFormPage(form)
        }
        if let calendar = portal.calendars.first(where: { Portal.calendarURL(id: $0.id) == path }) {
            return try? renderer.renderCalendarPage(calendar)
        }
        if let section = Portal.standardSections.first(where: { $0 + "/" == path }) {
            return (try? renderer.renderSectionList(section: section, indexPage: nil, body: nil))
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return nil
    }

    /// The values of every `id="…"` attribute in `html`, in order, each once.
    static func ids(in html: String) -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let id = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            if seen.insert(id).inserted { found.append(id) }
            rest = rest[end...]
        }
        return found
    }
}
