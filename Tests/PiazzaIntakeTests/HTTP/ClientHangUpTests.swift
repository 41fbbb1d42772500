import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import PiazzaIntake

/// A client that hangs up in the middle of its body is normal life on a phone's network: logged at `info`
/// without anything of the request; a body that is not HTTP stays an error (``ErrorPageMiddleware``).
@Suite("A client hanging up mid-body, over real sockets")
struct ClientHangUpTests {
    typealias Lines = ExportWorkingFilesTests.Lines

    /// The lines logged once one of them contains `text`, waiting for the server's task to get there.
    static func lines(_ lines: Lines, containing text: String) async throws -> [String] {
        for _ in 0..<1000 where !lines.list.withLock({ $0.contains { $0.contains(text) } }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        return lines.list.withLock { $0 }
    }

    @Test("half a body, then the connection closed: one info line, no error, nothing of the post logged")
    func halfBody() async throws {
        let fixture = try IntakeFixture()
        let lines = Lines()
        let app = try fixture.app(logger: Logger(label: "test") { _ in ExportWorkingFilesTests.Recorder(lines: lines) })
        try await app.buildApplication().test(.live) { client in
            var connection: RawConnection? = try RawConnection(port: try #require(client.port))
            connection?.send(SlowClientTests.head(length: 500))
            connection?.send("nome=Maria+Rossi&codice_fiscale=RSSMRA")
            try await Task.sleep(for: .milliseconds(100))
            connection = nil
            let logged = try await Self.lines(lines, containing: "closed the connection")
            #expect(logged.contains { $0.hasPrefix("info client closed the connection before the end of the request") })
            #expect(!logged.contains { $0.hasPrefix("error") || $0.hasPrefix("critical") }, "\(logged)")
            #expect(!logged.contains { $0.contains("Rossi") || $0.contains("RSSMRA") })
            #expect(try fixture.applicationCount() == 0)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test("a chunked body with a broken chunk size is still logged as an error, answered 400 and closed")
    func brokenChunk() async throws {
        let fixture = try IntakeFixture()
        let lines = Lines()
        let app = try fixture.app(logger: Logger(label: "test") { _ in ExportWorkingFilesTests.Recorder(lines: lines) })
        try await app.buildApplication().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send(
                "POST /forms/prova/domanda HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nnome=\r\nzz\r\nMaria\r\n0\r\n\r\n")
            let answer = try await connection.read(until: "\r\n\r\n", seconds: 15)
            #expect(answer.text.hasPrefix("HTTP/1.1 400"))
            let logged = try await Self.lines(lines, containing: "not valid HTTP")
            #expect(
                logged.contains {
                    $0.hasPrefix("error request is not valid HTTP error=invalid character in chunk size header")
                },
                "\(logged)")
            #expect(!logged.contains { $0.contains("closed the connection") })
            #expect(try fixture.applicationCount() == 0)
        }
    }
}
