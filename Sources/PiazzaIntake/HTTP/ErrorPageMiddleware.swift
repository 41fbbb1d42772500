import Hummingbird
import Logging
import NIOHTTP1
import PiazzaRender

/// Turns every error thrown further in into the page citizens see: a ``PageError`` in its portal's
/// look, any other HTTP error (the router's own 404, a refused `/metrics`) and any fault as the
/// minimal Italian page of its status. The one place an error becomes an answer.
///
/// A `HEAD` gets the same status and headers without the body, as its `GET` would.
///
/// A request whose bytes stop making HTTP (`HTTPParserError`, met while reading its body) gets no page: the
/// connection can no longer carry one, so the error goes on to Hummingbird, which closes it. A client that hangs up
/// before the end of its body (`invalidEOFState`: a phone losing its network, a closed tab) is normal life and is
/// logged at `info`; any other parser error (a client or proxy sending broken HTTP) stays an `error`. Neither log
/// names the path or anything posted.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    /// The served portals, by id, for their look.
    let portals: [String: PortalRuntime]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let parser as HTTPParserError {
            if parser == .invalidEOFState {
                context.logger.info("client closed the connection before the end of the request")
            } else {
                context.logger.error("request is not valid HTTP", metadata: ["error": "\(parser)"])
            }
            throw parser
        } catch {
            return answer(to: error, request: request, context: context)
        }
    }

    /// The page of `error`, any error but an `HTTPParserError`: for the middleware that must see the answer of an
    /// error before it leaves the router (``SiteReadableMiddleware``).
    func answer(to error: any Error, request: Request, context: Context) -> Response {
        switch error {
        case let page as PageError:
            return render(page, request: request, context: context)
        case let other as any HTTPResponseError:
            return render(PageError(status: other.status), request: request, context: context)
        case let theme as ThemeError:
            // A theme's fault names the template and the keys, never what was posted: the operator fixes it.
            context.logger.error("template failed", metadata: ["error": "\(theme.message)"])
        default:
            // The type only: errors may quote what was posted.
            context.logger.error("request failed", metadata: ["error": "\(type(of: error))"])
        }
        return render(PageError(status: .internalServerError), request: request, context: context)
    }

    private func render(_ error: PageError, request: Request, context: Context) -> Response {
        var response = error.response(from: request, context: context)
        if let portal = error.portal.flatMap({ portals[$0] }) {
            do {
                response = .page(
                    error.status, try portal.pages.message(error.title, error.text, link: error.link),
                    headers: error.headers)
            } catch {
                context.logger.error("theme failed", metadata: ["error": "\(error)"])
            }
        }
        return request.method == .head ? response.createHeadResponse() : response
    }
}
