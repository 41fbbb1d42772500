import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Istruttoria workflow: allowed steps, reasons, history, the case page's forms and the receipt")
struct OperatorWorkflowTests {
    typealias Browser = OperatorFixture

    /// The contract's steps, written out here independently of ``Workflow/next(from:)``.
    static let allowed: [ApplicationState: Set<ApplicationState>] = [
        .submitted: [.takenInCharge, .withdrawn],
        .takenInCharge: [.integrationRequested, .accepted, .rejected, .withdrawn],
        .integrationRequested: [.integrated, .rejected, .withdrawn],
        .integrated: [.integrationRequested, .accepted, .rejected, .withdrawn],
    ]

    @Test(
        "every pair of states is allowed or refused as the contract says",
        arguments: ApplicationState.allCases, ApplicationState.allCases)
    func transition(from: ApplicationState, to: ApplicationState) {
        let expected = Self.allowed[from, default: []].contains(to)
        #expect(Set(Workflow.next(from: from)).contains(to) == expected)
        let result = Result { () throws(Workflow.Refusal) in try Workflow.check(from: from, to: to, reason: " motivo ")
        }
        switch result {
        case .success(let reason): #expect(expected && reason == "motivo")
        case .failure(let refusal):
            #expect(!expected)
            #expect(refusal.message.contains("non può passare a"))
        }
    }

    @Test("respinta and richiesta integrazione need a reason; the other steps take one if given")
    func reasons() throws {
        for (from, to) in [
            (ApplicationState.takenInCharge, ApplicationState.rejected), (.takenInCharge, .integrationRequested),
        ] {
            for blank in [nil, "", "  \n "] {
                #expect(throws: Workflow.Refusal.self) { try Workflow.check(from: from, to: to, reason: blank) }
            }
        }
        #expect(try Workflow.check(from: .submitted, to: .takenInCharge, reason: nil) == nil)
        #expect(try Workflow.check(from: .takenInCharge, to: .accepted, reason: "") == nil)
        let long = String(repeating: "à", count: Workflow.reasonLimit + 1)
        #expect(throws: Workflow.Refusal.self) { try Workflow.check(from: .takenInCharge, to: .rejected, reason: long) }
    }

