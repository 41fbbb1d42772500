/// The header of every page of the back office once logged in (the operators', tutors' and shop staff's):
/// who is logged in, where they are, the way back to the back office's home, the areas their role reaches
/// and the logout button with the session's token. On a shared office PC the next person must see at once
/// whose session is open and how to close it (PRODUCT.md §1, operators). Texts are Italian and plain.
public struct OperatorHeaderView: Sendable, Hashable {
    /// A link of the header's menu.
    public struct Area: Sendable, Hashable {
        public var label: String
        public var url: String

        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    /// The portal the page belongs to (`Vigonza Welfare`); `nil` on the back office's home.
    public var portalName: String?
    /// The logged-in user's name.
    public var user: String
    /// The back office's home (`/operator/`, under the daemon's path).
    public var homeURL: String
    /// The areas of the portal the user's role reaches, in menu order; empty on the home, which lists them.
    public var areas: [Area]
    /// Where the logout button posts (`/operator/logout`).
    public var logoutURL: String
    /// The session's token, posted with the logout.
    public var csrf: String

    public init(portalName: String?, user: String, homeURL: String, areas: [Area], logoutURL: String, csrf: String) {
        self.portalName = portalName
        self.user = user
        self.homeURL = homeURL
        self.areas = areas
        self.logoutURL = logoutURL
        self.csrf = csrf
    }

    /// The keys of the theme's `operator-header` partial (the `operator` key of a back-office page).
    public var context: [String: Any] {
        [
            "portal": portalName ?? false, "user": user, "homeURL": homeURL,
            "areas": areas.map { ["label": $0.label, "url": $0.url] }, "logoutURL": logoutURL, "csrf": csrf,
        ]
    }
}
