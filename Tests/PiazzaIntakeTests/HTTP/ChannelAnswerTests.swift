import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// A request the HTTP parser refuses before any route sees it, as raw bytes.
struct UnparsableRequest: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var text: String

    static let all: [UnparsableRequest] = [
        .init(testDescription: "an unknown method", text: "FROB /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        .init(
            testDescription: "a folded header line",
            text: "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Uno: a\r\n  b\r\n\r\n"),
        .init(
            testDescription: "two Content-Length",
            text: "POST /forms/prova/domanda HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                + "Content-Length: 4\r\n\r\nabc"),
        .init(
            testDescription: "a 100 KB header",
            text: "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n"
        ),
    ]
}

@Suite("Answers written below the router: parser errors, timeouts, Expect, over real sockets")
struct ChannelAnswerTests {
    /// Whether a raw answer carries every security header of the daemon, HSTS included.
    static func hasSecurityHeaders(_ answer: String) -> Bool {
        let head = answer.components(separatedBy: "\r\n\r\n")[0].lowercased()
        return [
            "x-content-type-options: nosniff", "x-frame-options: deny", "referrer-policy: same-origin",
            "content-security-policy: default-src 'self';", "strict-transport-security: max-age=31536000",
        ]
        .allSatisfy { head.contains("\r\n" + $0) }
    }

    static func post(length: Int, version: String = "1.1", expect: Bool = false) -> String {
        "POST /forms/prova/domanda HTTP/\(version)\r\nHost: localhost\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(length)\r\n"
            + (expect ? "Expect: 100-continue\r\n" : "") + "\r\n"
    }

    @Test("a request the HTTP parser refuses gets 400 with the security headers", arguments: UnparsableRequest.all)
    func parserRefusal(request: UnparsableRequest) async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app { $0.https = true }
        try await app.buildApplication().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send(request.text)
            // Generous: the whole suite runs in parallel on two cores in CI.
            let (answer, closed) = try await connection.read(until: "\r\n\r\n", seconds: 10)
            #expect(answer.hasPrefix("HTTP/1.1 400"), "closed: \(closed)")
            #expect(Self.hasSecurityHeaders(answer), "\(answer)")
        }
    }

    @Test(
        "a body that stops is answered 408 with the security headers and closed, whichever timer fires first",
        arguments: [DaemonConfig.Timeouts(bodySeconds: 1, idleSeconds: 30), .init(bodySeconds: 30, idleSeconds: 1)])
    func stoppedBody(timeouts: DaemonConfig.Timeouts) async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app {
            $0.https = true
            $0.timeouts = timeouts
        }
        try await app.buildApplication().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send(Self.post(length: 500) + "nome=Ma")
            let answer = try await connection.read(seconds: 8)
            #expect(answer.text.hasPrefix("HTTP/1.1 408"))
            #expect(Self.hasSecurityHeaders(answer.text), "\(answer.text)")
            #expect(answer.closed)
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("Expect: 100-continue in an HTTP/1.0 request is ignored (RFC 9110 §10.1.1): no 100, the body is read")
    func expectOnHTTP10() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            let body = String(buffer: IntakeFixture.body(IntakeFixture.fields()))
            connection.send(Self.post(length: body.utf8.count, version: "1.0", expect: true))
            #expect(try await connection.read(seconds: 1).text.isEmpty)
            connection.send(body)
            let answer = try await connection.read(until: "\r\n\r\n", seconds: 10).text
            #expect(answer.contains(" 303 "))
            #expect(!answer.contains("100 Continue"))
            #expect(try fixture.applicationCount() == 1)
        }
    }

    @Test("forms may post only to the daemon and the portals' intake origins, never to any https host")
    func formAction() async throws {
        let fixture = try IntakeFixture(publicURL: "https://moduli.example.it:8443/piazza")
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(
                policy.contains(
                    "form-action 'self' https://moduli.example.it:8443 https://servizi.example.it; frame-ancestors"))
        }
    }
}
