import PiazzaRender

/// The operator header of every back-office page after login (``OperatorHeaderView``): the one place that
/// decides what it holds for a user, and the renderer every operator view of a portal goes through.
extension OperatorController {
    /// The header for `session` on a page of `runtime`'s portal, or on the back office's home (`nil`).
    ///
    /// The menu lists the areas of that portal the user's role reaches, by the rules the routes apply:
    /// the cases and their pages for whoever reaches the portal (``OperatorSession/reaches(portal:)``), the
    /// audit log and the data-subject access for an admin, attendance for who marks it
    /// (``OperatorSession/marksAttendance(portal:)``), the shop's till for shop staff
    /// (``OperatorSession/redeemsVouchers(portal:)``); on the home, the login log for an admin.
    func header(_ session: OperatorSession, portal runtime: PortalRuntime?) -> OperatorHeaderView {
        var areas: [OperatorHeaderView.Area] = []
        if let runtime {
            let base = pages.root + runtime.portal.id + "/"
            func area(_ label: String, _ path: String) { areas.append(.init(label: label, url: base + path)) }
            let id = runtime.portal.id
            if session.reaches(portal: id) {
                area("Domande", "")
                area("Cruscotto", "cruscotto")
                area("Pagamenti", "pagamenti")
                area("Esportazioni", "esportazioni")
                area("Rimborsi agli esercenti", "rimborsi")
                area("Valutazioni delle pagine", "valutazioni")
            }
            if session.marksAttendance(portal: id) {
                area("Presenze", "presenze")
            }
            if session.reaches(portal: id), !runtime.portal.calendars.isEmpty {
                area("Rendicontazione", "rendicontazione")
            }
            if session.role == .admin {
                area("Registro delle attività", "registro")
                area("Dati di un interessato", "interessato")
            }
            if session.redeemsVouchers(portal: id) {
                area("Buoni spesa", "buoni")
            }
        } else if session.role == .admin {
            areas.append(.init(label: "Registro degli accessi", url: pages.root + "accessi"))
        }
        return OperatorHeaderView(
            portalName: runtime?.portal.config.name, user: session.name, homeURL: pages.root, areas: areas,
            logoutURL: pages.root + "logout", csrf: session.csrf)
    }

    /// The renderer of `runtime`'s back-office pages for `session`: each page carries ``header(_:portal:)``.
    /// Every operator view of a portal renders through it.
    func renderer(_ runtime: PortalRuntime, for session: OperatorSession) -> PortalRenderer {
        runtime.pages.renderer.backOffice(header: header(session, portal: runtime))
    }
}
