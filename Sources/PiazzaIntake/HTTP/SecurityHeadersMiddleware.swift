import Hummingbird

/// Sets the daemon's security headers on every response.
///
/// The router adds it first, so it wraps everything else, ``ErrorPageMiddleware`` included (which
/// turns every error into a page): no answer leaves without its headers.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    /// Whether citizens reach the daemon over HTTPS (adds `Strict-Transport-Security`).
    let https: Bool

    /// The headers of every response; pages load only the daemon's own styles and scripts.
    static let headers: HTTPFields = [
        .init("X-Content-Type-Options")!: "nosniff",
        .init("Referrer-Policy")!: "no-referrer",
        .init("X-Frame-Options")!: "DENY",
        .contentSecurityPolicy:
            "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; form-action 'self' https:; frame-ancestors 'none'",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        for field in Self.headers { response.headers[field.name] = field.value }
        if https { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}
