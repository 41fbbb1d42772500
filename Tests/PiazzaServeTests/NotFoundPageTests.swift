import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import PiazzaServe

/// Finding 20 of session 13: the preview answers a missing page with the portal's 404 page.
@Suite("A missing page of a portal answers the portal's 404 page in the preview")
struct NotFoundPageTests {
    static let notFound = "<!doctype html><html lang=\"it\"><body><h1>Pagina non trovata</h1></body></html>\n"

    @Test("a missing page under a portal is its 404.html with status 404 and the reload script; others stay bare")
    func portalPage() async throws {
        let folder = try ScratchFolder()
        try folder.write("<html><body>Vigonza</body></html>\n", to: "vigonza/index.html")
        try folder.write(Self.notFound, to: "vigonza/404.html")
        let hub = ReloadHub()
        hub.publish(failure: nil)
        let server = PreviewServer(root: folder.url.path, port: 0, hub: hub, logger: Logger(label: "test"))
        let expected = Self.notFound.replacingOccurrences(
            of: "</body>", with: ReloadScript.tag(generation: 1) + "</body>")
        try await server.buildApplication().test(.router) { client in
            for uri in ["/vigonza/nope/", "/vigonza/notizie/rinominata/index.html", "/vigonza/nope"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(String(decoding: response.body.readableBytesView, as: UTF8.self) == expected, "\(uri)")
                    #expect(response.headers[.cacheControl] == "no-cache")
                }
            }
            for uri in ["/vigonza/assets/nope.css", "/altro/nope/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.body.readableBytes == 0, "\(uri)")
                }
            }
        }
    }
}
