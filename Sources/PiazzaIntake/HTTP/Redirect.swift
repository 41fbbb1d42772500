import Foundation
import Hummingbird

/// 303 answers to paths of the daemon, published under the path of `public_url`.
struct Redirect: Sendable {
    /// The path of `public_url` (`/piazza` for `https://servizi.example.it/piazza`), empty at the root.
    let prefix: String

    init(publicURL: String) {
        let path = URL(string: publicURL)?.path ?? ""
        prefix = path == "/" ? "" : path
    }

    /// A 303 to `location`: a daemon path (`/r/…`) gets the prefix in front; a full URL is kept.
    func seeOther(_ location: String) -> Response {
        let path = location.hasPrefix("/") ? prefix + location : location
        return Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}
