import Hummingbird

/// Lets only `metrics_allow` read `/metrics`; every other client gets the same 404 as an unknown
/// path, so the endpoint is not advertised.
///
/// The client is identified by ``ClientAddress``, the rule rate limiting uses: the peer, or behind
/// a trusted proxy the last `X-Forwarded-For` hop, which the proxy writes itself.
struct MetricsAccessMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    let allowed: [AddressRange]
    let client: ClientAddress

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let address = client(request, context: context)
        guard allowed.contains(where: { $0.contains(address) }) else { throw HTTPError(.notFound) }
        return try await next(request, context)
    }
}
