import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaRender
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

    @Test("a template that cannot render answers 500 and the log names the template and the keys, nothing posted")
    func templateFault() async throws {
        let fixture = try IntakeFixture()
        let lines = ExportWorkingFilesTests.Lines()
        let router = Router(context: IntakeContext.self)
        router.add(middleware: ErrorPageMiddleware(portals: fixture.app.portals))
        router.get("receipt") { _, _ -> Response in
            _ = try fixture.app.themes.base.render("message", ["secret": "BNCLRA90A41H501F"])
            return Response(status: .ok)
        }
        let logger = Logger(label: "test") { _ in ExportWorkingFilesTests.Recorder(lines: lines) }
        try await Application(router: router, logger: logger).test(.router) { client in
            let response = try await client.execute(uri: "/receipt", method: .get)
            #expect(response.status == .internalServerError)
        }
        let logged = lines.list.withLock { $0 }.filter { $0.contains("template failed") }
        #expect(logged.count == 1)
        #expect(logged.first?.hasPrefix("error template failed error=/") == true)
        #expect(logged.first?.contains("/templates/") == true && logged.first?.contains(".mustache:") == true)
        #expect(logged.first?.contains(": template 'message' uses '") == true)
        #expect(logged.first?.contains("which the page does not provide") == true)
        #expect(logged.first?.contains("BNCLRA90A41H501F") == false)
    }
}
