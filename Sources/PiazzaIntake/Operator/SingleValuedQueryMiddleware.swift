import Hummingbird

/// The back office's one rule for query parameters: each is single-valued, so a name written twice
/// (`?dal=2026-11-01&dal=2026-12-01`) is refused with 422 before any handler reads it, instead of each
/// handler silently taking one of the values (Hummingbird's `queryParameters.get` takes the first) and
/// showing, exporting or closing a period the operator did not mean. No back-office form or link sends
/// a name twice.
struct SingleValuedQueryMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var seen: Set<Substring> = []
        for (name, _) in request.uri.queryParameters where !seen.insert(name).inserted {
            throw PageError(
                .unprocessableContent, portal: nil, "Indirizzo non valido",
                "Il parametro «\(name.prefix(40))» compare più di una volta nell'indirizzo: ogni parametro ha un solo valore. "
                    + "Torna alla pagina precedente e ripeti la ricerca dal modulo.")
        }
        return try await next(request, context)
    }
}
