import Foundation
import Hummingbird
import HummingbirdTesting
import ItalianIdentifiers
import PiazzaContent
import Testing

@testable import PiazzaIntake

@Suite("GDPR access: an admin downloads everything a portal holds about one codice fiscale, and nothing else")
struct SubjectAccessTests {
    typealias Browser = OperatorFixture

    static let maria = "BNCLRA90A41H501F"
    /// Mario Rossi of 1945, Maria's household member in her application.
    static let mario = "RSSMRA45D25F205N"
    /// Another Mario Rossi: the same first six letters as Mario of 1945.
    static let otherMario = "RSSMRA80A01H501U"

    /// Posts `codice_fiscale` to the portal's subject access route with the session's token.
    static func export(
        _ client: some TestClientProtocol, portal: String, code: String, session: String
    ) async throws -> TestResponse {
        let form = try await Browser.get(client, "/operator/\(portal)/interessato", session: session)
        return try await Browser.post(
            client, "/operator/\(portal)/interessato",
            [("_csrf", Browser.token(form) ?? ""), ("codice_fiscale", code)],
            cookies: [OperatorCookies.session: session])
    }

    /// `numero → ruolo` of the export's cases, and the JSON text.
    static func cases(_ response: TestResponse) throws -> (roles: [String: String], text: String) {
        let text = String(buffer: response.body)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cases = try #require(json["pratiche"] as? [[String: Any]])
        return (
            Dictionary(
                uniqueKeysWithValues: cases.map { ($0["numero"] as? String ?? "", $0["ruolo"] as? String ?? "") }),
            text
        )
    }

    @Test("the applicant's case comes whole, a household member's only with their row, another person's never")
    func export() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            // Maria applies naming Mario of 1945; Manuela applies alone; the other Mario applies naming Maria.
            let hers = try await Browser.submit(client, portal: "prova")
            _ = try await Browser.submit(
                client, portal: "prova",
                [
                    ("nome", "Manuela Ricci"), ("codice_fiscale", "RCCMNL83S18D969H"),
                    ("componenti.0.nome", "Giuseppe Verdi"),
                    ("componenti.0.codice_fiscale", "VRDGPP13R10B293P"),
                ])
            let his = try await Browser.submit(
                client, portal: "prova",
                [
                    ("nome", "Mario Rossi junior"), ("codice_fiscale", Self.otherMario),
                    ("componenti.0.nome", "Maria Bianchi"),
                    ("componenti.0.codice_fiscale", Self.maria),
                ])
            // The office wrote to Maria, accepted and paid her case.
            let database = try #require(operators.app.portals["prova"]).database
            _ = try await database.addMessage(
                number: hers, text: "Serve la copia dell'ISEE", author: "anna", at: IntakeFixture.now)
            for state in [ApplicationState.takenInCharge, .accepted] {
                _ = try await database.changeState(
                    number: hers, to: state, reason: nil, actor: "anna", at: IntakeFixture.now)
            }
            _ = try await database.markPaid(
                numbers: [hers], on: try ItalianDate("2026-05-30"), reference: "Mandato 12", actor: "anna",
                at: IntakeFixture.now)
            let capo = try await Browser.session(client, "capo")

            let response = try await Self.export(client, portal: "prova", code: Self.maria, session: capo)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"interessato-prova.json\"")
            let maria = try Self.cases(response)
            #expect(maria.roles == [hers: "richiedente", his: "componente del nucleo"])
            #expect(maria.text.contains("Mario Rossi") && maria.text.contains("\"numero\" : \"\(hers)\""))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(maria.text.utf8)) as? [String: Any])
            let whole = try #require((json["pratiche"] as? [[String: Any]])?.first { $0["numero"] as? String == hers })
            let messages = try #require(whole["messaggi"] as? [[String: Any]])
            #expect(messages.map { $0["testo"] as? String } == ["Serve la copia dell'ISEE"])
            #expect(messages.map { $0["il"] as? String } == ["2026-06-01T10:00:00Z"])
            let payment = try #require(whole["pagamento"] as? [String: Any])
            #expect(payment["importo_centesimi"] as? Int == 25_000 && payment["pagato_il"] as? String == "2026-05-30")
            #expect(payment["riferimento"] as? String == "Mandato 12")
            for stranger in ["Manuela", "RCCMNL83S18D969H", "Mario Rossi junior", Self.otherMario] {
                #expect(!maria.text.contains(stranger), "\(stranger)")
            }
            // An omocodic variant of Maria's code finds the same cases.
            let variant = try CodiceFiscale(Self.maria).omocodicVariant(substitutions: 1).value
            #expect(
                try Self.cases(try await Self.export(client, portal: "prova", code: variant, session: capo)).roles
                    == maria.roles)

            let mario = try Self.cases(try await Self.export(client, portal: "prova", code: Self.mario, session: capo))
            #expect(mario.roles == [hers: "componente del nucleo"])
            #expect(!mario.text.contains("Maria Bianchi") && !mario.text.contains(Self.maria))
            // A household member gets neither the messages nor the payment of Maria's case.
            #expect(!mario.text.contains("Serve la copia") && !mario.text.contains("Mandato 12"))

            // Another portal holds nothing about her; the export is logged there and here, without the code.
            let elsewhere = try await Self.export(client, portal: "altro", code: Self.maria, session: capo)
            #expect(try Self.cases(elsewhere).roles.isEmpty)
            let log = try await operators.app.portals["prova"]!.database.auditPage(before: nil, limit: 100)
            #expect(
                log.filter { $0.action == "subject_access" }.map { $0.detail ?? "" } == [
                    "pratiche: 1", "pratiche: 2", "pratiche: 2",
                ])
            #expect(!log.contains { ($0.detail ?? "").contains(Self.maria) })
        }
    }

    @Test("a malformed code gets the form again, 422; an operator's post gets the 404 of an unknown path")
    func refusals() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let capo = try await Browser.session(client, "capo")
            let bad = try await Self.export(client, portal: "prova", code: "BNCLRA90A41H501X", session: capo)
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains(#"value="BNCLRA90A41H501X" aria-invalid="true""#))
            let anna = try await Browser.session(client, "anna")
            let home = try await Browser.get(client, "/operator/", session: anna)
            let refused = try await Browser.post(
                client, "/operator/prova/interessato",
                [("_csrf", Browser.token(home) ?? ""), ("codice_fiscale", Self.maria)],
                cookies: [OperatorCookies.session: anna])
            #expect(refused.status == .notFound)
            #expect(try await operators.app.portals["prova"]!.database.auditPage(before: nil, limit: 10).isEmpty)
        }
    }
}