    @Test("the database applies every allowed step with who, when and why, and writes nothing for a refused one")
    func storedSteps() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let database = try #require(operators.app.portals["prova"]).database
            for from in ApplicationState.allCases {
                for to in ApplicationState.allCases {
                    try await database.writer.write { db in
                        try db.execute(
                            sql: "UPDATE applications SET state = ? WHERE number = ?", arguments: [from, number])
                    }
                    let before = try #require(try await database.application(number: number)).events.count
                    let at = IntakeFixture.now.addingTimeInterval(60)
                    let change = try await database.changeState(
                        number: number, to: to, reason: "perché sì", actor: "anna", at: at)
                    let stored = try #require(try await database.application(number: number))
                    if Self.allowed[from, default: []].contains(to) {
                        #expect(change == .changed, "\(from) → \(to)")
                        #expect(stored.application.state == to)
                        let event = try #require(stored.events.last)
                        #expect(stored.events.count == before + 1)
                        #expect(
                            event.state == to && event.actor == "anna" && event.note == "perché sì" && event.at == at)
                    } else {
                        guard case .refused = change else {
                            Issue.record("\(from) → \(to) was not refused: \(change)")
                            continue
                        }
                        #expect(stored.application.state == from && stored.events.count == before, "\(from) → \(to)")
                    }
                }
            }
            #expect(
                try await database.changeState(
                    number: "2026-9999999", to: .accepted, reason: nil, actor: "anna", at: .now)
                    == .notFound)
        }
    }

    @Test("two operators taking the same case at once: one step is recorded, the other refused")
    func concurrentSteps() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let database = try #require(operators.app.portals["prova"]).database
            let changes = try await withThrowingTaskGroup(of: PortalDatabase.StateChange.self) { group in
                for name in ["anna", "capo"] {
                    group.addTask {
                        try await database.changeState(
                            number: number, to: .takenInCharge, reason: nil, actor: name, at: IntakeFixture.now)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(changes.filter { $0 == .changed }.count == 1)
            let stored = try #require(try await database.application(number: number))
            #expect(stored.events.map(\.state) == [.submitted, .takenInCharge])
        }
    }

    @Test("the case page offers only the allowed steps; posting them moves the case and the receipt shows it")
    func roundTrip() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let session = try await Browser.session(client, "anna")
            let url = "/operator/prova/pratiche/\(number)"
            let page = try await Browser.get(client, url, session: session)
            #expect(Self.offered(String(buffer: page.body)) == ["presa_in_carico", "ritirata"])
            let token = try #require(Browser.token(page))
            let cookies = [OperatorCookies.session: session]

            let taken = try await Browser.post(
                client, url + "/stato", [("_csrf", token), ("stato", "presa_in_carico")], cookies: cookies)
            #expect(taken.status == .seeOther && taken.headers[.location] == url)
            let inCharge = String(buffer: try await Browser.get(client, url, session: session).body)
            #expect(inCharge.contains("<strong>Presa in carico</strong>") && inCharge.contains("(anna)"))
            #expect(Self.offered(inCharge) == ["richiesta_integrazione", "accolta", "respinta", "ritirata"])

            // Without a reason: refused with the message, nothing written.
            let noReason = try await Browser.post(
                client, url + "/stato", [("_csrf", token), ("stato", "richiesta_integrazione"), ("motivo", " ")],
                cookies: cookies)
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("scrivi il motivo"))
            // A step not allowed from here, and a state that does not exist.
            for state in ["integrata", "inviata", "chiusa"] {
                let refused = try await Browser.post(
                    client, url + "/stato", [("_csrf", token), ("stato", state), ("motivo", "x")], cookies: cookies)
                #expect(refused.status == .unprocessableContent, "\(state)")
            }
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.application(number: number)?.events.count == 2)

            let asked = try await Browser.post(
                client, url + "/stato",
                [("_csrf", token), ("stato", "richiesta_integrazione"), ("motivo", "Manca l'attestazione ISEE.")],
                cookies: cookies)
            #expect(asked.status == .seeOther)
            let receiptToken = try #require(try await database.application(number: number)?.application.token)
            let receipt = String(buffer: try await client.execute(uri: "/r/\(receiptToken)", method: .get).body)
            #expect(receipt.contains(#"<p class="state">Richiesta di integrazione</p>"#))
            #expect(receipt.contains("Il Comune ti chiede di integrare la domanda"))
            #expect(receipt.contains(IntakeFixture.escaped("Manca l'attestazione ISEE.")))
            #expect(!receipt.contains("(anna)"))
            // The citizen's view of the history carries no operator's name, not even for a theme to show.
            let stored = try #require(try await database.application(number: number))
            #expect(Pages.receiptView(stored, form: nil).history.allSatisfy { $0.actor == nil })
            #expect(Pages.receiptView(stored, form: nil, actors: true).history.last?.actor == "anna")

            for state in ["integrata", "accolta"] {
                let step = try await Browser.post(
                    client, url + "/stato", [("_csrf", token), ("stato", state)], cookies: cookies)
                #expect(step.status == .seeOther, "\(state)")
            }
            let closed = String(buffer: try await Browser.get(client, url, session: session).body)
            #expect(Self.offered(closed).isEmpty && closed.contains("Lo stato è definitivo"))
            let final = String(buffer: try await client.execute(uri: "/r/\(receiptToken)", method: .get).body)
            #expect(final.contains(#"<p class="state">Accolta</p>"#))
            #expect(!final.contains("Il Comune ti chiede di integrare la domanda"))
        }
    }

    @Test("a step without the session's token is 403, by another portal's operator 404; nothing is written")
    func forbidden() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let url = "/operator/prova/pratiche/\(number)/stato"
            let anna = try await Browser.session(client, "anna")
            let bruno = try await Browser.session(client, "bruno")
            let brunoToken = try #require(
                Browser.token(try await Browser.get(client, "/operator/", session: bruno)))
            let attempts: [(fields: [(String, String)], session: String?, status: HTTPResponse.Status)] = [
                ([("stato", "presa_in_carico")], anna, .forbidden),
                ([("_csrf", "0123456789"), ("stato", "presa_in_carico")], anna, .forbidden),
                ([("_csrf", brunoToken), ("stato", "presa_in_carico")], anna, .forbidden),
                ([("_csrf", brunoToken), ("stato", "presa_in_carico")], nil, .forbidden),
                ([("_csrf", brunoToken), ("stato", "presa_in_carico")], bruno, .notFound),
            ]
            for attempt in attempts {
                let cookies = attempt.session.map { [OperatorCookies.session: $0] } ?? [:]
                let response = try await Browser.post(client, url, attempt.fields, cookies: cookies)
                #expect(response.status == attempt.status)
            }
            let stored = try await operators.app.portals["prova"]?.database.application(number: number)
            #expect(stored?.application.state == .submitted && stored?.events.count == 1)
        }
    }

    @Test(
        "an operator's markup in a reason comes back escaped on the case page and the receipt",
        arguments: [#"<script>alert(1)</script>"#, #""><img src=x onerror=alert(1)>"#])
    func escaping(payload: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            for (state, reason) in [("presa_in_carico", ""), ("richiesta_integrazione", payload)] {
                let response = try await open.post(client, "stato", [("stato", state), ("motivo", reason)])
                #expect(response.status == .seeOther)
            }
            let database = try #require(operators.app.portals["prova"]).database
            let receiptToken = try #require(try await database.application(number: number)?.application.token)
            let pages = [
                try await open.page(client),
                String(buffer: try await client.execute(uri: "/r/\(receiptToken)", method: .get).body),
            ]
            for page in pages {
                #expect(!page.contains(payload))
                #expect(page.contains(IntakeFixture.escaped(payload)))
            }
        }
    }

    @Test("the citizen answers an integration request on the receipt page and the case becomes integrata")
    func citizenReply() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let database = try #require(operators.app.portals["prova"]).database
            let token = try #require(try await database.application(number: number)?.application.token)
            let reply = "/r/\(token)/integrazione"
            let early = try await Browser.post(client, reply, [("risposta", "ecco")], cookies: [:])
            #expect(early.status == .conflict)
            for (state, reason) in [(ApplicationState.takenInCharge, ""), (.integrationRequested, "Manca l'ISEE.")] {
                let change = try await database.changeState(
                    number: number, to: state, reason: reason, actor: "anna", at: IntakeFixture.now)
                #expect(change == .changed)
            }
            let asking = String(buffer: try await client.execute(uri: "/r/\(token)", method: .get).body)
            #expect(
                asking.contains(#"<form method="post" action="\#(token)/integrazione" enctype="multipart/form-data">"#))
            let empty = try await Browser.post(client, reply, [("risposta", " \u{200B} ")], cookies: [:])
            #expect(empty.status == .unprocessableContent)
            #expect(try await database.application(number: number)?.application.state == .integrationRequested)

            let sent = try await Browser.post(client, reply, [("risposta", "ISEE allegato <b>2026</b>")], cookies: [:])
            #expect(sent.status == .seeOther && sent.headers[.location] == "/r/\(token)")
            let stored = try #require(try await database.application(number: number))
            let event = try #require(stored.events.last)
            #expect(stored.application.state == .integrated)
            #expect(event.actor == IntegrationController.actor && event.note == "ISEE allegato <b>2026</b>")
            let receipt = String(buffer: try await client.execute(uri: "/r/\(token)", method: .get).body)
            #expect(receipt.contains(#"<p class="state">Integrata</p>"#) && !receipt.contains("/integrazione"))
            #expect(receipt.contains("ISEE allegato &lt;b&gt;2026&lt;/b&gt;"))
            let again = try await Browser.post(client, reply, [("risposta", "ancora")], cookies: [:])
            #expect(again.status == .conflict)
            #expect(try await database.application(number: number)?.events.count == 4)
            let unknown = try await Browser.post(
                client, "/r/\(RandomToken.make())/integrazione", [("risposta", "x")], cookies: [:])
            #expect(unknown.status == .notFound)
        }
    }

    /// The `stato` of each workflow form of a case page, in order.
    static func offered(_ page: String) -> [String] {
        page.components(separatedBy: #"<input type="hidden" name="stato" value=""#).dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }
}
