import Foundation
import Hummingbird
import PiazzaContent

/// Which pages may post citizen forms to the daemon: the one rule of `POST /forms/{portal}/{form}`,
/// `POST /bookings/{portal}/{calendar}/{slot}` and `POST /feedback/{portal}`.
///
/// A browser names the page a post comes from in `Origin` (the Fetch standard's "append a request
/// `Origin` header", sent on every `POST` by current browsers). A post is refused (403) when `Origin`
/// is present and is none of:
/// - the portal's published site, the origin of its `base_url` (``site(of:)``);
/// - the daemon's own addresses, where its answer pages post again: `public_url` and every served
///   portal's `intake_url`;
/// - the `site_origins` of `piazza.yaml` (a staging copy of the site, the preview of `piazza serve`).
///
/// So another site cannot make its visitors' browsers post forms, bookings or feedback into a
/// portal. `Origin: null` (a sandboxed frame, a page served with `Referrer-Policy: no-referrer`) is
/// foreign too: a hostile page can send it at will. A post without `Origin` is not a browser's post
/// from another page (a script, a test client) and is let through: forgery needs a browser. `Referer`
/// is not read: browsers and privacy settings often drop it, and `Origin` is the standard's answer.
struct PostOrigins: Sendable, Hashable {
    /// The daemon's own origins and the configured site origins, normalised (``normalised(_:)``).
    let common: Set<String>

    /// - Parameter addresses: `public_url`, each served portal's `intake_url` and the `site_origins`;
    ///   an address with no http(s) origin is left out.
    init(addresses: [String]) {
        common = Set(addresses.compactMap(Self.normalised))
    }

    /// Whether a post from `origin` (the header's value) may reach `portal`.
    func allows(_ origin: String, portal: Portal) -> Bool {
        guard let origin = Self.normalised(origin) else { return false }
        return common.contains(origin) || Self.site(of: portal) == origin
    }

    /// The origin of `portal`'s published site, from its `base_url` (``normalised(_:)``: as a browser
    /// writes it in `Origin`, `https://welfare.example.it` for `https://Welfare.Example.it:443/vigonza`);
    /// `nil` when `base_url` has no http(s) origin. The one rule of the site's origin: the posts it may
    /// send, and the CORS answers its scripts may read (`Access-Control-Allow-Origin` must equal the
    /// browser's `Origin` byte for byte, Fetch standard §3.2.5).
    static func site(of portal: Portal) -> String? {
        normalised(portal.config.baseURL)
    }

    /// - Throws: ``PageError/foreignOrigin(portal:)`` when `request` carries an `Origin` that may not post to `portal`.
    func check(_ request: Request, portal: Portal) throws(PageError) {
        guard let origin = request.headers[.origin], !allows(origin, portal: portal) else { return }
        throw .foreignOrigin(portal: portal.id)
    }

    /// Whether `text` is an http(s) origin alone (`https://staging.example.it`, a port allowed, a
    /// final `/` tolerated): no path, query, fragment or user.
    static func isOrigin(_ text: String) -> Bool {
        guard normalised(text) != nil, let components = URLComponents(string: text) else { return false }
        return ["", "/"].contains(components.path) && components.query == nil && components.fragment == nil
            && components.user == nil
    }

    /// `scheme://host[:port]` in lower case, without the scheme's default port (`https://a.it:443` is
    /// `https://a.it`, as a browser writes it); `nil` for `null` or anything without an http(s) origin.
    static func normalised(_ address: String) -> String? {
        guard let origin = SecurityHeaders.origin(of: address) else { return nil }
        for port in [("http://", ":80"), ("https://", ":443")]
        where origin.hasPrefix(port.0) && origin.hasSuffix(port.1) {
            return String(origin.dropLast(port.1.count))
        }
        return origin
    }
}

extension PageError {
    /// 403: a citizen's post sent from a page that is not the portal's (``PostOrigins``).
    static func foreignOrigin(portal: String) -> PageError {
        PageError(
            .forbidden, portal: portal, "Invio non accettato",
            "Il modulo è stato inviato da una pagina che non fa parte del portale. "
                + "Apri la pagina dal sito del portale e invia di nuovo.")
    }
}

extension IntakeApp {
    /// The origins that may post citizen forms to this daemon: `public_url`, each served portal's
    /// `intake_url`, the configured `site_origins` (each portal's own site is added per post).
    var postOrigins: PostOrigins {
        PostOrigins(
            addresses: [config.publicURL] + portals.values.map(\.portal.config.intakeURL) + config.siteOrigins)
    }
}
