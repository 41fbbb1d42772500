import PiazzaRender

/// The back office's own pages (login, list of portals), through the theme's `operator-*`
/// templates; the pages of one portal take that portal's look.
struct OperatorPages: Sendable {
    let theme: Theme
    /// `/operator/` after `public_url`'s path: the base of every link and form action.
    let root: String
    /// The default theme's files on the daemon, under `public_url`'s path (`/welfare/assets/`).
    let assets: String

    /// The login form; `error` above it when the last attempt failed (or the session ended), `kept` as its
    /// hidden fields (the page to go back to and the text typed there, ``LoginReturn``).
    func login(csrf: String, name: String, error: String?, kept: [(name: String, value: String)])
        throws(ThemeError) -> String
    {
        try theme.render(
            "operator-login",
            [
                "title": "Accesso operatori", "csrf": csrf, "name": name, "error": error ?? false, "assets": assets,
                "operatorRoot": root, "operator": false, "kept": kept.map { ["name": $0.name, "value": $0.value] },
            ])
    }

    /// The portals a logged-in user reaches and those where they mark attendance (`attendance`, a
    /// tutor's only ones), under the operator `header` (with the logout button).
    func home(
        _ session: OperatorSession, header: OperatorHeaderView, portals: [(id: String, name: String)],
        attendance: [(id: String, name: String)]
    ) throws(ThemeError) -> String {
        try theme.render(
            "operator-home",
            [
                "title": "Area operatori", "user": session.name, "assets": assets, "operator": header.context,
                "operatorRoot": root,
                "portals": portals.map { ["url": root + $0.id + "/", "name": $0.name] },
                "hasPortals": !portals.isEmpty,
                "attendance": attendance.map { ["url": root + $0.id + "/presenze", "name": $0.name] },
                "hasAttendance": !attendance.isEmpty,
            ])
    }
}
