import Hummingbird
import PiazzaRender

/// A request that ends on a message page: what handlers throw instead of building the answer.
///
/// ``ErrorPageMiddleware`` renders it in the look of ``portal`` (the portal the path belongs to),
/// or as the minimal Italian page outside any portal. Its own ``response(from:context:)`` is that
/// minimal page, so it is a complete answer even where the middleware does not run.
/// The title and text are for citizens: Italian, with what happened and what to do.
struct PageError: HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    /// The portal whose look the page takes; `nil` outside any portal.
    var portal: String?
    /// The page's heading, e.g. `Il bando è chiuso`.
    var title: String
    /// One paragraph: what happened and what to do.
    var text: String
    /// Headers the answer needs (`Retry-After`, `Allow`).
    var headers: HTTPFields
    /// The page where the reader does what ``text`` says, linked under it in the portal's look (its `url`
    /// already under public_url's path, ``Redirect/path(_:)``).
    var link: MessagePage.Link?

    init(
        _ status: HTTPResponse.Status, portal: String?, _ title: String, _ text: String, headers: HTTPFields = [:],
        link: MessagePage.Link? = nil
    ) {
        self.status = status
        self.portal = portal
        self.title = title
        self.text = text
        self.headers = headers
        self.link = link
    }

    /// The page for an error that is not a ``PageError``: the router's own 404, a refused
    /// `/metrics`, a fault (the status only; the text never quotes the error).
    init(status: HTTPResponse.Status) {
        switch status {
        case .notFound:
            self.init(status, portal: nil, "Pagina non trovata", "Questo indirizzo non corrisponde a nessuna pagina.")
        case _ where status.kind == .serverError:
            self.init(
                status, portal: nil, "Servizio non disponibile",
                "Si è verificato un errore. Riprova tra qualche minuto.")
        default:
            self.init(status, portal: nil, "Richiesta non valida", "Questa richiesta non può essere accolta.")
        }
    }

    func response(from request: Request, context: some RequestContext) -> Response {
        .page(status, Pages.plain(title, text), headers: headers)
    }
}
