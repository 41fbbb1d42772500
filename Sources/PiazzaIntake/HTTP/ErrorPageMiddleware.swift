import Hummingbird
import Logging
import PiazzaRender

/// Turns every error thrown further in into the page citizens see: a ``PageError`` in its portal's
/// look, any other HTTP error (the router's own 404, a refused `/metrics`) and any fault as the
/// minimal Italian page of its status. The one place an error becomes an answer.
///
/// A `HEAD` gets the same status and headers without the body, as its `GET` would.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    /// The served portals, by id, for their look.
    let portals: [String: PortalRuntime]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let error: PageError
        do {
            return try await next(request, context)
        } catch let page as PageError {
            error = page
        } catch let other as any HTTPResponseError {
            error = PageError(status: other.status)
        } catch let theme as ThemeError {
            // A theme's fault names the template and the keys, never what was posted: the operator fixes it.
            context.logger.error("template failed", metadata: ["error": "\(theme.message)"])
            return render(PageError(status: .internalServerError), request: request, context: context)
        } catch {
            // The type only: errors may quote what was posted.
            context.logger.error("request failed", metadata: ["error": "\(type(of: error))"])
            return render(PageError(status: .internalServerError), request: request, context: context)
        }
        return render(error, request: request, context: context)
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
