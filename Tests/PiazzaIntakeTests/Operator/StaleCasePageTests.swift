import Foundation
import GRDB
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// A change posted from a case page opened before the case changed is refused, nothing written, with
/// who changed it and when, and the text typed kept (findings-s12 #2, ``CaseVersion``): the step, the
/// amount and the payment forms carry the version the page showed (`versione`).
@Suite("A case page opened earlier changes nothing the operator has not seen")
struct StaleCasePageTests {
    typealias Browser = OperatorFixture

    /// The `versione` the case page's forms post.
    static func version(_ page: String) throws -> String {
        let start = try #require(page.range(of: #"name="versione" value=""#))
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    static func history(_ operators: Browser, _ number: String) async throws -> [String] {
        try await operators.app.portals["prova"]!.database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT e.state || '|' || COALESCE(e.actor, '') || '|' || COALESCE(e.note, '')
                    FROM application_events e JOIN applications a ON a.id = e.application_id
                    WHERE a.number = ? ORDER BY e.id
                    """, arguments: [number])
        }
    }

    /// Runs `body` with a case just submitted and its page opened by `anna` (operator) and `capo` (admin).
    static func withTwoPages(
        _ body:
            @Sendable (
                _ client: any TestClientProtocol, _ operators: Browser, _ number: String, _ anna: Browser.OpenCase,
                _ capo: Browser.OpenCase
            ) async throws -> Void
    ) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            try await body(
                client, operators, number, try await Browser.openCase(client, number),
                try await Browser.openCase(client, number, as: "capo"))
        }
    }

    @Test("a colleague's step made the page stale: the second step is refused naming them, the reason typed kept")
    func colleagueStep() async throws {
        try await Self.withTwoPages { client, operators, number, anna, capo in
            let annaSaw = try Self.version(try await anna.page(client))
            let capoSaw = try Self.version(try await capo.page(client))
            #expect(annaSaw == capoSaw)
            let taken = try await anna.post(client, "stato", [("stato", "presa_in_carico"), ("versione", annaSaw)])
            #expect(taken.status == .seeOther)
            let stale = try await capo.post(
                client, "stato", [("stato", "ritirata"), ("motivo", "Ritirata al telefono"), ("versione", capoSaw)])
            #expect(stale.status == .unprocessableContent)
            let page = String(buffer: stale.body)
            #expect(page.contains("La pratica è stata modificata da anna il 01/06/2026 alle 12:00 (Presa in carico)"))
            #expect(page.contains("ricarica per vedere lo stato attuale"))
            #expect(page.contains(">Ritirata al telefono</textarea>"))
            #expect(try await Self.history(operators, number).last == "presa_in_carico|anna|")
            // Reloaded, the page carries the new version, and the step goes through.
            let now = try Self.version(try await capo.page(client))
            #expect(now != capoSaw)
            let withdrawn = try await capo.post(
                client, "stato", [("stato", "ritirata"), ("motivo", "Ritirata al telefono"), ("versione", now)])
            #expect(withdrawn.status == .seeOther)
        }
    }

    @Test("the citizen's reply made the page stale: rejecting 'for no reply' from it is refused")
    func citizenReply() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let anna = try await Browser.openCase(client, number)
            for (state, reason) in [("presa_in_carico", ""), ("richiesta_integrazione", "Manca la DSU")] {
                let page = try await anna.page(client)
                let answer = try await anna.post(
                    client, "stato", [("stato", state), ("motivo", reason), ("versione", try Self.version(page))])
                #expect(answer.status == .seeOther)
            }
            let seen = try Self.version(try await anna.page(client))
            let token = try await operators.app.portals["prova"]!.database.writer.read { db in
                try String.fetchOne(db, sql: "SELECT token FROM applications WHERE number = ?", arguments: [number])!
            }
            let reply = try await client.execute(
                uri: "/r/\(token)/integrazione", method: .post, headers: IntakeFixture.formHeaders,
                body: IntakeFixture.body([("risposta", "Ecco la DSU")]))
            #expect(reply.status == .seeOther)
            let stale = try await anna.post(
                client, "stato",
                [("stato", "respinta"), ("motivo", "Non hai inviato i documenti richiesti"), ("versione", seen)])
            #expect(stale.status == .unprocessableContent)
            #expect(String(buffer: stale.body).contains("La pratica è stata modificata da cittadino"))
            #expect(try await Self.history(operators, number).last == "integrata|cittadino|Ecco la DSU")
        }
    }

    @Test("two operators posting steps from the same page at once: one goes through, the other is refused")
    func concurrentSteps() async throws {
        try await Self.withTwoPages { client, operators, number, anna, capo in
            _ = try await anna.post(
                client, "stato",
                [("stato", "presa_in_carico"), ("versione", try Self.version(try await anna.page(client)))])
            let seen = try Self.version(try await anna.page(client))
            async let request = anna.post(
                client, "stato", [("stato", "richiesta_integrazione"), ("motivo", "Manca la DSU"), ("versione", seen)])
            async let reject = capo.post(
                client, "stato", [("stato", "respinta"), ("motivo", "ISEE oltre la soglia"), ("versione", seen)])
            let statuses = [try await request.status, try await reject.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 1)
            #expect(try await Self.history(operators, number).count == 3)
        }
    }

    @Test("an amount set from a page opened before a colleague's amount is refused, the amount typed kept")
    func staleAmount() async throws {
        try await Self.withTwoPages { client, operators, number, anna, capo in
            let annaSaw = try Self.version(try await anna.page(client))
            let set = try await capo.post(
                client, "importo",
                [
                    ("importo", "300"), ("motivo", "Nucleo di tre"),
                    ("versione", try Self.version(try await capo.page(client))),
                ])
            #expect(set.status == .seeOther)
            let stale = try await anna.post(
                client, "importo", [("importo", "250"), ("motivo", "Come da regola"), ("versione", annaSaw)])
            #expect(stale.status == .unprocessableContent)
            let page = String(buffer: stale.body)
            #expect(page.contains("La pratica è stata modificata da capo"))
            #expect(page.contains("(importo modificato)"))
            #expect(page.contains(#"name="importo" type="text" inputmode="decimal" autocomplete="off" value="250""#))
            let cents = try await operators.app.portals["prova"]!.database.writer.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT benefit_cents FROM applications WHERE number = ?", arguments: [number])
            }
            #expect(cents == 30000)
        }
    }
}
