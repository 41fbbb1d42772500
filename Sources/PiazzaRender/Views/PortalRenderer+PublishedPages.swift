import PiazzaContent

extension PortalRenderer {
    /// Every page a build of the portal publishes, as its folder below the portal's root (`""` for the
    /// home page, `servizi/tutor/`), in the order the build writes them: the content pages, the section
    /// lists without an `_index.md`, the form and calendar pages, the catalogue's facet pages, the
    /// merchant lists and pages, the search and open-data pages, the model's first-level and bookings
    /// pages. The build's sitemap lists them and the daemon accepts clarity feedback for them
    /// (``feedbackPagePaths(_:)``), so both read one list.
    public func publishedPagePaths(_ catalogue: ServiceCatalogue) -> [String] {
        portal.pages.map(\.url)
            + Portal.standardSections.filter { portal.page(id: $0 + "/_index.md") == nil }.map { $0 + "/" }
            + portal.forms.map { Portal.formURL(id: $0.id) }
            + portal.calendars.map { Portal.calendarURL(id: $0.id) }
            + catalogue.filters.map(\.path)
            + merchantLists.map(\.path)
            + portal.merchants.map(\.url)
            + [Self.searchPath, Self.openDataPath]
            + modelPages.map(\.path)
    }

    /// The page paths (``ClarityFeedback/pagePath(_:)``: `/`, `/servizi/tutor/`) whose pages close with
    /// the clarity feedback widget: every published page but the form pages, which turn it off
    /// (PortalRenderer+Forms.swift). The daemon stores feedback for these only.
    public func feedbackPagePaths(_ catalogue: ServiceCatalogue) -> Set<String> {
        let forms = Set(portal.forms.map { Portal.formURL(id: $0.id) })
        return Set(publishedPagePaths(catalogue).filter { !forms.contains($0) }.map(ClarityFeedback.pagePath))
    }
}
