import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// Which pages may post citizen forms, bookings and feedback to the daemon (``PostOrigins``): the
/// portal's site (`base_url` https://welfare.example.it), the daemon's own addresses (`intake_url`
/// https://servizi.example.it, `public_url` http://127.0.0.1:8081) and `site_origins`; any other
/// `Origin`, `null` included, is refused with 403 and nothing is stored.
@Suite("The origins that may post citizen forms")
struct PostOriginTests {
    /// A citizen's post route of the daemon, with a valid post and its table.
    enum Route: String, CaseIterable, CustomTestStringConvertible {
        case form, booking, feedback

        var uri: String {
            switch self {
            case .form: "/forms/prova/domanda"
            case .booking: "/bookings/prova/lezioni/\(BookingPostTests.slot)"
            case .feedback: "/feedback/prova"
            }
        }

        var fields: [(String, String)] {
            switch self {
            case .form: IntakeFixture.valid
            case .booking: BookingPostTests.valid
            case .feedback: FeedbackPostTests.valid
            }
        }

        var table: String {
            switch self {
            case .form: "applications"
            case .booking: "bookings"
            case .feedback: "feedback"
            }
        }

        var testDescription: String { rawValue }
    }

    static func post(_ client: some TestClientProtocol, _ route: Route, origin: String?) async throws -> TestResponse {
        var headers = IntakeFixture.formHeaders
        if let origin { headers[.origin] = origin }
        return try await client.execute(
            uri: route.uri, method: .post, headers: headers, body: IntakeFixture.body(route.fields))
    }

    static func rows(_ fixture: IntakeFixture, _ route: Route) throws -> Int {
        try fixture.query { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(route.table)")! }
    }

    @Test(
        "a post from the portal's site, the daemon's own pages or without Origin is stored",
        arguments: Route.allCases,
        [
            "https://welfare.example.it", "HTTPS://Welfare.Example.it:443", "https://servizi.example.it",
            "http://127.0.0.1:8081", nil,
        ])
    func accepted(route: Route, origin: String?) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.post(client, route, origin: origin)
            #expect(response.status == .seeOther)
            #expect(try Self.rows(fixture, route) == 1)
        }
    }

    @Test(
        "a post from another site, another port or scheme of the portal's host, or Origin null is refused with 403",
        arguments: Route.allCases,
        [
            "https://attacker.example", "null", "http://welfare.example.it", "https://welfare.example.it:8443",
            "https://welfare.example.it.attacker.example",
        ])
    func refused(route: Route, origin: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.post(client, route, origin: origin)
            #expect(response.status == .forbidden)
            let page = String(buffer: response.body)
            #expect(page.contains("Invio non accettato"))
            #expect(page.contains("Apri la pagina dal sito del portale e invia di nuovo."))
            #expect(try Self.rows(fixture, route) == 0)
        }
    }

    @Test("the site_origins of piazza.yaml may post too; an address with a path is refused at its key")
    func configuredOrigins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-origins-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try IntakeFixture.writeContent(at: folder.appendingPathComponent("content"))
        let theme = IntakeFixture.repository.appendingPathComponent("themes/default").path
        let config = try DaemonConfig.parse(
            "content: content\ntheme: \(theme)\nsite_origins: [\"https://prova.example.it:8443\"]\n",
            file: "piazza.yaml", base: folder)
        #expect(config.siteOrigins == ["https://prova.example.it:8443"])
        let tree = try ContentTree.load(from: folder.appendingPathComponent("content"))
        let portal = try #require(tree.portals.first { $0.id == "prova" })
        let origins = PostOrigins(addresses: [config.publicURL] + config.siteOrigins)
        #expect(origins.allows("https://prova.example.it:8443", portal: portal))
        #expect(!origins.allows("https://prova.example.it", portal: portal))
        let refused = #expect(throws: DaemonConfigError.self) {
            try DaemonConfig.parse(
                "content: content\ntheme: \(theme)\nsite_origins: [\"https://prova.example.it/moduli/\"]\n",
                file: "piazza.yaml", base: folder)
        }
        #expect(
            refused?.diagnostics.map(\.description) == [
                "piazza.yaml:3:1: error: `site_origins` has 'https://prova.example.it/moduli/', which is not an "
                    + "origin; write scheme and host only, with the port if any, e.g. https://staging.welfare.example.it"
            ])
    }
}
