import Foundation
import GRDB
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// When the session ends while an operator types, the post is told as such and leads back (findings-s12 #11,
/// ``LoginReturn``): the login form keeps the page and the text typed, the login returns to the page with the
/// text in its form, and nothing posted before the login is applied.
@Suite("An ended session: told as such, the text kept, back to the page after the login")
struct SessionEndedTests {
    typealias Browser = OperatorFixture

    /// A reason with what the page must escape and keep: accents, quotes, an ampersand, a line break.
    static let reason = "Manca l'ISEE \"2026\" & la firma.\nRichiamare è urgente: <subito>."

    /// The hidden fields of a page's form, by name, their values unescaped.
    static func hidden(_ page: String) -> [String: String] {
        let pattern = #/<input type="hidden" name="([^"]+)" value="([^"]*)">/#
        return page.matches(of: pattern).reduce(into: [:]) { fields, match in
            fields[String(match.output.1)] = String(match.output.2)
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    static func events(_ operators: Browser, _ number: String) async throws -> [String] {
        try await operators.app.portals["prova"]!.database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT e.state FROM application_events e JOIN applications a ON a.id = e.application_id
                    WHERE a.number = ? ORDER BY e.id
                    """, arguments: [number])
        }
    }

    @Test(
        "a step posted after the session ended: the login form says so, and after the login the case page has the reason back, nothing applied"
    )
    func stepAfterSessionEnded() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let anna = try await Browser.openCase(client, number)
            let before = try await Self.events(operators, number)
            operators.advance(31 * 60)
            let ended = try await anna.post(client, "stato", [("stato", "presa_in_carico"), ("motivo", Self.reason)])
            #expect(ended.status == .forbidden)
            let page = String(buffer: ended.body)
            #expect(page.contains("La sessione è scaduta: accedi di nuovo."))
            #expect(!page.contains("Richiesta non valida"))
            let kept = Self.hidden(page)
            #expect(kept["dopo-accesso"] == anna.url)
            #expect(kept["bozza-azione"] == "stato" && kept["bozza-motivo"] == Self.reason)
            #expect(kept["bozza-stato"] == "presa_in_carico")
            #expect(try await Self.events(operators, number) == before)
            // The login with the form as the browser posts it: back to the case, the reason in its step's form.
            let fields = kept.filter { $0.key != "_csrf" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            let login = try await Browser.login(client, "anna", fields: fields)
            #expect(login.status == .seeOther && login.headers[.location] == anna.url)
            let session = try #require(Browser.cookies(login)[OperatorCookies.session]).value
            let restored = String(buffer: try await Browser.get(client, anna.url, session: session).body)
            #expect(restored.contains("La sessione era scaduta e non è stato salvato nulla"))
            let escaped = Self.reason.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            #expect(restored.contains(#"name="motivo" rows="3" maxlength="2000">"# + escaped + "</textarea>"))
            #expect(try await Self.events(operators, number) == before)
            // Shown once: the next view of the page is the plain case page.
            let again = String(buffer: try await Browser.get(client, anna.url, session: session).body)
            #expect(!again.contains("La sessione era scaduta") && !again.contains(escaped))
        }
    }

    @Test("a message typed while a colleague changed the case: after the login the text is back and the change named")
    func messageAfterChange() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let anna = try await Browser.openCase(client, number)
            let seen = try StaleCasePageTests.version(try await anna.page(client))
            operators.advance(31 * 60)
            let capo = try await Browser.openCase(client, number, as: "capo")
            #expect(try await capo.post(client, "stato", [("stato", "presa_in_carico")]).status == .seeOther)
            let ended = try await anna.post(
                client, "stato", [("stato", "presa_in_carico"), ("motivo", "Presa io"), ("versione", seen)])
            let kept = Self.hidden(String(buffer: ended.body)).filter { $0.key != "_csrf" }
            #expect(kept["bozza-versione"] == seen)
            let login = try await Browser.login(
                client, "anna", fields: kept.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            let session = try #require(Browser.cookies(login)[OperatorCookies.session]).value
            let page = String(buffer: try await Browser.get(client, anna.url, session: session).body)
            #expect(page.contains("Attenzione: la pratica è stata modificata da capo il"))
            let message = try await anna.post(client, "messaggi", [("testo", "Buongiorno,\nle scrivo per l'ISEE.")])
            let draft = Self.hidden(String(buffer: message.body))
            #expect(draft["bozza-azione"] == "messaggi" && draft["bozza-testo"] == "Buongiorno,\nle scrivo per l'ISEE.")
        }
    }

    @Test(
        "a page asked without a session leads to the login and, after it, back to the page, behind public_url's path too"
    )
    func getReturns() async throws {
        let operators = try await Browser(publicURL: "https://servizi.example.it/piazza")
        try await operators.app.buildApplication().test(.router) { client in
            let asked = try await Browser.get(client, "/operator/prova/?modulo=domanda&dopo=2", session: nil)
            #expect(asked.status == .seeOther)
            let location = try #require(asked.headers[.location])
            #expect(location == "/piazza/operator/login?dopo-accesso=/operator/prova/%3Fmodulo%3Ddomanda%26dopo%3D2")
            let form = try await client.execute(uri: String(location.dropFirst("/piazza".count)), method: .get)
            let kept = Self.hidden(String(buffer: form.body))
            #expect(kept["dopo-accesso"] == "/operator/prova/?modulo=domanda&dopo=2")
            let login = try await Browser.login(client, "anna", fields: [("dopo-accesso", kept["dopo-accesso"]!)])
            #expect(login.headers[.location] == "/piazza/operator/prova/?modulo=domanda&dopo=2")
        }
    }

    @Test(
        "dopo-accesso never leads out of the back office: anything but a plain /operator/ path goes to /operator/",
        arguments: [
            "//evil.example", "/\\evil.example", "https://evil.example/operator/", "%2F%2Fevil.example",
            "/%2F%2Fevil.example", "/operator//evil.example", "/operator/../../evil", "/operator/..%2F..",
            "/operator\\evil", "/operator/x\r\nSet-Cookie: a=b", "/operator/login", "/operator/ spazio",
            "javascript:alert(1)", "/operator/%0d%0aX:1\u{0}",
        ])
    func noOpenRedirect(target: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let login = try await Browser.login(client, "anna", fields: [("dopo-accesso", target)])
            #expect(login.status == .seeOther && login.headers[.location] == "/operator/")
            var query = URLComponents()
            query.queryItems = [URLQueryItem(name: "dopo-accesso", value: target)]
            let page = try await client.execute(
                uri: "/operator/login?" + (query.percentEncodedQuery ?? ""), method: .get)
            #expect(Self.hidden(String(buffer: page.body))["dopo-accesso"] == nil)
        }
    }

    @Test("a post with a live session but another page's token is still refused as not valid, 403")
    func otherToken() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let anna = try await Browser.openCase(client, number)
            let response = try await Browser.post(
                client, anna.url + "/messaggi", [("_csrf", RandomToken.make()), ("testo", "Buongiorno")],
                cookies: [OperatorCookies.session: anna.session])
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("Richiesta non valida"))
        }
    }
}
