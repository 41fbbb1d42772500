import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The published site's origin is one rule (``PostOrigins/site(of:)``) for every answer its scripts read:
/// the seats left of a calendar, the clarity feedback's JSON and its preflight. A browser compares
/// `Access-Control-Allow-Origin` with its `Origin` byte for byte, so the header must be the origin as a
/// browser writes it: lower case, without the scheme's default port, whatever `base_url` says.
@Suite("The published site's origin in CORS answers")
struct SiteOriginTests {
    /// Sets the fixture portal's `base_url` to `baseURL`.
    static func setBaseURL(_ baseURL: String, in fixture: IntakeFixture) throws {
        let file = fixture.config.contentFolder.appendingPathComponent("prova/portal.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "base_url: https://welfare.example.it", with: "base_url: \(baseURL)")
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test(
        "availability.json, the feedback's JSON and its preflight allow the site's origin as a browser writes it",
        arguments: ["https://welfare.example.it:443", "https://WELFARE.Example.it", "https://welfare.example.it:443/"])
    func browserOrigin(baseURL: String) async throws {
        let fixture = try IntakeFixture()
        try Self.setBaseURL(baseURL, in: fixture)
        try await fixture.app { _ in }.buildApplication().test(.router) { client in
            let seats = try await client.execute(uri: "/bookings/prova/lezioni/availability.json", method: .get)
            #expect(seats.headers[.accessControlAllowOrigin] == "https://welfare.example.it")
            let answer = try await FeedbackPostTests.post(client, [("pagina", "/"), ("valutazione", "5")], json: true)
            #expect(answer.status == .ok)
            #expect(answer.headers[.accessControlAllowOrigin] == "https://welfare.example.it")
            let preflight = try await client.execute(
                uri: "/feedback/prova", method: .options,
                headers: [.origin: "https://welfare.example.it", .accessControlRequestMethod: "POST"])
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://welfare.example.it")
        }
    }

    @Test("every answer of availability.json and of the feedback post carries the site's origin, errors included")
    func errorAnswers() async throws {
        let fixture = try IntakeFixture(limits: .init(bodyBytes: 2048, fileBytes: 1024, perIPPerMinute: 2))
        let site = "https://welfare.example.it"
        try await fixture.app.buildApplication().test(.router) { client in
            let unknown = try await client.execute(uri: "/bookings/prova/nessuno/availability.json", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.accessControlAllowOrigin] == site)
            let large = try await FeedbackPostTests.post(
                client, [("pagina", "/"), ("valutazione", "5"), ("commento", String(repeating: "x", count: 3000))],
                json: true)
            #expect(large.status == .contentTooLarge)
            #expect(large.headers[.accessControlAllowOrigin] == site)
            _ = try await FeedbackPostTests.post(client, [("pagina", "/"), ("valutazione", "5")], json: true)
            let limited = try await FeedbackPostTests.post(client, [("pagina", "/"), ("valutazione", "5")], json: true)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.accessControlAllowOrigin] == site)
            // A database that fails (here closed) answers 500, still readable by the calendar page's script.
            try await #require(fixture.app.portals["prova"]).database.close()
            let failed = try await client.execute(uri: "/bookings/prova/lezioni/availability.json", method: .get)
            #expect(failed.status == .internalServerError)
            #expect(failed.headers[.accessControlAllowOrigin] == site)
            // Another portal's name is no site's: no origin.
            let other = try await client.execute(uri: "/bookings/altro/lezioni/availability.json", method: .get)
            #expect(other.status == .notFound)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
