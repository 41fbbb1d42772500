import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaRender
import Synchronization
import Testing

@testable import PiazzaIntake

/// A daemon on the intake fixture with back-office users, a clock tests move, and a browser's
/// side of the back office (cookies, tokens read from the pages).
final class OperatorFixture: Sendable {
    let fixture: IntakeFixture
    let app: IntakeApp
    private let clock = MovingClock()

    /// The daemon's clock, which tests move forward.
    final class MovingClock: Sendable {
        let time = Mutex(IntakeFixture.now)
        var now: Date { time.withLock { $0 } }
    }

    static let password = "cavallo batteria graffetta"

    /// Portals `prova` (the intake fixture's) and `altro` (the same files); users `anna` (operator
    /// of `prova`), `bruno` (operator of `altro`), `capo` (admin), `tutor` (tutor of `prova`) and
    /// `negozio` (shop staff of partita IVA 01234560280 in `prova`).
    /// `files` are written into the content tree first, by path (`prova/forms/buoni.yaml`); `change`
    /// adjusts the daemon's settings (a mail command, limits).
    init(
        https: Bool = false, publicURL: String? = nil, files: [String: String] = [:],
        change: (inout DaemonConfig) -> Void = { _ in }
    ) async throws {
        fixture = try IntakeFixture()
        let content = fixture.config.contentFolder
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.copyItem(
            at: content.appendingPathComponent("prova"), to: content.appendingPathComponent("altro"))
        let portalFile = content.appendingPathComponent("altro/portal.yaml")
        let portal = try String(contentsOf: portalFile, encoding: .utf8)
        try portal.replacingOccurrences(of: "Prova Welfare", with: "Altro Welfare")
            .write(to: portalFile, atomically: true, encoding: .utf8)
        var settings = fixture.config
        settings.https = https
        if let publicURL { settings.publicURL = publicURL }
        change(&settings)
        let clock = self.clock
        app = try IntakeApp(
            config: settings, content: ContentTree.load(from: settings.contentFolder),
            theme: Theme.load(from: settings.themeFolder), logger: Logger(label: "test"),
            clock: { clock.now })
        let hash = await PasswordHashing(cost: 4).hash(Self.password)
        for (name, role, portals) in [
            ("anna", Role.operator, ["prova"]), ("bruno", .operator, ["altro"]), ("capo", .admin, []),
            ("tutor", .tutor, ["prova"]), ("negozio", .merchant, ["prova"]),
        ] {
            try await app.accounts.addUser(
                name: name, role: role, portals: portals, merchant: role == .merchant ? "01234560280" : nil,
                passwordHash: hash, at: IntakeFixture.now)
        }
    }

    /// Submits the fixture's valid application to `portal`, with some values changed, and returns
    /// its numero pratica.
    static func submit(
        _ client: some TestClientProtocol, portal: String, _ changes: [(String, String)] = []
    ) async throws -> String {
        let response = try await client.execute(
            uri: "/forms/\(portal)/domanda", method: .post, headers: IntakeFixture.formHeaders,
            body: IntakeFixture.body(IntakeFixture.fields(changes)))
        let token = try #require(response.headers[.location]?.split(separator: "/").last.map(String.init))
        let receipt = String(buffer: try await client.execute(uri: "/r/\(token)", method: .get).body)
        let start = try #require(receipt.range(of: #"<p class="receipt-number">"#))
        return String(receipt[start.upperBound...].prefix { $0 != "<" })
    }

    /// Moves the daemon's clock forward.
    func advance(_ seconds: TimeInterval) { clock.time.withLock { $0 += seconds } }

    /// `name=value` of each `Set-Cookie` of an answer, by name, and the full header lines.
    static func cookies(_ response: TestResponse) -> [String: (value: String, line: String)] {
        var cookies: [String: (String, String)] = [:]
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            cookies[String(pair[0])] = (pair.count > 1 ? String(pair[1]) : "", line)
        }
        return cookies
    }

    /// The attributes of a `Set-Cookie` line (`Path=/operator`, `HttpOnly`…), in whatever order it has them.
    static func attributes(_ line: String) -> Set<String> {
        Set(line.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// The `_csrf` value of the first form of a page.
    static func token(_ response: TestResponse) -> String? {
        let body = String(buffer: response.body)
        guard let range = body.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    /// A form post with the given cookies; `forwardedFor` is the client's address as a trusted proxy
    /// (`trust_proxy`) tells it.
    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)], cookies: [String: String],
        origin: String? = nil, forwardedFor: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        if let forwardedFor { headers[.init("X-Forwarded-For")!] = forwardedFor }
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// A `GET` carrying the session cookie, if any.
    static func get(_ client: some TestClientProtocol, _ uri: String, session: String?) async throws -> TestResponse {
        let headers: HTTPFields = session.map { [.cookie: "\(OperatorCookies.session)=\($0)"] } ?? [:]
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// Opens the login page: the token of its form and the value of its login cookie.
    static func loginForm(_ client: some TestClientProtocol) async throws -> (token: String, cookie: String) {
        let page = try await client.execute(uri: "/operator/login", method: .get)
        return (try #require(token(page)), try #require(cookies(page)[OperatorCookies.login]).value)
    }

    /// Opens the login page and posts `name` and `password` with its token and cookie, plus `extra` cookies
    /// and `fields`, from the address `forwardedFor` (``post(_:_:_:cookies:origin:forwardedFor:)``).
    static func login(
        _ client: some TestClientProtocol, _ name: String, _ password: String = password,
        extra: [String: String] = [:], fields: [(String, String)] = [], forwardedFor: String? = nil
    ) async throws -> TestResponse {
        let (token, cookie) = try await loginForm(client)
        return try await post(
            client, "/operator/login", [("_csrf", token), ("nome", name), ("password", password)] + fields,
            cookies: extra.merging([OperatorCookies.login: cookie]) { _, new in new }, forwardedFor: forwardedFor)
    }

    /// Logs in and returns the session cookie's value.
    static func session(_ client: some TestClientProtocol, _ name: String) async throws -> String {
        let response = try await login(client, name)
        #expect(response.status == .seeOther)
        return try #require(Self.cookies(response)[OperatorCookies.session]).value
    }

    /// A case page of `prova` opened by a logged-in operator: what the case's forms post with.
    struct OpenCase {
        /// The case page (`/operator/prova/pratiche/2026-0000001`).
        let url: String
        let session: String
        /// The `_csrf` value of the page's forms.
        let token: String

        /// Posts `fields` with the page's token and the session to the case's `action` (`importo`,
        /// `messaggi`, `stato`).
        func post(_ client: some TestClientProtocol, _ action: String, _ fields: [(String, String)])
            async throws -> TestResponse
        {
            try await OperatorFixture.post(
                client, url + "/" + action, [("_csrf", token)] + fields,
                cookies: [OperatorCookies.session: session])
        }

        /// The case page as the operator sees it now.
        func page(_ client: some TestClientProtocol) async throws -> String {
            String(buffer: try await OperatorFixture.get(client, url, session: session).body)
        }
    }

    /// Logs `name` in and opens the case page of `number` in `prova`, reading the page's token.
    static func openCase(_ client: some TestClientProtocol, _ number: String, as name: String = "anna")
        async throws -> OpenCase
    {
        let session = try await Self.session(client, name)
        let url = "/operator/prova/pratiche/\(number)"
        let token = try #require(Self.token(try await get(client, url, session: session)))
        return OpenCase(url: url, session: session, token: token)
    }
}
