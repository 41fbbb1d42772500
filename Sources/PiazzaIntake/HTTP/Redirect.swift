import Foundation
import Hummingbird

/// The daemon's own addresses, published under the path of `public_url` (a reverse proxy may mount the
/// daemon at `https://comune.example.it/welfare/`): the one rule of every absolute path the daemon writes,
/// in a `Location` (``seeOther(_:)``), a link, a form's action, a cookie's path or its pages' assets
/// (``path(_:)``, and ``prefix`` for the pages' renderer, ``PiazzaRender/PortalRenderer/daemonPath``).
struct Redirect: Sendable {
    /// The path of `public_url` without a final `/` (`/welfare` for `https://comune.example.it/welfare/`),
    /// empty at the root.
    let prefix: String

    init(publicURL: String) {
        var path = URL(string: publicURL)?.path ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        prefix = path
    }

    /// The address of the daemon's `path` (`/r/…`, `/operator/`, `/assets/`) as browsers reach it: under ``prefix``.
    func path(_ path: String) -> String {
        prefix + path
    }

    /// A 303 to `location`: a daemon path (`/r/…`) gets the prefix in front (``path(_:)``); a full URL is kept.
    /// Never an address already under the prefix (``OperatorPages/root``, a view's links): it would get it twice
    /// (`/welfare/welfare/…`), and a prefix cannot be told from a daemon path (`/r`, `/operator` are both).
    func seeOther(_ location: String) -> Response {
        let target = location.hasPrefix("/") ? path(location) : location
        return Response(status: .seeOther, headers: [.location: target, .cacheControl: "no-store"])
    }
}
