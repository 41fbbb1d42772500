import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Audit log: what the back office appends, and who reads it")
struct AuditRoutesTests {
    typealias Browser = OperatorFixture

    /// `actor action case detail` of every entry of a log, oldest first.
    static func lines(_ store: some AuditLogStore) async throws -> [String] {
        try await store.auditPage(before: nil, limit: 1000).reversed().map {
            [$0.actor, $0.action, $0.caseNumber ?? "-", $0.detail ?? "-"].joined(separator: " ")
        }
    }

    @Test("logins, failed logins and logouts go to the users database's chain, unknown names not written")
    func logins() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            _ = try await Browser.login(client, "anna", "sbagliata")
            _ = try await Browser.login(client, "forse-una-password", "sbagliata")
            let home = try await Browser.get(client, "/operator/", session: session)
            let token = try #require(Browser.token(home))
            _ = try await Browser.post(
                client, "/operator/logout", [("_csrf", token)], cookies: [OperatorCookies.session: session])
            // Read here: the daemon closes the users database when the test's server stops.
            let accounts = operators.app.accounts
            let address = try #require(try await accounts.auditPage(before: nil, limit: 10).last?.detail)
            #expect(
                try await Self.lines(accounts) == [
                    "anna login - \(address)", "anna login_failed - \(address)",
                    "(nome sconosciuto) login_failed - \(address)", "anna logout - -",
                ])
            guard case .intact(count: 4, _) = try await accounts.verifyAudit() else {
                Issue.record("the login chain does not verify")
                return
            }
        }
    }

    @Test("reading a case and moving it append who, what and which case to the portal's chain, before the answer")
    func caseEvents() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let session = try await Browser.session(client, "anna")
            let page = try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session)
            let token = try #require(Browser.token(page))
            let moved = try await Browser.post(
                client, "/operator/prova/pratiche/\(number)/stato", [("_csrf", token), ("stato", "presa_in_carico")],
                cookies: [OperatorCookies.session: session])
            #expect(moved.status == .seeOther)
            // Another portal's log holds nothing of this.
            let other = try #require(operators.app.portals["altro"]).database
            #expect(try await Self.lines(other).isEmpty)
            let database = try #require(operators.app.portals["prova"]).database
            #expect(
                try await Self.lines(database) == [
                    "anna view_case \(number) -", "anna change_state \(number) presa_in_carico",
                ])
            guard case .intact(count: 2, _) = try await database.verifyAudit() else {
                Issue.record("the chain does not verify")
                return
            }
        }
    }

    @Test("attachment downloads, benefit changes and messages are appended with who and which case")
    func caseFileEvents() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await OperatorCaseFileTests.submitWithFile(client, filename: "isee.pdf")
            let session = try await Browser.session(client, "anna")
            let page = try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session)
            let link = try #require(OperatorCaseFileTests.attachmentLinks(String(buffer: page.body)).first)
            let fileID = try #require(link.split(separator: "/").last.map(String.init))
            let token = try #require(Browser.token(page))
            let cookies = [OperatorCookies.session: session]
            #expect(try await Browser.get(client, link, session: session).status == .ok)
            let changed = try await Browser.post(
                client, "/operator/prova/pratiche/\(number)/importo",
                [("_csrf", token), ("importo", "300,00"), ("motivo", "Nucleo di tre persone")], cookies: cookies)
            #expect(changed.status == .seeOther)
            let written = try await Browser.post(
                client, "/operator/prova/pratiche/\(number)/messaggi", [("_csrf", token), ("testo", "Buongiorno")],
                cookies: cookies)
            #expect(written.status == .seeOther)
            let database = try #require(operators.app.portals["prova"]).database
            #expect(
                try await Self.lines(database) == [
                    "anna view_case \(number) -", "anna download \(number) \(fileID)",
                    "anna change_benefit \(number) 30000", "anna message \(number) -",
                ])
            guard case .intact(count: 4, _) = try await database.verifyAudit() else {
                Issue.record("the chain does not verify")
                return
            }
        }
    }

    @Test("each export is appended with who and what, before its first byte")
    func exports() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            _ = try await Browser.submit(client, portal: "prova")
            let session = try await Browser.session(client, "anna")
            for uri in [
                "/operator/prova/esportazioni/domande?modulo=domanda&formato=json",
                "/operator/prova/esportazioni/esiti?modulo=domanda", "/operator/prova/pagamenti.csv",
            ] {
                #expect(try await Browser.get(client, uri, session: session).status == .ok, "\(uri)")
            }
            #expect(
                try await Self.lines(try #require(operators.app.portals["prova"]).database) == [
                    "anna export - domande domanda json", "anna export - esiti domanda", "anna export - pagamenti",
                ])
        }
    }

    @Test("admins read both logs, newest first and paged; operators and tutors get the 404 of an unknown path")
    func readers() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let anna = try await Browser.session(client, "anna")
            for _ in 0..<(OperatorController.auditPageSize + 1) {
                _ = try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: anna)
            }
            let missing = String(buffer: try await Browser.get(client, "/operator/nessuno/", session: anna).body)
            for user in ["anna", "tutor", "bruno"] {
                let session = try await Browser.session(client, user)
                for route in ["/operator/prova/registro", "/operator/accessi", "/operator/prova/interessato"] {
                    let response = try await Browser.get(client, route, session: session)
                    #expect(response.status == .notFound, "\(user) \(route)")
                    #expect(String(buffer: response.body) == missing, "\(user) \(route)")
                }
            }
            let anonymous = try await Browser.get(client, "/operator/prova/registro", session: nil)
            #expect(
                anonymous.status == .seeOther
                    && anonymous.headers[.location] == LoginReturn.loginAddress(returningTo: "/operator/prova/registro")
            )
            let capo = try await Browser.session(client, "capo")
            let first = try await Browser.get(client, "/operator/prova/registro", session: capo)
            #expect(first.status == .ok)
            let body = String(buffer: first.body)
            #expect(body.contains("<h1>Registro delle attività</h1>") && body.contains("Prova Welfare"))
            // Newest first: the admin's own reading, then anna's last reading of the case.
            #expect(body.contains("<th scope=\"row\">102</th><td>") && body.contains("Lettura del registro"))
            #expect(body.contains("<a href=\"/operator/prova/pratiche/\(number)\">\(number)</a>"))
            #expect(body.contains("<a href=\"/operator/prova/registro?prima=3\">Voci precedenti</a>"))
            let second = String(
                buffer: try await Browser.get(client, "/operator/prova/registro?prima=3", session: capo).body)
            #expect(second.contains("<th scope=\"row\">2</th>") && !second.contains("Voci precedenti"))
            let logins = String(buffer: try await Browser.get(client, "/operator/accessi", session: capo).body)
            #expect(
                logins.contains("<h1>Registro degli accessi</h1>") && logins.contains("<td>capo</td><td>Accesso</td>"))
        }
    }
}
