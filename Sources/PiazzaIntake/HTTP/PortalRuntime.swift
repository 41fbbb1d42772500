import PiazzaContent
import PiazzaRender

/// Everything the daemon holds for one served portal.
struct PortalRuntime: Sendable {
    let portal: Portal
    let database: PortalDatabase
    let pages: Pages
    /// What accepting a case of the portal's forms creates (vouchers, merchants).
    let acceptance: AcceptanceEffects

    init(portal: Portal, database: PortalDatabase, theme: Theme) {
        self.portal = portal
        self.database = database
        pages = Pages(portal: portal, theme: theme)
        acceptance = AcceptanceEffects(forms: portal.forms)
    }
}
