import PiazzaContent
import PiazzaRender

/// The edges of the dependency graph: what each kind of output ``PortalBuild`` writes is made from,
/// read off what its renderer reads. Every output also depends on `portal.yaml` and on whether there
/// are calendars (the header's bookings link); the sitemap, the search page and the open data on which
/// pages, forms and calendars exist (``BuildInput/structure``); a content page on where its own links
/// lead (``OutputGraph``), so adding a page renders only the pages that link to it and the lists that
/// show it.
///
/// When a renderer starts reading something new, its inputs here must name it: the incremental
/// build tests compare an incremental build with a clean one byte for byte after each kind of edit.
enum OutputInputs {
    private static let frame: [BuildInput] = [.config, .bookings]

    /// A content page: its file, its template, and what it shows of other files.
    static func page(_ page: Page, in portal: Portal) -> [BuildInput] {
        var inputs = frame + [.page(page.id)]
        if page.id == "_index.md" {
            // Featured measures, the latest news, service categories, the shops.
            return inputs + home
        }
        if page.isSectionIndex { return inputs + sectionList(page.section, in: portal) }
        // The breadcrumb shows the section's title.
        inputs.append(.header(page.section + "/_index.md"))
        switch page.details {
        case .service(let service):
            // The title of the form it links to, and whether its bando takes applications.
            return inputs + [.template("service")] + (service.access.form.map { [.form($0), .windows] } ?? [])
        case .measure(let measure):
            // Its form's bando window; the list of the shops that take it.
            return inputs + [.template("measure"), .form(measure.form), .windows, .merchants]
        case .news: return inputs + [.template("news")]
        case .page: return inputs + [.template("page")]
        }
    }

    private static let home: [BuildInput] = [
        .template("home"), .pages(.news), .pages(.service), .pages(.measure), .forms, .windows, .merchants,
    ]

    /// A section's list (`servizi/`), from its `_index.md` or generated: every page of the section, with
    /// the state of the measures' bandi from their forms, and on `servizi/` the catalogue's facets.
    static func sectionList(_ section: String, in portal: Portal) -> [BuildInput] {
        var inputs = frame + [.template("list"), .section(section)]
        // Any measure of the section's folder (a superset of the list's), without copying its pages.
        if portal.pages.contains(where: { $0.type == .measure && $0.section == section }) {
            inputs += [.forms, .windows]
        }
        if section == "servizi" { inputs.append(.pages(.service)) }
        return inputs
    }

    /// A form's page: the form, the title of the measure page it belongs to, whether its bando is open.
    static func form(_ form: FormDefinition) -> [BuildInput] {
        frame + [.template("form"), .form(form.id), .windows]
            + (form.measure.map { [.header("misure/\($0).md")] } ?? [])
    }

    /// A calendar's page lists the slots still bookable at the moment of the build, and names the form
    /// whose accepted applications may book.
    static func calendar(_ calendar: CalendarDefinition) -> [BuildInput] {
        var inputs = frame + [.template("calendar"), .calendars, .slots]
        if case .acceptedApplication(let form, _) = calendar.eligibility { inputs.append(.form(form)) }
        return inputs
    }

    /// A facet page of the catalogue (`servizi/categoria/…/`).
    static let catalogueFilter: [BuildInput] = frame + [.template("list"), .pages(.service)]

    /// The shops' lists, pages and open-data files name the measures they take.
    static func merchants(template: String?) -> [BuildInput] {
        frame + [.merchants, .pages(.measure)] + (template.map { [.template($0)] } ?? [])
    }

    /// `cerca/`: counts per section and the catalogue's facets.
    static let search: [BuildInput] = frame + [.template("search"), .structure, .pages(.service), .merchants]

    /// The services' CSV and JSON-LD.
    static let servicesData: [BuildInput] = frame + [.structure, .pages(.service), .forms, .merchants]

    /// `open-data/` and the DCAT-AP_IT catalogue: the datasets and their dates, the build's day among them
    /// when the content writes none.
    static func openData(template: String?) -> [BuildInput] {
        servicesData + [.openData] + (template.map { [.template($0)] } ?? [])
    }

    /// The model's first-level pages and the bookings page: calendar titles, whether there are shops, what
    /// the services offer (a first-level page may list their topics).
    static let modelPage: [BuildInput] = frame + [.template("model-index"), .calendars, .merchants, .pages(.service)]

    static let notFound: [BuildInput] = frame + [.template("404")]

    /// Every published page, with the news' dates.
    static let sitemap: [BuildInput] = frame + [.structure, .pages(.service), .pages(.news), .merchants, .calendars]

    static let robots: [BuildInput] = [.config]

    static let feed: [BuildInput] = [.config, .pages(.news)]
}
