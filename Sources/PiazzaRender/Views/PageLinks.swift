import PiazzaContent

/// How a rendered page reaches the rest of the portal.
///
/// Generated pages use relative links, so a site works from any folder of any static host.
/// Pages the daemon renders live on another host and link back with absolute URLs.
public struct PageLinks: Sendable, Hashable {
    /// Prefix to the portal root (`../../` or `https://welfare.example.it/`).
    public var root: String
    /// Prefix of theme assets (`../../assets/` or `/assets/`).
    public var assets: String
    /// The page's own path under the portal root, "" for home and for pages outside the site.
    public var path: String

    public init(root: String, assets: String, path: String) {
        self.root = root
        self.assets = assets
        self.path = path
    }

    /// Links for the generated page published at `path` (`servizi/tutor/`).
    public static func relative(to path: String) -> PageLinks {
        let prefix = Portal.rootPrefix(from: path)
        return PageLinks(root: prefix, assets: prefix + "assets/", path: path)
    }

    /// Links for a page served away from the site (the daemon's pages, the 404 page).
    public static func absolute(root: String, assets: String) -> PageLinks {
        PageLinks(root: root, assets: assets, path: "")
    }

    /// Whether these are the links of a page of the generated site, which has an address of its own
    /// (`base_url` + ``path``); the daemon's pages and the 404 page, served at other addresses, have none.
    public var isSitePage: Bool { !root.hasPrefix("/") && !root.contains("://") }

    /// The URL of a portal path (`notizie/`) from this page.
    public func url(_ portalPath: String) -> String {
        Portal.url(of: portalPath, root: root)
    }
}
