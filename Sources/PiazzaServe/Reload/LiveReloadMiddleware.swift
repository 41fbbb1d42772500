import Foundation
import Hummingbird

/// What `piazza serve` adds in front of its file server, and only there:
///
/// - `GET /_piazza/reload` (``ReloadScript/path``): the Server-Sent Events stream of rebuilds;
/// - while the last rebuild failed, every page (a path ending in `/` or `.html`) the failure concerns
///   (``PreviewFailure/covers(_:)``: all, or the broken portals' and the network home) answers 500 with the
///   overlay page of ``PreviewFailure``, assets still served;
/// - every HTML page served whole (200) gets the reload script before `</body>`, and, when `piazza check`
///   found problems in its portal after the last rebuild, the ``CheckPanel`` listing them;
/// - every response carries `Cache-Control: no-cache`, so a reloaded tab asks again for the styles
///   and images a rebuild may have changed (the file server's ETag still answers 304 when they did not).
struct LiveReloadMiddleware<Context: RequestContext>: RouterMiddleware {
    let hub: ReloadHub

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        if request.uri.path == ReloadScript.path {
            response = events(since: request.uri.queryParameters.get("since", as: Int.self) ?? 0)
        } else if let failure = hub.failure, Self.isPage(request.uri.path), failure.covers(request.uri.path) {
            let page = failure.overlayPage(reload: ReloadScript.tag(generation: hub.generation))
            response = Response(
                status: .internalServerError, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: page)))
        } else {
            // Read before the file, so a rebuild finishing meanwhile makes the tab reload once more.
            let generation = hub.generation
            response = try await next(request, context)
            if response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true {
                let panel = CheckPanel.html(hub.checks(of: Self.portal(of: request.uri.path)))
                response = try await withScript(
                    response, generation: generation, panel: panel, head: request.method == .head)
            }
        }
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    /// A page rather than an asset: what an editor opens in a tab.
    static func isPage(_ path: String) -> Bool {
        path.hasSuffix("/") || path.hasSuffix(".html")
    }

    /// The portal a path is under: its first component (`/vigonza/servizi/` → `vigonza`).
    static func portal(of path: String) -> String {
        path.split(separator: "/").first.map(String.init) ?? ""
    }

    private func events(since: Int) -> Response {
        let generations = hub.subscribe(since: since)
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                // A first comment sends the headers at once: EventSource reports the stream open.
                try await writer.write(ByteBuffer(string: ": piazza serve\nretry: 1000\n\n"))
                for await generation in generations {
                    try await writer.write(ByteBuffer(string: "event: reload\ndata: \(generation)\n\n"))
                }
                try await writer.finish(nil)
            })
    }

    /// `response` with the reload script inserted; a HEAD answer only has its length corrected.
    private func withScript(_ response: Response, generation: Int, panel: String, head: Bool) async throws -> Response {
        var response = response
        let tag = panel + ReloadScript.tag(generation: generation)
        if head {
            if let length = response.headers[.contentLength].flatMap(Int.init) {
                response.headers[.contentLength] = String(length + tag.utf8.count)
            }
            return response
        }
        let collector = Collector()
        try await response.body.write(collector)
        let page = ByteBuffer(
            string: ReloadScript.inject(
                into: String(decoding: collector.buffer.readableBytesView, as: UTF8.self), generation: generation,
                extra: panel))
        response.headers[.contentLength] = String(page.readableBytes)
        response.body = .init(byteBuffer: page)
        return response
    }

    /// Gathers a response body in memory (a built page: tens of kilobytes).
    private final class Collector: ResponseBodyWriter {
        var buffer = ByteBuffer()

        func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            self.buffer.writeBuffer(&buffer)
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
