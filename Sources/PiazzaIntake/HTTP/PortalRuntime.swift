import PiazzaContent
import PiazzaRender

/// Everything the daemon holds for one served portal.
struct PortalRuntime: Sendable {
    let portal: Portal
    let database: PortalDatabase
    let pages: Pages
    /// What accepting a case of the portal's forms creates (vouchers, merchants).
    let acceptance: AcceptanceEffects
    /// The page paths the site's clarity feedback may name (``PortalRenderer/feedbackPagePaths(_:)``):
    /// the pages a build of the loaded content publishes with the widget.
    let feedbackPages: Set<String>

    init(portal: Portal, database: PortalDatabase, theme: Theme) {
        self.portal = portal
        self.database = database
        pages = Pages(portal: portal, theme: theme)
        acceptance = AcceptanceEffects(forms: portal.forms)
        feedbackPages = pages.renderer.feedbackPagePaths(pages.renderer.serviceCatalogue())
    }
}
