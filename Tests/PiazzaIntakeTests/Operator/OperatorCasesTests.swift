import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Back-office cases: portal isolation, queue and case page")
struct OperatorCasesTests {
    typealias Browser = OperatorFixture

    /// Every operator route of a portal, for an application of that portal numbered `number`.
    static func routes(_ portal: String, number: String) -> [String] {
        [
            "/operator/\(portal)/", "/operator/\(portal)", "/operator/\(portal)/?modulo=domanda",
            "/operator/\(portal)/?modulo=domanda&dopo=\(number)", "/operator/\(portal)/pratiche/\(number)",
            "/operator/\(portal)/valutazioni", "/operator/\(portal)/valutazioni.csv",
            // The reimbursement of the shops (ReimbursementRoutesTests has its downloads and closing).
            "/operator/\(portal)/rimborsi", "/operator/\(portal)/rimborsi?dal=2026-06-01&al=2026-06-30",
        ]
    }

    @Test("an operator of one portal gets on every route of another the 404 of a portal that does not exist")
    func isolation() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let inProva = try await Browser.submit(client, portal: "prova")
            // Numbers count per portal: a second one in `altro` is a number `prova` does not have.
            _ = try await Browser.submit(client, portal: "altro", [("note", "prima")])
            let inAltro = try await Browser.submit(client, portal: "altro")
            let sessions = [
                "anna": try await Browser.session(client, "anna"), "bruno": try await Browser.session(client, "bruno"),
                "capo": try await Browser.session(client, "capo"), "tutor": try await Browser.session(client, "tutor"),
                "negozio": try await Browser.session(client, "negozio"),
            ]
            let missing = try await Browser.get(client, "/operator/nessuno/", session: sessions["anna"])
            #expect(missing.status == .notFound)
            // Who may read which portal's routes; the rest must answer exactly like `missing`.
            let table: [(user: String, portal: String, number: String, allowed: Bool)] = [
                ("anna", "prova", inProva, true), ("anna", "altro", inAltro, false),
                ("bruno", "altro", inAltro, true), ("bruno", "prova", inProva, false),
                ("capo", "prova", inProva, true), ("capo", "altro", inAltro, true),
                ("tutor", "prova", inProva, false), ("tutor", "altro", inAltro, false),
                // Shop staff reach their shop's voucher page only (VoucherRoutesTests), no case data.
                ("negozio", "prova", inProva, false), ("negozio", "altro", inAltro, false),
                // A number of portal A asked for under portal B, by an operator of B: not found there.
                ("anna", "altro", inProva, false),
            ]
            for row in table {
                for route in Self.routes(row.portal, number: row.number) {
                    let response = try await Browser.get(client, route, session: sessions[row.user])
                    if row.allowed {
                        #expect(response.status == .ok, "\(row.user) \(route)")
                    } else {
                        #expect(response.status == .notFound, "\(row.user) \(route)")
                        #expect(String(buffer: response.body) == String(buffer: missing.body), "\(row.user) \(route)")
                    }
                }
            }
            // Under their own portal, an operator asking for another portal's number finds nothing.
            let foreign = try await Browser.get(
                client, "/operator/prova/pratiche/\(inAltro)", session: sessions["anna"])
            #expect(foreign.status == .notFound)
            #expect(!String(buffer: foreign.body).contains("Altro Welfare"))
            for route in Self.routes("prova", number: inProva) {
                let anonymous = try await Browser.get(client, route, session: nil)
                #expect(
                    anonymous.status == .seeOther
                        && anonymous.headers[.location] == LoginReturn.loginAddress(returningTo: route), "\(route)")
            }
        }
    }

    @Test("the queue lists a form's applications newest first, 50 a page, and the next page starts after the last")
    func queuePages() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            var numbers: [String] = []
            for index in 0..<52 {
                operators.advance(1)
                // Other answers each time: the same answers again would be the same submission.
                numbers.append(try await Browser.submit(client, portal: "prova", [("note", "domanda \(index)")]))
            }
            let session = try await Browser.session(client, "anna")
            let first = String(
                buffer: try await Browser.get(client, "/operator/prova/?modulo=domanda", session: session).body)
            let listed = Self.numbers(first)
            #expect(listed == Array(numbers.reversed().prefix(50)))
            let next = try #require(first.range(of: #"<a href="/operator/prova/?modulo=domanda&amp;dopo="#))
            #expect(first[next.upperBound...].hasPrefix(numbers[2]))
            let second = String(
                buffer: try await Browser.get(
                    client, "/operator/prova/?modulo=domanda&dopo=\(numbers[2])", session: session
                ).body)
            #expect(Self.numbers(second) == [numbers[1], numbers[0]])
            #expect(!second.contains("Domande precedenti"))
            #expect(first.contains("<td>Inviata</td><td>online</td>"))
        }
    }

    @Test("without ?modulo= the queue opens on the form that received the latest application")
    func queueOpensOnLatestForm() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let session = try await Browser.session(client, "anna")
            let page = String(buffer: try await Browser.get(client, "/operator/prova/", session: session).body)
            #expect(Self.numbers(page) == [number])
        }
    }

    @Test("the case page shows the answers as on the receipt, the checks and the history, in the portal's look")
    func casePage() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let session = try await Browser.session(client, "anna")
            let page = try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session)
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            let body = String(buffer: page.body)
            #expect(body.contains("<h1>Pratica \(number)</h1>") && body.contains("Prova Welfare"))
            #expect(body.contains("<dt>Codice fiscale</dt><dd>BNCLRA90A41H501F"))
            #expect(body.contains("<strong>Inviata</strong>"))
            #expect(body.contains(#"<ul class="checks">"#))
        }
    }

    @Test(
        "a case address with the numero pratica written short goes on to the case's own (CaseNumber, as the queue search)",
        arguments: ["2026-1", "2026-01", "2026-000001"])
    func shortCaseAddress(typed: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            #expect(number == "2026-0000001")
            let session = try await Browser.session(client, "anna")
            let path = typed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? typed
            let short = try await Browser.get(client, "/operator/prova/pratiche/\(path)", session: session)
            #expect(short.status == .seeOther)
            #expect(short.headers[.location] == "/operator/prova/pratiche/2026-0000001")
            let unknown = try await Browser.get(client, "/operator/prova/pratiche/2026-99", session: session)
            #expect(unknown.status == .seeOther)
            #expect(unknown.headers[.location] == "/operator/prova/pratiche/2026-0000099")
            let missing = try await Browser.get(client, "/operator/prova/pratiche/2026-0000099", session: session)
            #expect(missing.status == .notFound)
        }
    }

    @Test(
        "a citizen's markup comes back escaped on the queue and the case page",
        arguments: [
            #"<script>alert(1)</script>"#, #""><img src=x onerror=alert(1)>"#,
        ])
    func escaping(payload: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova", [("nome", payload), ("note", payload)])
            let session = try await Browser.session(client, "anna")
            for route in ["/operator/prova/", "/operator/prova/pratiche/\(number)"] {
                let body = String(buffer: try await Browser.get(client, route, session: session).body)
                #expect(!body.contains(payload), "\(route)")
            }
            let casePage = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session).body)
            #expect(casePage.contains(IntakeFixture.escaped(payload)))
        }
    }

    /// The numbers of a queue page, in order.
    static func numbers(_ page: String) -> [String] {
        page.components(separatedBy: #"<th scope="row"><a href="/operator/prova/pratiche/"#).dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }
}
