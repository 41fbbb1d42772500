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
}
