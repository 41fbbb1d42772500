import Foundation
import PiazzaContent

extension PortalRenderer {
    /// The network home `site/index.html`: every portal with its comuni, description, the links into it
    /// (services, measures, merchants when it has any, search, open data) and its measures open now, and a
    /// search across every portal: the theme's `assets/search.js` (loaded from the first portal, every
    /// portal has it) merges each portal's Pagefind index (Pagefind's `mergeIndex`, multisite search) and
    /// labels each result with its portal; without JavaScript the box stays hidden and the links to each
    /// portal's own search page, which carry the index and root the script reads, are the search.
    /// Links are relative to the site root, where each portal is a folder named by its id, so the site
    /// works under any path.
    public static func renderNetworkHome(_ portals: [PortalRenderer], theme: Theme) throws(ThemeError) -> String {
        var context: [String: Any] = [
            "lang": "it", "title": "Portali del welfare territoriale", "portals": portals.map { $0.networkEntry() },
        ]
        if let first = portals.first { context["searchScript"] = first.portal.id + "/assets/search.js" }
        return try theme.render("network", context)
    }

    /// One portal on the network home.
    private func networkEntry() -> [String: Any] {
        let root = portal.id + "/"
        let config = portal.config
        var links: [[String: Any]] = [
            ["title": "Servizi", "url": root + "servizi/"], ["title": "Misure di sostegno", "url": root + "misure/"],
        ]
        if !portal.merchants.isEmpty {
            links.append(["title": "Esercenti convenzionati", "url": root + Merchant.section + "/"])
        }
        links += [
            ["title": "Cerca", "url": root + Self.searchPath], ["title": "Open data", "url": root + Self.openDataPath],
        ]
        let open = portal.pages(ofType: .measure).filter { measureWindow($0.measure!).state == .open }
        return [
            "id": "portale-" + portal.id, "name": config.name, "url": root, "description": config.description,
            "searchURL": root + Self.searchPath, "searchIndex": root + Self.searchIndexFolder + "/",
            "comuniNames": config.comuni.map(\.name).joined(separator: ", "), "links": links,
            "hasOpenMeasures": !open.isEmpty,
            "openMeasures": open.map { page in
                ["title": page.title, "url": root + page.url, "state": measureStateLabel(page.measure!)]
            },
        ]
    }
}
