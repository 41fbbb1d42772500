import Foundation
import PiazzaContent
import PiazzaRender

/// What `piazza check` finds beyond what a build refuses, in one portal: problems a reader meets on
/// a site that builds.
///
/// - a link to a `#section` the target page does not have (the ids as the theme renders them:
///   `servizi/tutor.md#contacts`, `#how-to` on the same page; an id of raw HTML as published,
///   `#user-content-orari` from another page, ``PiazzaContent/RawHTML/idPrefix``);
/// - an image without alternative text (WCAG 2.1 success criterion 1.1.1) or whose text says nothing of it
///   (a file name, «immagine»: ``AltText``, a warning), loaded from another
///   site (PRODUCT.md §5: no third-party requests), or pointing at a file that is not an image;
/// - a measure in `featured_measures` whose bando is over: the home page stops listing it, but
///   `portal.yaml` still says it is open (a warning);
/// - a measure whose `opens:` or `closes:` day is not its form's, which the portal uses (a warning);
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
        auditMeasureWindows(into: &result.diagnostics)
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

    /// A `#fragment` the page at `path` does not have: an error naming the few ids most likely meant (an id, a scheda
    /// section's title, a form field's name: ``PublishedIDs/closest(to:in:count:)``) or, when none is close, the
    /// ids an editor links to (``PublishedIDs/Page/linkable``: no hint, option, row or theme widget ids, never the
    /// form's honeypot), and where docs/CONTENT.md explains fragments.
    private func auditFragment(
        _ link: Markdown.Link, path: String, fragment: String, at place: SourceLocation, ids: inout PublishedIDs,
        into diagnostics: inout DiagnosticList
    ) {
        let id = fragment.removingPercentEncoding ?? fragment
        guard !id.isEmpty, let page = ids.ids(at: path), !page.all.contains(id) else { return }
        // An id of raw HTML is published namespaced (RawHTML+IDs.swift); the build rewrites a `#id` link
        // of the same page to it, not a link from a page's address.
        let namespaced = RawHTML.idPrefix + id
        if page.all.contains(namespaced) && link.destination.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            return
        }
        var message =
            "link to '\(link.destination)' points to '#\(id)', which the page published at '\(path.isEmpty ? "/" : path)' does not have; "
        let guesses =
            page.all.contains(namespaced)
            ? [namespaced] : PublishedIDs.closest(to: id, in: page.linkable, count: PublishedIDs.suggestions)
        if !guesses.isEmpty {
            let quoted = guesses.map { "'#\($0)'" }
            message +=
                "did you mean \(quoted.dropLast().joined(separator: ", "))\(quoted.count > 1 ? " or " : "")\(quoted.last!)?"
        } else if page.linkable.isEmpty {
            message += "it has no sections with an id: link the page without #"
        } else {
            let listed = page.linkable.prefix(PublishedIDs.listed).map { "#" + $0 }.joined(separator: ", ")
            let more = page.linkable.count - PublishedIDs.listed
            let fields = page.linkable.contains { $0.hasPrefix("f-") } ? " and fields" : ""
            message += "its sections\(fields) are \(listed)\(more > 0 ? " and \(more) more" : "")"
        }
        diagnostics.error(at: place, message + " (docs/CONTENT.md, *Links to a section*)")
    }

    private func auditImage(
        _ link: Markdown.Link, target: Portal.LinkTarget, at place: SourceLocation,
        into diagnostics: inout DiagnosticList
    ) {
        let alt = link.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let fix = "write what it shows between the brackets, e.g. ![Mappa della sede](\(link.destination))"
        switch AltText.fault(of: alt, destination: link.destination) {
        case .empty where alt.isEmpty:
            diagnostics.error(at: place, "image '\(link.destination)' has no alternative text; \(fix)")
        case .empty:
            diagnostics.error(
                at: place, "image '\(link.destination)' has «\(alt)» as alternative text, which says nothing; \(fix)")
        case .fileName:
            diagnostics.append(
                Diagnostic(
                    .warning, file: place.file, line: place.line, column: place.column,
                    message:
                        "image '\(link.destination)' has the file name «\(alt)» as alternative text, which a screen reader reads out as it is (WCAG 2.1, F30); \(fix)"
                ))
        case .placeholder:
            diagnostics.append(
                Diagnostic(
                    .warning, file: place.file, line: place.line, column: place.column,
                    message:
                        "image '\(link.destination)' has «\(alt)» as alternative text, which says there is an image but not what it shows (WCAG 2.1, F30); \(fix)"
                ))
        case nil:
            break
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

    /// A measure whose `opens:` or `closes:` is not its form's day: the form's window is the one the portal uses
    /// (``MeasureInfo/windowState(in:at:)``), so the measure's date, required and shown to nobody, misleads whoever
    /// moves a deadline there (finding 6 of session 13). A warning at the measure's date naming both.
    private func auditMeasureWindows(into diagnostics: inout DiagnosticList) {
        for page in portal.pages {
            guard let measure = page.measure, let form = portal.form(id: measure.form) else { continue }
            for (key, day, place, formDay) in [
                ("opens", measure.opens, measure.opensLocation, form.opens),
                ("closes", measure.closes, measure.closesLocation, form.closes),
            ] where day != formDay.date {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: place.file, line: place.line, column: place.column,
                        message:
                            "`\(key)` is \(day.iso), but form '\(form.id)' \(key) on \(formDay.date.iso) at \(String(format: "%02d:%02d", formDay.hour, formDay.minute)) (\(form.source)), which is what the portal uses and its pages show; write `\(key): \(formDay.date.iso)` here, or change `\(key)` in \(form.source) to move the date"
                    ))
            }
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
    /// The ids of one published page.
    struct Page {
        /// Every id, in page order: a link to any of them is right.
        var all: [String]
        /// Those an editor links to, in page order, what a wrong `#fragment` is told: the main text (`#contenuto`), a
        /// scheda section's anchor, an id of the text's raw HTML (`#user-content-orari`), a form's sections and
        /// top-level fields (`#sezione-1`, `#f-codice-fiscale`). Not the theme's widgets (`#feedback-stelle`,
        /// `#footer-dpo`), a field's hint, error, options or a group's rows (`#f-nome-hint`,
        /// `#f-componenti-7-relazione`), nor the form's honeypot (`#sito-web`), which must stay unknown.
        var linkable: [String]
    }

    /// The most ids a wrong `#fragment` suggests, and the most it lists when none is close.
    static let suggestions = 3
    static let listed = 15

    let renderer: PortalRenderer
    private var cache: [String: Page?] = [:]

    init(renderer: PortalRenderer) { self.renderer = renderer }

    /// The ids of the page published at `path` (`servizi/tutor/`, "" for home); `nil` when the path is not a page,
    /// form, calendar or section list (a static file, a generated list).
    mutating func ids(at path: String) -> Page? {
        if let known = cache[path] { return known }
        let found = page(at: path)
        cache[path] = found
        return found
    }

    /// The scheda sections' anchors and titles (`contacts`: "Contatti").
    private static let sectionAnchors = Dictionary(
        uniqueKeysWithValues: ServiceSection.Kind.allCases.map { ($0.anchor, $0.title) })

    /// Up to `count` ids of `known` an editor most likely meant by `id`, the likeliest first
    /// (``YAMLReader/closest(to:in:)`` asked again without those found), matched against each id, the title of the
    /// scheda section it is the anchor of (`#contatti` → `#contacts`, "Contatti") and a form field's name
    /// (`#codice-fiscale` → `#f-codice-fiscale`).
    static func closest(to id: String, in known: [String], count: Int) -> [String] {
        var names: [String: String] = [:]
        for candidate in known.reversed() {
            names[candidate] = candidate
            if let title = sectionAnchors[candidate] { names[title] = candidate }
            if candidate.hasPrefix("f-") { names[String(candidate.dropFirst(2))] = candidate }
        }
        var found: [String] = []
        var left = Set(names.keys)
        while found.count < count, let name = YAMLReader.closest(to: id, in: left), let candidate = names[name] {
            left = left.filter { names[$0] != candidate }
            found.append(candidate)
        }
        return found
    }

    private func page(at path: String) -> Page? {
        let portal = renderer.portal
        if let page = portal.pages.first(where: { $0.url == path }) {
            var ignored = DiagnosticList()
            return (try? renderer.render(page, body: portal.renderBody(of: page, into: &ignored)))
                .map { Self.page(String(decoding: $0, as: UTF8.self)) }
        }
        if let form = portal.forms.first(where: { Portal.formURL(id: $0.id) == path }) {
            guard let html = try? renderer.renderFormPage(form) else { return nil }
            let all = Self.ids(in: html)
            // The id the form page gives a field (`PortalRenderer`'s `FieldViewBuilder.htmlID`: `f-` and its name).
            let fields = form.sections.flatMap(\.fields).map {
                "f-" + $0.name.replacingOccurrences(of: "_", with: "-")
            }
            let linkable = Set(["contenuto"] + form.sections.indices.map { "sezione-\($0 + 1)" } + fields)
            return Page(all: all, linkable: all.filter(linkable.contains))
        }
        if let calendar = portal.calendars.first(where: { Portal.calendarURL(id: $0.id) == path }) {
            return (try? renderer.renderCalendarPage(calendar)).map(Self.page)
        }
        if let section = Portal.standardSections.first(where: { $0 + "/" == path }) {
            return (try? renderer.renderSectionList(section: section, indexPage: nil, body: nil))
                .map { Self.page(String(decoding: $0, as: UTF8.self)) }
        }
        return nil
    }

    /// The ids of a page that is not a form's: its main text, scheda sections and raw HTML are linkable.
    private static func page(_ html: String) -> Page {
        let all = ids(in: html)
        return Page(
            all: all,
            linkable: all.filter { $0 == "contenuto" || sectionAnchors[$0] != nil || $0.hasPrefix(RawHTML.idPrefix) })
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
