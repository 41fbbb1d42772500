import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Typed text through the daemon: bounded, normalised, shown the Italian way")
struct TypedTextPostTests {
    @Test("an IBAN pasted with zero-width spaces and a byte order mark is accepted and stored normalised")
    func pastedIBAN() async throws {
        let fixture = try IntakeFixture()
        let iban = "\u{FEFF}IT60\u{200B}X054\u{200B}2811\u{200B}1010\u{200B}0000\u{200B}0123\u{200B}456"
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(
                client, IntakeFixture.fields([("iban", iban), ("codice_fiscale", "BNCLRA90A41H501F\u{200B}")]))
            #expect(response.status == .seeOther)
            let answers = try #require(
                try fixture.query { db in try String.fetchOne(db, sql: "SELECT answers FROM applications") })
            #expect(answers.contains(#""text":"IT60X0542811101000000123456""#))
            #expect(answers.contains(#""text":"BNCLRA90A41H501F""#))
            #expect(!answers.contains("\u{200B}") && !answers.contains("\u{FEFF}"))
        }
    }

    @Test("a number typed with three decimals is shown on the receipt as typed, not a thousand times larger")
    func threeDecimals() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields([("superficie", "12,345")]))
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let page = String(buffer: try await client.execute(uri: location, method: .get).body)
            #expect(page.contains("12,345"))
            #expect(!page.contains("12.345"))
        }
    }

    @Test("a 422 page keeps a number as the citizen typed it and announces the bound with a decimal comma")
    func keptValue() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields([("superficie", "0,250")]))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("value=\"0,250\""))
            #expect(page.contains("Il numero deve essere almeno 0,5."))
        }
    }
}
