import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Back-office login: sessions, cookies, CSRF, lockout, logout and idle timeout")
struct OperatorLoginTests {
    typealias Browser = OperatorFixture

    @Test("a right password opens a session: 303 to /operator/, a new cookie, the home page names the user")
    func loginOK() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let response = try await Browser.login(client, "anna")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/operator/")
            let session = try #require(Browser.cookies(response)[OperatorCookies.session]).value
            let home = try await Browser.get(client, "/operator/", session: session)
            #expect(home.status == .ok)
            let body = String(buffer: home.body)
            #expect(body.contains("<strong>anna</strong>") && body.contains(#"<a href="/operator/prova/">"#))
        }
    }

    @Test(
        "the session cookie is HttpOnly, SameSite=Strict, Path=/operator, and Secure only with https: true",
        arguments: [false, true])
    func cookieAttributes(https: Bool) async throws {
        let operators = try await OperatorFixture(https: https)
        try await operators.app.buildApplication().test(.router) { client in
            let line = try #require(Browser.cookies(try await Browser.login(client, "anna"))[OperatorCookies.session])
                .line
            let attributes = Browser.attributes(line)
            let expected: Set = ["Path=/operator", "HttpOnly", "SameSite=Strict"]
            #expect(attributes == (https ? expected.union(["Secure"]) : expected), "\(line)")
        }
    }

    @Test("behind a proxy at public_url's path, links, form actions, redirects and the cookie path carry it")
    func publicPath() async throws {
        let operators = try await OperatorFixture(publicURL: "https://servizi.example.it/piazza")
        try await operators.app.buildApplication().test(.router) { client in
            let page = try await client.execute(uri: "/operator/login", method: .get)
            #expect(String(buffer: page.body).contains(#"<form method="post" action="/piazza/operator/login">"#))
            let login = try #require(Browser.cookies(page)[OperatorCookies.login]).line
            #expect(Browser.attributes(login).contains("Path=/piazza/operator"))
            let response = try await Browser.login(client, "anna")
            #expect(response.headers[.location] == "/piazza/operator/")
            let session = try #require(Browser.cookies(response)[OperatorCookies.session])
            #expect(Browser.attributes(session.line).contains("Path=/piazza/operator"))
            let home = String(buffer: try await Browser.get(client, "/operator/", session: session.value).body)
            #expect(home.contains(#"<a href="/piazza/operator/prova/">"#))
            #expect(home.contains(#"action="/piazza/operator/logout""#))
        }
    }

    @Test("a wrong password, an unknown name or a disabled user get the form again, 422, and no session")
    func wrongPassword() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.accounts.disableUser("tutor", at: IntakeFixture.now)
        try await operators.app.buildApplication().test(.router) { client in
            for (name, password) in [
                ("anna", "cavallo batteria graffettA"), ("nessuno", Browser.password),
                ("tutor", Browser.password),
            ] {
                let response = try await Browser.login(client, name, password)
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("Nome utente o password non corretti."))
                #expect(Browser.cookies(response)[OperatorCookies.session] == nil)
            }
        }
    }

    @Test("after 5 failures an account waits 1 s, then 2 s; the right password in the wait is refused with 429")
    func lockoutPerAccount() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            for _ in 0..<5 {
                #expect(try await Browser.login(client, "anna", "sbagliata sbagliata").status == .unprocessableContent)
            }
            let locked = try await Browser.login(client, "anna")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "1")
            operators.advance(1)
            #expect(try await Browser.login(client, "anna", "sbagliata sbagliata").status == .unprocessableContent)
            #expect(try await Browser.login(client, "anna").headers[.retryAfter] == "2")
            operators.advance(2)
            #expect(try await Browser.login(client, "anna").status == .seeOther)
        }
    }

    @Test(
        "someone failing on a name from unknown browsers stays throttled, yet never locks out a browser where the name logged in (finding 10)"
    )
    func deviceCookieExemptsKnownBrowser() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let first = try await Browser.login(client, "anna")
            let device = try #require(Browser.cookies(first)[OperatorCookies.device]).value
            // The attacker: 5 free failures, then one more as each wait ends, up to the 15 minutes.
            for _ in 0..<5 {
                #expect(try await Browser.login(client, "anna", "sbagliata sbagliata").status == .unprocessableContent)
            }
            for wait in [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] {
                operators.advance(TimeInterval(wait))
                #expect(try await Browser.login(client, "anna", "sbagliata sbagliata").status == .unprocessableContent)
            }
            let locked = try await Browser.login(client, "anna")
            #expect(locked.status == .tooManyRequests && locked.headers[.retryAfter] == "900")
            #expect(String(buffer: locked.body).contains("accedi dal browser da cui entri di solito"))
            // The operator, from the browser she logged in with: in, with a new device entry.
            let known = try await Browser.login(client, "anna", extra: [OperatorCookies.device: device])
            #expect(known.status == .seeOther && known.headers[.location] == "/operator/")
            let renewed = try #require(Browser.cookies(known)[OperatorCookies.device]).value
            #expect(renewed != device && !renewed.contains(device))
            // Her login did not clear the unknown browsers' count: the attacker still waits 15 minutes.
            #expect(try await Browser.login(client, "anna").headers[.retryAfter] == "900")
            operators.advance(900)
            #expect(try await Browser.login(client, "anna", "sbagliata sbagliata").status == .unprocessableContent)
            #expect(try await Browser.login(client, "anna").headers[.retryAfter] == "900")
            // The renewed cookie still opens her browser; the cookie is hers only: capo's name is not exempted.
            #expect(
                try await Browser.login(client, "anna", extra: [OperatorCookies.device: renewed]).status == .seeOther)
        }
    }

    @Test(
        "a device cookie is signed for its name: another name, a forged entry or a failing known browser get no exemption"
    )
    func deviceCookieLimits() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let device = try #require(Browser.cookies(try await Browser.login(client, "anna"))[OperatorCookies.device])
                .value
            for _ in 0..<5 { _ = try await Browser.login(client, "capo", "sbagliata sbagliata") }
            #expect(
                try await Browser.login(client, "capo", extra: [OperatorCookies.device: device]).status
                    == .tooManyRequests)
            let forged = RandomToken.make() + "." + String(repeating: "a", count: 64)
            for _ in 0..<5 { _ = try await Browser.login(client, "bruno", "sbagliata sbagliata") }
            #expect(
                try await Browser.login(client, "bruno", extra: [OperatorCookies.device: forged]).status
                    == .tooManyRequests)
            // A stolen cookie guessing: its own 5 failures, then its own wait (the address's count is not its).
            for _ in 0..<5 {
                #expect(
                    try await Browser.login(
                        client, "anna", "sbagliata sbagliata", extra: [OperatorCookies.device: device]
                    )
                    .status == .unprocessableContent)
            }
            let waiting = try await Browser.login(client, "anna", extra: [OperatorCookies.device: device])
            #expect(waiting.status == .tooManyRequests && waiting.headers[.retryAfter] == "1")
        }
    }

    @Test("one browser remembers the names that logged in on it, and its cookie lives 180 days on the login path only")
    func sharedBrowser() async throws {
        let operators = try await OperatorFixture(https: true)
        try await operators.app.buildApplication().test(.router) { client in
            let anna = try #require(Browser.cookies(try await Browser.login(client, "anna"))[OperatorCookies.device])
            #expect(
                Browser.attributes(anna.line) == [
                    "Max-Age=15552000", "Path=/operator/login", "HttpOnly", "SameSite=Strict", "Secure",
                ])
            let both = try #require(
                Browser.cookies(try await Browser.login(client, "capo", extra: [OperatorCookies.device: anna.value]))[
                    OperatorCookies.device]
            ).value
            #expect(both.hasSuffix("-" + anna.value))
            for name in ["anna", "capo"] {
                for _ in 0..<5 { _ = try await Browser.login(client, name, "sbagliata sbagliata") }
            }
            for name in ["anna", "capo"] {
                #expect(
                    try await Browser.login(client, name, extra: [OperatorCookies.device: both]).status == .seeOther)
            }
        }
    }

    @Test("a new password (piazza user passwd) ends the name's lockout of unknown browsers at once, no restart")
    func newPasswordEndsLockout() async throws {
        let operators = try await OperatorFixture { $0.trustedProxies = AddressRange.loopback }
        try await operators.app.buildApplication().test(.live) { client in
            for _ in 0..<6 {
                _ = try await Browser.login(client, "anna", "sbagliata sbagliata", forwardedFor: "203.0.113.5")
            }
            // Another address (the office's): the address's own count is not in the way.
            #expect(try await Browser.login(client, "anna", forwardedFor: "192.0.2.9").status == .tooManyRequests)
            let password = "nuova password lunga"
            try await operators.app.accounts.setPasswordHash(
                await PasswordHashing(cost: 4).hash(password), forUser: "anna")
            #expect(try await Browser.login(client, "anna", password, forwardedFor: "192.0.2.9").status == .seeOther)
        }
    }

    @Test("attempts sent in parallel count before their passwords are checked: at most 5 pass, the rest get 429")
    func lockoutInParallel() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await Browser.login(client, "anna", "sbagliata sbagliata").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
        }
    }

    @Test("failures on many names from one address lock that address for every name")
    func lockoutPerAddress() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            for index in 0..<5 {
                _ = try await Browser.login(client, "prova\(index)", "sbagliata sbagliata")
            }
            #expect(try await Browser.login(client, "capo").status == .tooManyRequests)
        }
    }

    @Test("a login post without the login page's token and cookie, or with another token, is refused with 403")
    func loginCSRF() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let (token, cookie) = try await Browser.loginForm(client)
            let fields = [("nome", "anna"), ("password", Browser.password)]
            for (extra, cookies) in [
                ([], [OperatorCookies.login: cookie]), ([("_csrf", token)], [:]),
                ([("_csrf", RandomToken.make())], [OperatorCookies.login: cookie]),
                // A plain double submit: the cookie's own value as the token.
                ([("_csrf", cookie)], [OperatorCookies.login: cookie]),
                // A cookie planted by a sibling sub-domain, with the token of the real one or its own value.
                ([("_csrf", token)], [OperatorCookies.login: "abcabcabcabcabcabcabcabcab"]),
                ([("_csrf", "abcabcabcabcabcabcabcabcab")], [OperatorCookies.login: "abcabcabcabcabcabcabcabcab"]),
            ] {
                let response = try await Browser.post(client, "/operator/login", extra + fields, cookies: cookies)
                #expect(response.status == .forbidden)
                #expect(Browser.cookies(response)[OperatorCookies.session] == nil)
            }
        }
    }

    @Test("the login form's token is the signature of its cookie, never the cookie itself")
    func signedLoginToken() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let (token, cookie) = try await Browser.loginForm(client)
            #expect(RandomToken.isWellFormed(cookie) && token != cookie && token.count == 64)
            let response = try await Browser.post(
                client, "/operator/login", [("_csrf", token), ("nome", "anna"), ("password", Browser.password)],
                cookies: [OperatorCookies.login: cookie])
            #expect(response.status == .seeOther)
        }
    }

    @Test(
        "a back-office post from a page that is not the daemon's is refused with 403, the login included",
        arguments: ["https://evil.example", "null", "https://welfare.example.it", "http://servizi.example.it"])
    func foreignOrigin(origin: String) async throws {
        let operators = try await OperatorFixture(publicURL: "https://servizi.example.it/piazza")
        try await operators.app.buildApplication().test(.router) { client in
            let (token, cookie) = try await Browser.loginForm(client)
            let fields = [("_csrf", token), ("nome", "anna"), ("password", Browser.password)]
            let refused = try await Browser.post(
                client, "/operator/login", fields, cookies: [OperatorCookies.login: cookie], origin: origin)
            #expect(refused.status == .forbidden)
            #expect(Browser.cookies(refused)[OperatorCookies.session] == nil)
            #expect(String(buffer: refused.body).contains("non è del back office"))
            // A logged-in operator's message: refused, nothing stored.
            let number = try await Browser.submit(client, portal: "prova")
            let session = try await Browser.session(client, "anna")
            let url = "/operator/prova/pratiche/\(number)"
            let caseToken = try #require(Browser.token(try await Browser.get(client, url, session: session)))
            let message = try await Browser.post(
                client, url + "/messaggi", [("_csrf", caseToken), ("testo", "Buongiorno")],
                cookies: [OperatorCookies.session: session], origin: origin)
            #expect(message.status == .forbidden)
            let database = try #require(operators.app.portals["prova"]).database
            #expect(
                try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") } == 0
            )
            // The daemon's own origin (public_url, the portal's intake_url) is accepted.
            let own = try await Browser.post(
                client, url + "/messaggi", [("_csrf", caseToken), ("testo", "Buongiorno")],
                cookies: [OperatorCookies.session: session], origin: "https://servizi.example.it")
            #expect(own.status == .seeOther)
        }
    }

    @Test("a cookie planted before login never becomes the session: every login makes a new id")
    func noFixation() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let planted = RandomToken.make()
            let response = try await Browser.login(client, "anna", extra: [OperatorCookies.session: planted])
            let first = try #require(Browser.cookies(response)[OperatorCookies.session]).value
            let second = try await Browser.session(client, "anna")
            #expect(first != planted && second != first && RandomToken.isWellFormed(first))
            #expect(try await Browser.get(client, "/operator/", session: planted).status == .seeOther)
        }
    }

    @Test("logout is a POST with the session's token: it ends the session and removes the cookie; without it, 403")
    func logout() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let home = try await Browser.get(client, "/operator/", session: session)
            let token = try #require(Browser.token(home))
            let cookies = [OperatorCookies.session: session]
            for fields in [[], [("_csrf", RandomToken.make())]] {
                #expect(
                    try await Browser.post(client, "/operator/logout", fields, cookies: cookies).status == .forbidden)
            }
            #expect(try await Browser.get(client, "/operator/", session: session).status == .ok)
            #expect(try await client.execute(uri: "/operator/logout", method: .get).status == .methodNotAllowed)
            let out = try await Browser.post(client, "/operator/logout", [("_csrf", token)], cookies: cookies)
            #expect(out.status == .seeOther && out.headers[.location] == "/operator/login")
            #expect(
                Browser.attributes(try #require(Browser.cookies(out)[OperatorCookies.session]).line).contains(
                    "Max-Age=0"))
            let after = try await Browser.get(client, "/operator/", session: session)
            #expect(after.status == .seeOther && after.headers[.location] == "/operator/login")
        }
    }

    @Test("a session unused for 30 minutes ends; each request restarts the 30 minutes")
    func idleTimeout() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            operators.advance(29 * 60)
            #expect(try await Browser.get(client, "/operator/", session: session).status == .ok)
            operators.advance(29 * 60)
            #expect(try await Browser.get(client, "/operator/", session: session).status == .ok)
            operators.advance(30 * 60 + 1)
            #expect(try await Browser.get(client, "/operator/", session: session).status == .seeOther)
            operators.advance(-30 * 60)
            #expect(try await Browser.get(client, "/operator/", session: session).status == .seeOther)
        }
    }

    @Test("disabling a user or changing their password ends their sessions")
    func disableEndsSessions() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let anna = try await Browser.session(client, "anna")
            let capo = try await Browser.session(client, "capo")
            try await operators.app.accounts.disableUser("anna", at: IntakeFixture.now)
            try await operators.app.accounts.setPasswordHash("x", forUser: "capo")
            for session in [anna, capo] {
                #expect(try await Browser.get(client, "/operator/", session: session).status == .seeOther)
            }
        }
    }
}
