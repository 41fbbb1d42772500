import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Slow clients and Expect: 100-continue, over real sockets")
struct SlowClientTests {
    static func head(length: Int, expect: Bool = false) -> String {
        "POST /forms/prova/domanda HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(length)\r\n"
            + (expect ? "Expect: 100-continue\r\n" : "") + "\r\n"
    }

    @Test("a body trickled one byte at a time is answered 408 and cut off at body_seconds; others are served")
    func tricklingBody() async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app { $0.timeouts = .init(bodySeconds: 1, idleSeconds: 30) }
        try await app.buildApplication().test(.live) { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            let start = Date()
            connection.send(Self.head(length: 500))
            var answer = (text: "", closed: false)
            while !answer.closed && Date().timeIntervalSince(start) < 6 {
                connection.send("a")
                answer = try await connection.read(seconds: 0.2)
            }
            let elapsed = Date().timeIntervalSince(start)
            #expect(answer.text.hasPrefix("HTTP/1.1 408"))
            #expect(answer.closed)
            #expect(elapsed >= 0.9 && elapsed < 5, "cut off after \(elapsed) s")
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a body that arrives in time is stored, even sent in pieces")
    func piecesInTime() async throws {
        let fixture = try IntakeFixture()
        // A deadline far from the pause, so a loaded machine (the whole suite runs in parallel) cannot miss it.
        let app = try fixture.app { $0.timeouts = .init(bodySeconds: 10, idleSeconds: 30) }
        try await app.buildApplication().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            let body = String(buffer: IntakeFixture.body(IntakeFixture.fields()))
            connection.send(Self.head(length: body.utf8.count))
            let middle = body.index(body.startIndex, offsetBy: body.count / 2)
            connection.send(String(body[..<middle]))
            try await Task.sleep(for: .milliseconds(500))
            connection.send(String(body[middle...]))
            #expect(try await connection.read(until: "\r\n\r\n", seconds: 15).text.hasPrefix("HTTP/1.1 303"))
            #expect(try fixture.applicationCount() == 1)
        }
    }

    @Test("a connection with headers trickling, or nothing at all, is closed after idle_seconds")
    func idle() async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app { $0.timeouts = .init(bodySeconds: 30, idleSeconds: 1) }
        try await app.buildApplication().test(.live) { client in
            let port = try #require(client.port)
            let silent = try RawConnection(port: port)
            let trickling = try RawConnection(port: port)
            let start = Date()
            trickling.send("GET /healthz HTTP/1.1\r\n")
            var closed = false
            while !closed && Date().timeIntervalSince(start) < 6 {
                trickling.send("X")
                closed = try await trickling.read(seconds: 0.2).closed
            }
            #expect(closed)
            #expect(Date().timeIntervalSince(start) < 5)
            #expect(try await silent.read(seconds: 5).closed)
        }
    }

    @Test("Expect: 100-continue gets 100 Continue before the body, then the final answer")
    func expectContinue() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            let body = String(buffer: IntakeFixture.body(IntakeFixture.fields()))
            connection.send(Self.head(length: body.utf8.count, expect: true))
            let interim = try await connection.read(until: "\r\n\r\n", seconds: 3)
            #expect(interim.text.hasPrefix("HTTP/1.1 100 Continue\r\n"))
            connection.send(body)
            #expect(try await connection.read(until: "\r\n\r\n", seconds: 15).text.hasPrefix("HTTP/1.1 303"))
            #expect(try fixture.applicationCount() == 1)
        }
    }

    @Test("Expect: 100-continue with a Content-Length over body_bytes gets 413 at once, and the connection closes")
    func expectTooLarge() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send(Self.head(length: 10_000_000, expect: true))
            let answer = try await connection.read(seconds: 10)
            #expect(answer.text.hasPrefix("HTTP/1.1 413"))
            #expect(!answer.text.contains("100 Continue"))
            #expect(answer.text.lowercased().contains("connection: close"))
            #expect(answer.closed)
        }
    }
}
