import AsyncHTTPClient
import Foundation
import NIOCore
import Subprocess

/// The real `piazza daemon` running as a child process on a fixture tree, for durability tests.
final class DaemonProcess: @unchecked Sendable {
    /// `piazza` next to the test bundle, else in `.build/debug`.
    static let binary: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("piazza"),
            IntakeFixture.repository.appendingPathComponent(".build/debug/piazza"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    let root: URL
    let port: Int
    private var command: PipedCommand?

    /// Writes a content tree whose form is open now, and a config listening on a free-looking port.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-daemon-\(UUID().uuidString)")
        try IntakeFixture.writeContent(
            at: root.appendingPathComponent("content"), opens: "2020-01-01 00:00", closes: "2099-12-31 23:59")
        port = Self.freePort()
        let config = """
            listen: 127.0.0.1:\(port)
            content: content
            theme: \(IntakeFixture.repository.appendingPathComponent("themes/default").path)
            data: data
            limits: { body_bytes: 65536, file_bytes: 16384, per_ip_per_minute: 1000000 }
            """
        try config.write(to: configFile, atomically: true, encoding: .utf8)
    }

    /// A port the kernel reports free now (bound to port 0, then released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int.random(in: 20_000...40_000)
    }

    var configFile: URL { root.appendingPathComponent("piazza.yaml") }
    var databasePath: String { root.appendingPathComponent("data/prova/piazza.sqlite").path }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit {
        command?.send(.kill)
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs `body` with an HTTP client that does not follow redirects, shutting it down afterwards.
    static func withClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Starts the daemon and waits until `/healthz` answers.
    func start(client: HTTPClient) async throws {
        let command = try await PipedCommand(["daemon", "--config", configFile.path], in: root)
        self.command = command
        for _ in 0..<200 {
            if let response = try? await client.execute(
                HTTPClientRequest(url: baseURL + "/healthz"), timeout: .seconds(1)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: command.output])
    }

    /// Sends a signal to the daemon and waits for it to exit (at most a minute, then SIGKILL); returns
    /// its exit status, or the signal that ended it.
    @discardableResult
    func stop(signal: Int32) async -> Int32 {
        guard let command else { return -1 }
        command.send(Signal(rawValue: signal))
        if (try? await command.exitStatus()) ?? nil == nil { command.send(.kill) }
        self.command = nil
        switch (try? await command.exitStatus()) ?? nil {
        case .exited(let code)?, .signaled(let code)?: return code
        case nil: return -1
        }
    }

    /// Posts one valid application with a unique key; the receipt token on 303, else `nil`.
    func post(_ client: HTTPClient, key: String) async -> String? {
        var request = HTTPClientRequest(url: baseURL + "/forms/prova/domanda")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(IntakeFixture.body(IntakeFixture.fields([("_key", key)])))
        guard let response = try? await client.execute(request, timeout: .seconds(3)), response.status == .seeOther,
            let location = response.headers.first(name: "Location")
        else { return nil }
        return String(location.dropFirst(3))
    }
}
