import Foundation
import Hummingbird

/// The preview's answer to a page that does not exist under a portal (`/vigonza/nope/`): the portal's own
/// `404.html`, which every portal has (PRODUCT §5), with status 404 and the reload script, instead of an
/// empty body the browser shows as its bare error. An editor checking links sees what a citizen would, and
/// a tab left on a page just renamed keeps following the rebuilds. Between the live-reload middleware and
/// the file server; assets and addresses outside a portal keep the file server's answer.
struct NotFoundPageMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The served `site/` folder.
    let root: String
    let hub: ReloadHub

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        // Read before the file, as the live-reload middleware does.
        let generation = hub.generation
        do {
            let response = try await next(request, context)
            guard response.status == .notFound, let page = notFoundPage(for: request.uri.path) else { return response }
            return answer(page, generation: generation, head: request.method == .head)
        } catch let error as HTTPError where error.status == .notFound {
            guard let page = notFoundPage(for: request.uri.path) else { throw error }
            return answer(page, generation: generation, head: request.method == .head)
        }
    }

    /// The text of `<portal>/404.html` for a page address under a portal folder; `nil` for an asset (a name
    /// with an extension other than `.html`), an address outside any portal, or a portal without the page.
    func notFoundPage(for path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let portal = parts.first, parts.count > 1,
            portal.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        else { return nil }
        let last = parts.last ?? ""
        guard path.hasSuffix("/") || last.hasSuffix(".html") || !last.contains(".") else { return nil }
        guard let data = FileManager.default.contents(atPath: root + "/" + portal + "/404.html") else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private func answer(_ page: String, generation: Int, head: Bool) -> Response {
        let html = ByteBuffer(string: ReloadScript.inject(into: page, generation: generation))
        var response = Response(
            status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
            body: head ? .init() : .init(byteBuffer: html))
        response.headers[.contentLength] = String(html.readableBytes)
        return response
    }
}
