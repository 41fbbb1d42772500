import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Every error becomes a page")
struct ErrorPageTests {
    @Test("an unknown path outside any portal answers the Italian minimal 404 page, HEAD without its body")
    func unknownPath() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let get = try await client.execute(uri: "/nowhere", method: .get)
            #expect(get.status == .notFound)
            #expect(get.headers[.contentType] == "text/html; charset=utf-8")
            let body = String(buffer: get.body)
            #expect(body.contains(#"<html lang="it">"#) && body.contains("<h1>Pagina non trovata</h1>"))
            #expect(!body.contains("Prova Welfare"))
            let head = try await client.execute(uri: "/nowhere", method: .head)
            #expect(
                head.status == .notFound && head.headers.withoutDate == get.headers.withoutDate
                    && head.body.readableBytes == 0)
        }
    }

    @Test("a refused /metrics answers exactly the page of an unknown path")
    func metricsLikeUnknown() async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app { $0.trustedProxies = AddressRange.loopback }
        try await app.buildApplication().test(.live) { client in
            let outside: HTTPFields = [.init("X-Forwarded-For")!: "203.0.113.7"]
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: outside)
            let unknown = try await client.execute(uri: "/nowhere", method: .get, headers: outside)
            #expect(metrics.status == .notFound)
            #expect(String(buffer: metrics.body) == String(buffer: unknown.body))
        }
    }

    @Test("a PageError of a served portal is in its look; outside any portal it is the minimal page")
    func themedOrPlain() async throws {
        let fixture = try IntakeFixture()
        let middleware = ErrorPageMiddleware(portals: fixture.app.portals)
        let router = Router(context: IntakeContext.self)
        router.add(middleware: middleware)
        router.get("themed") { _, _ -> Response in throw PageError(.gone, portal: "prova", "Titolo", "Testo.") }
        router.get("plain") { _, _ -> Response in throw PageError(.gone, portal: "altro", "Titolo", "Testo.") }
        router.get("fault") { _, _ -> Response in throw CancellationError() }
        try await Application(router: router).test(.router) { client in
            let themed = try await client.execute(uri: "/themed", method: .get)
            #expect(themed.status == .gone && String(buffer: themed.body).contains("Prova Welfare"))
            let plain = try await client.execute(uri: "/plain", method: .get)
            #expect(String(buffer: plain.body) == Pages.plain("Titolo", "Testo."))
            let fault = try await client.execute(uri: "/fault", method: .get)
            #expect(fault.status == .internalServerError)
            #expect(String(buffer: fault.body).contains("Servizio non disponibile"))
        }
    }
}
