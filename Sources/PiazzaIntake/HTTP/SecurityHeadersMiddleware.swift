import Hummingbird

/// Sets the daemon's ``SecurityHeaders`` on every response of the router.
///
/// The router adds it first, so it wraps everything else, ``ErrorPageMiddleware`` included (which
/// turns every error into a page): no answer leaves without its headers. Answers written below
/// the router get the same list from ``SecurityHeadersHandler``.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    let headers: SecurityHeaders

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        headers.apply(to: &response.headers)
        return response
    }
}
