import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// One request and the status it must get.
struct EdgeRequest: Sendable, CustomTestStringConvertible {
    var status: HTTPResponse.Status
    var method: HTTPRequest.Method = .get
    var uri: String
    var headers: HTTPFields = [:]
    var body: [UInt8]? = nil
    /// How many times it is sent (the rate limit needs several); the last answer counts.
    var times = 1

    var testDescription: String { "\(status.code) \(method) \(uri)" }

    static let valid = Array(String(buffer: IntakeFixture.body(IntakeFixture.fields())).utf8)
    static let form: HTTPFields = IntakeFixture.formHeaders

    static let all: [EdgeRequest] = [
        .init(status: .ok, uri: "/healthz"),
        .init(status: .ok, uri: "/metrics"),
        .init(status: .ok, uri: "/assets/style.css"),
        .init(status: .ok, uri: "/grazie/prova"),
        .init(status: .seeOther, method: .post, uri: "/forms/prova/domanda", headers: form, body: valid),
        .init(status: .seeOther, uri: "/forms/prova/domanda"),
        .init(
            status: .badRequest, method: .post, uri: "/forms/prova/domanda", headers: form,
            body: valid + Array("&note=".utf8) + [0xFF]),
        .init(status: .notFound, uri: "/nowhere"),
        .init(status: .notFound, uri: "/metrics", headers: [.init("X-Forwarded-For")!: "203.0.113.7"]),
        .init(status: .notFound, uri: "/r/AAAAAAAAAAAAAAAAAAAAAAAAAA"),
        .init(status: .methodNotAllowed, method: .put, uri: "/healthz"),
        .init(status: .methodNotAllowed, method: .delete, uri: "/forms/prova/domanda"),
        .init(
            status: .contentTooLarge, method: .post, uri: "/forms/prova/domanda", headers: form,
            body: valid + Array(repeating: 0x61, count: 70_000)),
        .init(
            status: .unprocessableContent, method: .post, uri: "/forms/prova/domanda", headers: form,
            body: Array("nome=".utf8)),
        .init(
            status: .tooManyRequests, method: .post, uri: "/forms/prova/domanda", headers: form, body: valid, times: 3),
    ]
}

@Suite("Security headers on every answer")
struct ResponseHeadersTests {
    @Test("every route and status carries the security headers and HSTS", arguments: EdgeRequest.all)
    func everyAnswer(request: EdgeRequest) async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app {
            $0.https = true
            $0.trustedProxies = AddressRange.loopback
            $0.limits.perIPPerMinute = 2
        }
        try await app.buildApplication().test(.live) { client in
            var headers = request.headers
            if headers[.init("X-Forwarded-For")!] == nil { headers[.init("X-Forwarded-For")!] = "127.0.0.1" }
            var response: TestResponse?
            for _ in 0..<request.times {
                response = try await client.execute(
                    uri: request.uri, method: request.method, headers: headers,
                    body: request.body.map { ByteBuffer(bytes: $0) })
            }
            let answer = try #require(response)
            #expect(answer.status == request.status)
            #expect(answer.headers[.strictTransportSecurity] == "max-age=31536000")
            #expect(answer.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(answer.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(answer.headers[.init("Referrer-Policy")!] == "same-origin")
            #expect(answer.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test("without https there is no HSTS, and the other headers stay")
    func noHSTS() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.headers[.strictTransportSecurity] == nil)
            #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
        }
    }
}
