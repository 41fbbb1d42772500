import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Citizen text is always escaped when echoed")
struct EscapingTests {
    static let payloads = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)",
        "</textarea><svg onload=alert(1)>", "javascript:alert(1)//<b>&amp;</b>",
    ]

    /// Every free-text input of the fixture form.
    static let textFields = ["nome", "indirizzo", "note", "componenti.0.nome"]

    @Test("XSS payloads in every text field come back escaped on the 422 page", arguments: payloads)
    func invalidPage(payload: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let fields = IntakeFixture.fields(Self.textFields.map { ($0, payload) } + [("codice_fiscale", payload)])
            let response = try await IntakeFixture.post(client, fields)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(!page.contains(payload))
            #expect(page.contains(IntakeFixture.escaped(payload)))
        }
    }

    @Test("XSS payloads in every text field come back escaped on the receipt", arguments: payloads)
    func receipt(payload: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(
                client, IntakeFixture.fields(Self.textFields.map { ($0, payload) }))
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let receipt = try await client.execute(uri: location, method: .get)
            let page = String(buffer: receipt.body)
            #expect(receipt.status == .ok)
            #expect(!page.contains(payload))
            #expect(page.components(separatedBy: IntakeFixture.escaped(payload)).count - 1 == Self.textFields.count)
        }
    }
}
