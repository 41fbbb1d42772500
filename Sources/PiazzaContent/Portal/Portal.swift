import Foundation

/// One portal with everything it publishes: its settings, pages, forms and static files, after
/// `_shared/` has been merged in (a portal file with the same path wins).
public struct Portal: Sendable {
    /// A file under `static/`, copied verbatim.
    public struct StaticFile: Sendable, Hashable {
        /// Path relative to the portal (`static/logo.svg`), which is also its published path.
        public var path: String
        /// Where the file is on disk.
        public var source: URL
    }

    /// The folder name under `content/`.
    public let id: String
    /// Settings from `portal.yaml`; only ``replacingIntakeURL(_:)`` and ``replacingBaseURL(_:)`` change them.
    public private(set) var config: PortalConfig
    /// Published pages (drafts excluded), sorted by id.
    public let pages: [Page]
    /// Forms sorted by id.
    public let forms: [FormDefinition]
    /// Booking calendars sorted by id.
    public let calendars: [CalendarDefinition]
    public let staticFiles: [StaticFile]
    /// The rows of `esercenti.csv`, in file order; empty without the file.
    public let merchants: [Merchant]
    /// The content root, to read source files for diagnostics.
    public let contentRoot: URL

    private let pageIndex: [String: Int]
    /// The indices of the pages of each type (section indexes left out) in ``listOrder(_:_:)``, sorted once.
    /// By type: the order compares dates of news only, so it is a total order among pages of one type, not
    /// among all pages.
    private let typeLists: [PageType: [Int]]
    private let formIndex: [String: Int]
    private let staticIndex: Set<String>
    /// Pages whose file exists but did not load (their errors are reported), by id, with their source file;
    /// links to them are not broken, and their text is still checked (``checkUnloadedBodies(into:)``).
    let unloadablePages: [String: String]
    /// Pages left out because their front matter says `draft: true`, by id, with their source file (relative to
    /// the content root): a reference to one says it is a draft, not that the file is missing.
    let draftPages: [String: String]
    /// What each link destination resolved to, by destination and folder (``resolve(_:from:)``): shared by the
    /// copies of this portal, whose pages and files are the same.
    let resolvedLinks = ResolvedLinks()

    init(
        id: String, config: PortalConfig, pages: [Page], forms: [FormDefinition], staticFiles: [StaticFile],
        contentRoot: URL, unloadablePages: [String: String] = [:], draftPages: [String: String] = [:],
        calendars: [CalendarDefinition] = [], merchants: [Merchant] = []
    ) {
        self.unloadablePages = unloadablePages
        self.draftPages = draftPages
        self.merchants = merchants
        self.id = id
        self.config = config
        let pages = pages.sorted { $0.id < $1.id }
        self.pages = pages
        self.forms = forms.sorted { $0.id < $1.id }
        self.calendars = calendars.sorted { $0.id < $1.id }
        self.staticFiles = staticFiles.sorted { $0.path < $1.path }
        self.contentRoot = contentRoot
        pageIndex = Dictionary(uniqueKeysWithValues: self.pages.enumerated().map { ($1.id, $0) })
        typeLists = Dictionary(grouping: pages.indices.filter { !pages[$0].isSectionIndex }) { pages[$0].type }
            .mapValues { $0.sorted { Portal.listOrder(pages[$0], pages[$1]) } }
        formIndex = Dictionary(uniqueKeysWithValues: self.forms.enumerated().map { ($1.id, $0) })
        staticIndex = Set(staticFiles.map(\.path))
    }

    /// The same portal with its forms posting to another intake daemon (local preview, tests).
    public func replacingIntakeURL(_ url: String) -> Portal {
        replacingConfig { $0.intakeURL = url.hasSuffix("/") ? String(url.dropLast()) : url }
    }

    /// The same portal published at another address (`base_url`): the preview's, for the intake daemon
    /// of `piazza serve`, whose links and redirects to the site must stay on the preview.
    public func replacingBaseURL(_ url: String) -> Portal {
        replacingConfig { $0.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url }
    }

    /// A copy with other settings: the pages, forms and indexes are kept as they are (going through
    /// `init` sorted and indexed every page again, for each portal at every rebuild of `piazza serve`).
    private func replacingConfig(_ change: (inout PortalConfig) -> Void) -> Portal {
        var portal = self
        change(&portal.config)
        return portal
    }

    /// A published page by id (`servizi/tutor.md`).
    public func page(id: String) -> Page? { pageIndex[id].map { pages[$0] } }

    /// Whether a page file exists, loaded or not (a page that failed to load has its own errors).
    public func hasPage(id: String) -> Bool { pageIndex[id] != nil || unloadablePages[id] != nil }

    /// A form by id.
    public func form(id: String) -> FormDefinition? { formIndex[id].map { forms[$0] } }

    /// Whether a static file exists at a portal path (`static/logo.svg`).
    public func hasStaticFile(_ path: String) -> Bool { staticIndex.contains(path) }

    /// The published path of a form's page, relative to the portal root.
    public static func formURL(id: String) -> String { "moduli/\(id)/" }

    /// A form's address on the daemon, from the daemon's root: `/forms/{portal}/{form}`. The published form
    /// posts to it under `intake_url` (``formAction(for:)``); the daemon's own pages under its path.
    public func formPath(for form: FormDefinition) -> String { "/forms/\(id)/\(form.id)" }

    /// Where the published form posts: `{intake_url}/forms/{portal}/{form}` (``formPath(for:)``).
    public func formAction(for form: FormDefinition) -> String { config.intakeURL + formPath(for: form) }

    /// Pages of one type, sorted by weight, then newest date for news, then title: sorted once, when the
    /// portal is made (a sort at every call was 3 % of a 10k-page build in `perf`).
    public func pages(ofType type: PageType) -> [Page] {
        (typeLists[type] ?? []).map { pages[$0] }
    }

    /// Pages directly in a section folder (not its `_index.md`), in list order.
    public func pages(inSection section: String) -> [Page] {
        // The sort moves indices: a `Page` is large, and sorting the pages themselves copied them over and
        // over (8 % of a 10k-page build in `perf`).
        pages.indices.filter { !pages[$0].isSectionIndex && Portal.isDirectly(pages[$0].id, in: section) }
            .sorted { Portal.listOrder(pages[$0], pages[$1]) }.map { pages[$0] }
    }

    /// Whether page id `id` is a file directly in folder `section` (`servizi/tutor.md` in `servizi`), read on
    /// its bytes: the section's name and the id's parts as strings were two allocations per page and list.
    private static func isDirectly(_ id: String, in section: String) -> Bool {
        let utf8 = id.utf8
        guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let name = utf8.index(after: slash)
        return name != utf8.endIndex && !utf8[name...].contains(UInt8(ascii: "/")) && id[..<slash] == section
    }

    /// Weight first, then news newest first, then title.
    public static func listOrder(_ a: Page, _ b: Page) -> Bool {
        if a.weight != b.weight { return a.weight < b.weight }
        if let da = a.news?.date, let db = b.news?.date, da != db { return da > db }
        if a.title != b.title { return a.title < b.title }
        return a.id < b.id
    }
}
