import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("HEAD and 405")
struct HTTPMethodTests {
    @Test("every GET route answers HEAD with the same status and headers and no body")
    func head() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let posted = try await IntakeFixture.post(client, IntakeFixture.fields())
            let receipt = try #require(posted.headers[.location])
            for uri in [receipt, "/healthz", "/assets/style.css", "/grazie/prova", "/forms/prova/domanda", "/r/nope"] {
                let get = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.status == get.status, "\(uri)")
                #expect(head.headers.withoutDate == get.headers.withoutDate, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
                #expect(get.status == .notFound || get.headers[.contentLength] != nil, "\(uri)")
            }
        }
    }

    @Test(
        "another method on a known path answers 405 with Allow",
        arguments: [
            (HTTPRequest.Method.put, "/healthz", "GET, HEAD"),
            (.post, "/r/AAAAAAAAAAAAAAAAAAAAAAAAAA", "GET, HEAD"),
            (.delete, "/assets/style.css", "GET, HEAD"),
            (.patch, "/forms/prova/domanda", "GET, HEAD, POST"),
            (.options, "/grazie/prova", "GET, HEAD"),
        ])
    func methodNotAllowed(method: HTTPRequest.Method, uri: String, allow: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await client.execute(uri: uri, method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
            #expect(String(buffer: response.body).contains("Richiesta non consentita"))
        }
    }

    @Test("the 405 of a portal's path is in the portal's look; an unknown path stays 404")
    func themed() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let portal = try await client.execute(uri: "/forms/prova/domanda", method: .put)
            #expect(String(buffer: portal.body).contains("Prova Welfare"))
            let elsewhere = try await client.execute(uri: "/healthz", method: .put)
            #expect(!String(buffer: elsewhere.body).contains("Prova Welfare"))
            let unknown = try await client.execute(uri: "/forms/prova/domanda/altro", method: .put)
            #expect(unknown.status == .notFound)
        }
    }
}
