import Hummingbird
import NIOHTTP1

/// Lets the published site's scripts read every answer of a route they fetch (`availability.json`, the
/// clarity feedback's post): `Access-Control-Allow-Origin` is the site of the path's `{portal}`
/// (``PostOrigins/site(of:)``) on the answer whatever it is, an error page included (404, 413, 429, a
/// database that fails). Without it, a browser hands the script a network error instead of the status,
/// and the page cannot tell a full slot from a daemon that is busy.
///
/// It renders the errors itself through ``ErrorPageMiddleware/answer(to:request:context:)`` (the one place an
/// error becomes an answer), since an error thrown past it would get its page only further out. A CORS preflight
/// (`OPTIONS`) keeps its own answer, which allows the site's origin only when the browser names it.
struct SiteReadableMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    /// The served portals, by id, for their sites and their look.
    let portals: [String: PortalRuntime]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let parser as HTTPParserError {
            // No answer can follow: ErrorPageMiddleware, further out, logs it and lets the connection close.
            throw parser
        } catch {
            response = ErrorPageMiddleware(portals: portals).answer(to: error, request: request, context: context)
        }
        if request.method != .options, let runtime = context.parameters.get("portal").flatMap({ portals[$0] }),
            let site = PostOrigins.site(of: runtime.portal)
        {
            response.headers[.accessControlAllowOrigin] = site
        }
        return response
    }
}
