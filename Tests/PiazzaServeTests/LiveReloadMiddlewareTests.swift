import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import Testing

@testable import PiazzaServe

@Suite("The preview server adds live reload to the pages it serves")
struct LiveReloadMiddlewareTests {
    static let page = "<!doctype html><html lang=\"it\"><body><h1>Vigonza</h1></body></html>\n"

    /// A site folder with one page and one stylesheet, served by a ``PreviewServer`` following `hub`.
    private func withPreview(
        _ hub: ReloadHub, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let folder = try ScratchFolder()
        try folder.write(Self.page, to: "vigonza/index.html")
        try folder.write("body{color:#000}\n", to: "vigonza/assets/style.css")
        let server = PreviewServer(root: folder.url.path, port: 0, hub: hub, logger: Logger(label: "test"))
        try await server.buildApplication().test(.router) { client in try await body(client) }
    }

    @Test("a page gets the reload script of its generation before </body>, and no-cache")
    func pageGetsScript() async throws {
        let hub = ReloadHub()
        hub.publish(failure: nil)
        try await withPreview(hub) { client in
            try await client.execute(uri: "/vigonza/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-cache")
                let expected = Self.page.replacingOccurrences(
                    of: "</body>", with: ReloadScript.tag(generation: 1) + "</body>")
                #expect(String(decoding: response.body.readableBytesView, as: UTF8.self) == expected)
                #expect(response.headers[.contentLength] == String(expected.utf8.count))
                #expect(expected.contains("new EventSource(\"/_piazza/reload?since=1\")"))
            }
            try await client.execute(uri: "/vigonza/index.html", method: .head) { response in
                #expect(
                    response.headers[.contentLength]
                        == String(Self.page.utf8.count + ReloadScript.tag(generation: 1).utf8.count))
            }
        }
    }

    @Test("a stylesheet is served as written")
    func assetUntouched() async throws {
        try await withPreview(ReloadHub()) { client in
            try await client.execute(uri: "/vigonza/assets/style.css", method: .get) { response in
                #expect(String(decoding: response.body.readableBytesView, as: UTF8.self) == "body{color:#000}\n")
                #expect(response.headers[.cacheControl] == "no-cache")
            }
        }
    }

    @Test("while the last rebuild failed, pages answer 500 with the overlay: file:line:col, message escaped")
    func overlay() async throws {
        let hub = ReloadHub()
        let diagnostic = Diagnostic(
            file: "vigonza/notizie/avviso.md", line: 3, column: 8,
            message: "date: \"<b>ieri</b>\" is not a date; write it as 2026-11-30")
        var diagnostics = DiagnosticList()
        diagnostics.append(diagnostic)
        hub.publish(failure: PreviewFailure(ContentError(diagnostics)))
        try await withPreview(hub) { client in
            try await client.execute(uri: "/vigonza/", method: .get) { response in
                #expect(response.status == .internalServerError)
                let html = String(decoding: response.body.readableBytesView, as: UTF8.self)
                #expect(html.contains("<title>Errori nei contenuti: 1 — anteprima piazza</title>"))
                #expect(html.contains("<code>vigonza/notizie/avviso.md:3:8</code> <strong>errore</strong>"))
                #expect(
                    html.contains(
                        "<p>date: &quot;&lt;b&gt;ieri&lt;/b&gt;&quot; is not a date; write it as 2026-11-30</p>"))
                #expect(html.contains(ReloadScript.tag(generation: 1)))
            }
            try await client.execute(uri: "/vigonza/assets/style.css", method: .get) { response in
                #expect(response.status == .ok)
            }
            hub.publish(failure: nil)
            try await client.execute(uri: "/vigonza/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(decoding: response.body.readableBytesView, as: UTF8.self).contains("<h1>Vigonza</h1>"))
            }
        }
    }

    @Test("the event stream sends a tab behind the current generation one reload at once")
    func eventStream() async throws {
        let hub = ReloadHub()
        hub.publish(failure: nil)
        try await withPreview(hub) { client in
            let closer = Task {
                try await Task.sleep(for: .milliseconds(300))
                hub.close()
            }
            try await client.execute(uri: "/_piazza/reload?since=0", method: .get) { response in
                #expect(response.headers[.contentType] == "text/event-stream")
                #expect(
                    String(decoding: response.body.readableBytesView, as: UTF8.self)
                        == ": piazza serve\nretry: 1000\n\nevent: reload\ndata: 1\n\n")
            }
            try await closer.value
        }
    }
}
