import Hummingbird

/// The back office's rule for where a `POST` may come from: a browser's `Origin` must be one of the
/// daemon's own origins (`public_url`, a portal's `intake_url`, ``PostOrigins/common``), since every
/// back-office form is a page of the daemon; anything else, `Origin: null` included, is refused with 403
/// before the handler reads the body. The login form too: with its signed token
/// (``OperatorCookies/loginToken(for:)``) this keeps another site from logging a browser into an account
/// of its choice. A post without `Origin` is not a browser's post from another page and goes on to the
/// `_csrf` check, as for the citizens' posts (``PostOrigins``).
struct OperatorOriginMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    let origins: PostOrigins

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if request.method == .post, let origin = request.headers[.origin],
            !(PostOrigins.normalised(origin).map(origins.common.contains) ?? false)
        {
            throw PageError(
                .forbidden, portal: nil, "Richiesta non valida",
                "Il modulo è stato inviato da una pagina che non è del back office. "
                    + "Apri il back office dal suo indirizzo e ripeti l'operazione.")
        }
        return try await next(request, context)
    }
}
