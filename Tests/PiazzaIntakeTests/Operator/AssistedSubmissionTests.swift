import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Assisted submission: an operator fills the portal's form for a citizen through the online form's path")
struct AssistedSubmissionTests {
    typealias Browser = OperatorFixture

    static let url = "/operator/prova/moduli/domanda/nuova"

    /// Opens the assisted form as `anna`: the page, her session and the form's token and key.
    static func open(_ client: some TestClientProtocol) async throws -> (
        page: String, session: String, fields: [(String, String)]
    ) {
        let session = try await Browser.session(client, "anna")
        let response = try await Browser.get(client, url, session: session)
        #expect(response.status == .ok)
        let page = String(buffer: response.body)
        let key = try #require(page.range(of: #"name="_key" value=""#)).upperBound
        return (
            page, session,
            [("_csrf", try #require(Browser.token(response))), ("_key", String(page[key...].prefix { $0 != "\"" }))]
        )
    }

    @Test(
        "the form posts to the back office; it is stored with channel assisted and the operator, audited, 303 to the receipt"
    )
    func stored() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (page, session, hidden) = try await Self.open(client)
            #expect(page.contains(#"<form class="application-form" method="post" action="\#(Self.url)""#))
            let response = try await Browser.post(
                client, Self.url, hidden + IntakeFixture.fields(), cookies: [OperatorCookies.session: session])
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/r/"))
            let database = try #require(operators.app.portals["prova"]).database
            let stored = try #require(try await database.application(token: String(location.dropFirst(3))))
            #expect(stored.application.channel == .assisted)
            #expect(stored.events.map(\.actor) == ["anna"])
            #expect(stored.events.map(\.note) == [SubmissionChannel.assisted.submissionNote])
            #expect(stored.application.benefitCents == 25_000)
            let number = stored.application.number
            #expect(
                try await AuditRoutesTests.lines(database) == [
                    "anna submit_assisted \(number) domanda"
                ])
            // The receipt to print says how it was sent, never who sent it.
            let receipt = String(buffer: try await client.execute(uri: location, method: .get).body)
            #expect(receipt.contains(number) && receipt.contains("Domanda inviata con l&#39;aiuto di un operatore."))
            #expect(!receipt.contains("anna"))
            // A second click with the same key gives the same receipt, nothing new stored.
            let again = try await Browser.post(
                client, Self.url, hidden + IntakeFixture.fields(), cookies: [OperatorCookies.session: session])
            #expect(again.headers[.location] == location)
            #expect(try operators.fixture.applicationCount() == 1)
            // The queue links the form.
            let queue = String(
                buffer: try await Browser.get(client, "/operator/prova/?modulo=domanda", session: session).body)
            #expect(queue.contains(#"<a href="\#(Self.url)">Compila una domanda per conto di un cittadino</a>"#))
        }
    }

    @Test("without the session's token the post is refused 403 and nothing is stored")
    func csrf() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (_, session, hidden) = try await Self.open(client)
            let cookies = [OperatorCookies.session: session]
            for fields in [
                hidden.filter { $0.0 != "_csrf" }, [("_csrf", "sbagliato")] + hidden.filter { $0.0 == "_key" },
            ] {
                let response = try await Browser.post(
                    client, Self.url, fields + IntakeFixture.fields(), cookies: cookies)
                #expect(response.status == .forbidden)
            }
            let anonymous = try await Browser.post(client, Self.url, hidden + IntakeFixture.fields(), cookies: [:])
            #expect(anonymous.status == .forbidden)
            #expect(try operators.fixture.applicationCount() == 0)
        }
    }

    @Test("another portal's operator and a tutor get the 404 of an unknown path, for the form and the post")
    func otherPortal() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let bruno = try await Browser.session(client, "bruno")
            #expect(try await Browser.get(client, Self.url, session: bruno).status == .notFound)
            let own = try await Browser.get(client, "/operator/altro/moduli/domanda/nuova", session: bruno)
            #expect(own.status == .ok)
            let token = try #require(Browser.token(own))
            let response = try await Browser.post(
                client, Self.url, [("_csrf", token)] + IntakeFixture.fields(), cookies: [OperatorCookies.session: bruno]
            )
            #expect(response.status == .notFound)
            #expect(try operators.fixture.applicationCount() == 0)
            let tutor = try await Browser.session(client, "tutor")
            #expect(try await Browser.get(client, Self.url, session: tutor).status == .notFound)
            let anna = try await Browser.session(client, "anna")
            #expect(
                try await Browser.get(client, "/operator/prova/moduli/nessuno/nuova", session: anna).status == .notFound
            )
        }
    }

    @Test("invalid answers get the form again, 422, with the error summary naming the field and the values kept")
    func invalid() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (_, session, hidden) = try await Self.open(client)
            let response = try await Browser.post(
                client, Self.url, hidden + IntakeFixture.fields([("codice_fiscale", "BNCLRA90A41H501X")]),
                cookies: [OperatorCookies.session: session])
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains(#"<div class="error-summary" id="riepilogo-errori" role="alert" tabindex="-1">"#))
            #expect(page.contains(##"<li><a href="#f-codice-fiscale">Codice fiscale: "##))
            #expect(page.contains(#"value="BNCLRA90A41H501X""#) && page.contains(#"value="Maria Bianchi""#))
            #expect(page.contains(#"action="\#(Self.url)""#))
            #expect(Browser.token(response) == hidden.first { $0.0 == "_csrf" }?.1)
            #expect(try operators.fixture.applicationCount() == 0)
        }
    }
}
