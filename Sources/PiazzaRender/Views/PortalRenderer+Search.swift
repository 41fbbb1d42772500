import Foundation
import PiazzaContent

/// The search page `cerca/`: full-text search over services, measures, news and merchants with the
/// Pagefind index the build writes into `pagefind/` (pages whose `<main>` has `data-pagefind-body`).
/// Without JavaScript, or in a site built without Pagefind, the page is the catalogue: every section with
/// its count and the service facets, all plain links.
extension PortalRenderer {
    /// The search page, relative to the portal root.
    public static let searchPath = "cerca/"
    /// The folder Pagefind writes its index and script into, relative to the portal root.
    public static let searchIndexFolder = "pagefind"

    /// Renders `cerca/`.
    public func renderSearch() throws(ThemeError) -> String {
        let links = PageLinks.relative(to: Self.searchPath)
        let base = baseContext(
            title: "Cerca nel portale", description: "Cerca tra servizi, misure di sostegno, notizie ed esercenti.",
            links: links, layout: "search", breadcrumb: [("Home", "")], section: "")
        var sections: [[String: Any]] = Portal.standardSections.map { section in
            [
                "title": Self.sectionTitle(section), "url": links.url(section + "/"),
                "count": portal.pages(inSection: section).count,
            ]
        }
        if !portal.merchants.isEmpty {
            sections.append([
                "title": "Esercenti convenzionati", "url": links.url(Merchant.section + "/"),
                "count": portal.merchants.count,
            ])
        }
        let context: [String: Any] = [
            "sections": sections,
            "facets": catalogueFacets(serviceCatalogue(), links: links),
            "index": links.url(Self.searchIndexFolder + "/"),
        ]
        return try render("search", base: base, ["search": context])
    }
}
