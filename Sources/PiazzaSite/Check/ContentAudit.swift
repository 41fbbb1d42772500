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
        for page in portal.pages {
            for part in page.markdownParts {
                var links: [Markdown.Link] = []
                _ = Markdown.render(part.markdown, options: .init(minimumHeadingLevel: part.headingLevel)) {
                    links.append($0)
                    return nil
                }
                for link in links {
                    let place = SourceLocation(
                        file: page.source, line: part.firstLine + link.line - 1, column: link.column)
                    audit(link, on: page, at: place, ids: &ids, into: &result)
                }
            }
        }
        auditFeaturedMeasures(into: &result.diagnostics)
        auditOpenDataDate(into: &result.diagnostics)
        return result
    }

    private func audit(
        _ link: Markdown.Link, on page: Page, at place: SourceLocation, ids: inout PublishedIDs,
        into result: inout Result
    ) {
        let target = portal.resolve(link.destination, from: page.id)
        if link.isImage {
            auditImage(link, target: target, at: place, into: &result.diagnostics)
            return
        }
        switch target {
        case .external:
            let address = link.destination.trimmingCharacters(in: .whitespaces)
            if address.hasPrefix("#") {
                auditFragment(
                    link, path: page.url, fragment: String(address.dropFirst()), at: place, ids: &ids,
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
        let shown = known.sorted().prefix(12).map { "#" + $0 }.joined(separator: ", ")
        let more = known.count > 12 ? ", …" : ""
        let fix =
            known.contains(namespaced)
            ? "an id written in a page's raw HTML is published with \(RawHTML.idPrefix) before it: write '#\(namespaced)'"
            : known.isEmpty ? "it has no ids, link the page without #" : "its ids are \(shown)\(more)"
        diagnostics.error(
            at: place,
            "link to '\(link.destination)' points to '#\(id)', which the page published at '\(path.isEmpty ? "/" : path)' does not have; "
                + fix)
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
    private var cache: [String: Set<String>?] = [:]

    init(renderer: PortalRenderer) { self.renderer = renderer }

    /// The ids of the page published at `path` (`servizi/tutor/`, "" for home); `nil` when the
    /// path is not a page, form, calendar or section list (a static file, a generated list).
    mutating func ids(at path: String) -> Set<String>? {
        if let known = cache[path] { return known }
        let found = render(path).map(Self.ids(in:))
        cache[path] = found
        return found
    }

    private func render(_ path: String) -> String? {
        let portal = renderer.portal
        if let page = portal.pages.first(where: { $0.url == path }) {
            var ignored = DiagnosticList()
            return try? renderer.render(page, body: portal.renderBody(of: page, into: &ignored))
        }
        if let form = portal.forms.first(where: { Portal.formURL(id: $0.id) == path }) {
            return try? renderer.renderFormPage(form)
        }
        if let calendar = portal.calendars.first(where: { Portal.calendarURL(id: $0.id) == path }) {
            return try? renderer.renderCalendarPage(calendar)
        }
        if let section = Portal.standardSections.first(where: { $0 + "/" == path }) {
            return try? renderer.renderSectionList(section: section, indexPage: nil, body: nil)
        }
        return nil
    }

    /// The values of every `id="…"` attribute in `html`.
    static func ids(in html: String) -> Set<String> {
        var found = Set<String>()
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            found.insert(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[end...]
        }
        return found
    }
}
