import AsyncHTTPClient
import Foundation
import NIOCore
import Subprocess
import Testing

@Suite(
    "Status lines reach a pipe while the command runs",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct CommandOutputTests {
    @Test("piazza serve announces its URL through a pipe, and the URL already answers")
    func serve() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        let (port, intakePort) = (DaemonProcess.freePort(), DaemonProcess.freePort())
        let command = try await PipedCommand.serve(in: root, port: port, intakePort: intakePort)
        defer { command.stop() }
        let line = try await command.line { $0.hasPrefix("serving ") }
        #expect(
            line == "serving .piazza/site.preview/site/ at http://127.0.0.1:\(port)/ (Ctrl-C to stop)",
            "output: \(command.output)")
        let status = try await DaemonProcess.withClient { client in
            try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/"), timeout: .seconds(5)).status
        }
        #expect(status == .ok)
    }

    @Test("piazza serve prints a preview admin's login, and that login opens the back office")
    func serveOperatorLogin() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        let intakePort = DaemonProcess.freePort()
        let command = try await PipedCommand.serve(in: root, port: DaemonProcess.freePort(), intakePort: intakePort)
        defer { command.stop() }
        let prefix = "operator back office at http://127.0.0.1:\(intakePort)/operator/login: user anteprima, password "
        let line = try #require(try await command.line { $0.hasPrefix(prefix) }, "output: \(command.output)")
        let password = try #require(line.dropFirst(prefix.count).split(separator: " ").first.map(String.init))
        #expect(line.hasSuffix(" (preview only)") && password.count >= 12, "line: \(line)")

        let intake = "http://127.0.0.1:\(intakePort)"
        try await DaemonProcess.withClient { client in
            let page = try await client.execute(
                HTTPClientRequest(url: "\(intake)/operator/login"), timeout: .seconds(5))
            let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
            let token = try #require(html.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            let loginCookie = try #require(
                page.headers["Set-Cookie"].first { $0.hasPrefix("piazza_accesso=") }?.split(separator: ";").first)
            var login = HTTPClientRequest(url: "\(intake)/operator/login")
            login.method = .POST
            login.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            login.headers.add(name: "Cookie", value: String(loginCookie))
            login.body = .bytes(ByteBuffer(string: "_csrf=\(token)&nome=anteprima&password=\(password)"))
            let response = try await client.execute(login, timeout: .seconds(10))
            #expect(response.status == .seeOther && response.headers["Location"] == ["/operator/"])
            #expect(
                response.headers["Set-Cookie"].contains {
                    $0.hasPrefix("piazza_operatore=") && !$0.contains("Max-Age=0")
                },
                "headers: \(response.headers)")
        }
    }

    @Test(
        "piazza serve stops with exit 1 and names the option when either port is in use",
        arguments: ["--port", "--intake-port"])
    func portInUse(option: String) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        let (socket, busy) = try #require(Self.listeningSocket())
        defer { close(socket) }
        let ports = option == "--port" ? (busy, DaemonProcess.freePort()) : (DaemonProcess.freePort(), busy)
        let command = try await PipedCommand.serve(in: root, port: ports.0, intakePort: ports.1)
        defer { command.stop() }
        #expect(try await command.exitStatus() == .exited(1), "output: \(command.output)")
        #expect(
            command.output.contains(
                "error: the preview on 127.0.0.1:\(busy) (\(option)) cannot run: Address already in use (errno 98); ")
                && command.output.contains("pass \(option) with a free port"),
            "output: \(command.output)")
        // Checked before the build: nothing built, no server's own error lines.
        #expect(!command.output.contains("HummingbirdCore"), "output: \(command.output)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".piazza").path))
    }

    @Test("piazza serve removes its scratch database when it stops")
    func scratchRemoved() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try IntakeFixture.writeContent(at: root.appendingPathComponent("content"))
        let command = try await PipedCommand.serve(
            in: root, port: DaemonProcess.freePort(), intakePort: DaemonProcess.freePort())
        let line = try #require(
            try await command.line { $0.contains("scratch database in ") }, "output: \(command.output)")
        let scratch = String(line[line.range(of: "scratch database in ")!.upperBound...])
        #expect(FileManager.default.fileExists(atPath: scratch))
        command.stop()
        #expect(try await command.exitStatus() != nil)
        #expect(!FileManager.default.fileExists(atPath: scratch), "output: \(command.output)")
    }

    /// A socket listening on a free loopback port, held by the test: (descriptor, port).
    private static func listeningSocket() -> (Int32, Int)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && listen(fd, 8) == 0
                    && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard listening else {
            close(fd)
            return nil
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test("piazza daemon reports where it listens through a pipe while it runs")
    func daemon() async throws {
        let daemon = try DaemonProcess()
        let command = try await PipedCommand(["daemon", "--config", daemon.configFile.path], in: daemon.root)
        defer { command.stop() }
        let line = try await command.line { $0.contains("127.0.0.1:\(daemon.port)") }
        #expect(line != nil, "output: \(command.output)")
    }
}
