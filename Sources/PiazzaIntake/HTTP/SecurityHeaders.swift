import Foundation
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// The security headers of every answer the daemon gives, in one list: the router's answers get
/// them from ``SecurityHeadersMiddleware``, the answers written below the router (the 408 of
/// ``BodyDeadlineHandler``, the 400 Hummingbird writes for a request the HTTP parser refuses)
/// from ``SecurityHeadersHandler``.
///
/// `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: same-origin` (no
/// address of a daemon page, which may hold a receipt's token, leaves for another site; the daemon's
/// own pages still name their origin when they post, which ``PostOrigins`` needs: with `no-referrer` a
/// browser sends `Origin: null`), a
/// content security policy (the daemon's own styles and scripts; forms may post only to the
/// daemon itself and to the portals' intake addresses, so a form injected into a page cannot send
/// what a citizen types to another host), and with `https: true` `Strict-Transport-Security`.
struct SecurityHeaders: Sendable {
    /// The fields set on every answer, replacing any of the same name.
    let fields: HTTPFields

    /// - Parameters:
    ///   - https: whether citizens reach the daemon over HTTPS (adds HSTS for one year).
    ///   - formAddresses: absolute addresses forms post to (`public_url`, each portal's
    ///     `intake_url`); their origins join `'self'` in `form-action`. An address without an
    ///     http(s) origin is left out.
    init(https: Bool, formAddresses: [String]) {
        var origins: [String] = []
        for address in formAddresses {
            if let origin = Self.origin(of: address), !origins.contains(origin) { origins.append(origin) }
        }
        var fields: HTTPFields = [
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "same-origin",
            .init("X-Frame-Options")!: "DENY",
            // `font-src data:`: Bootstrap Italia's stylesheet (the italia theme's pages) embeds a font as a data: URL.
            .contentSecurityPolicy:
                "default-src 'self'; img-src 'self' data: https:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "form-action \((["'self'"] + origins).joined(separator: " ")); frame-ancestors 'none'",
        ]
        if https { fields[.strictTransportSecurity] = "max-age=31536000" }
        self.fields = fields
    }

    /// `scheme://host[:port]` of an http(s) address, as a CSP source expression; `nil` for anything
    /// else, or a host with characters a policy cannot carry.
    static func origin(of address: String) -> String? {
        guard let components = URLComponents(string: address), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:[]")
        guard host.allSatisfy(allowed.contains) else { return nil }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(bracketed)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// Sets the fields on a response's headers.
    func apply(to headers: inout HTTPFields) {
        // The fields made once, not again from name and value: `headers[name] = value` makes a new `HTTPField`,
        // whose initialiser checks every byte of the value (the policy is 200 bytes), on every answer, twice
        // for the router's (the middleware, then the channel handler).
        for field in fields { headers[fields: field.name] = [field] }
    }
}

extension IntakeApp {
    /// The security headers of this daemon: forms may post to `public_url` and to each served
    /// portal's `intake_url`.
    var securityHeaders: SecurityHeaders {
        SecurityHeaders(
            https: config.https,
            formAddresses: [config.publicURL] + portals.values.map(\.portal.config.intakeURL).sorted())
    }
}

/// Puts ``SecurityHeaders`` on every final answer that leaves the connection, the ones written
/// below the router included (informational `100 Continue` is left alone).
///
/// First of the daemon's channel handlers, nearest the socket, so that the answers the others
/// write pass through it.
final class SecurityHeadersHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headers: SecurityHeaders

    init(_ headers: SecurityHeaders) {
        self.headers = headers
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var response) = unwrapOutboundIn(data), response.status.kind != .informational else {
            return context.write(data, promise: promise)
        }
        headers.apply(to: &response.headerFields)
        context.write(wrapOutboundOut(.head(response)), promise: promise)
    }
}
