import AsyncHTTPClient
import Foundation
import Synchronization
import Testing

/// The real `piazza` binary with its standard output and error going to pipes, as under a
/// process manager or `piazza serve > log`: what it prints is collected as it arrives.
final class PipedCommand {
    /// Filled by the pipe's reader thread.
    private final class Received: Sendable {
        let text = Mutex("")
    }

    private let process: Process
    private let received = Received()

    init(_ arguments: [String], in directory: URL) throws {
        process = Process()
        process.executableURL = DaemonProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [received] handle in
            let data = handle.availableData
            received.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// The first complete line satisfying `match`, seen while the process is still running;
    /// `nil` when it exits first or `timeout` passes.
    func line(where match: (Substring) -> Bool, timeout: Duration = .seconds(60)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline && process.isRunning {
            let text = output
            if let line = text.split(separator: "\n").dropLast(text.hasSuffix("\n") ? 0 : 1).first(where: match) {
                return String(line)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Everything received so far, for failure messages.
    var output: String { received.text.withLock { $0 } }

    /// Stops the process with SIGTERM and waits for it.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }
}

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
        let command = try PipedCommand(
            [
                "serve", "--content", "content", "--themes", IntakeFixture.repository.appendingPathComponent("themes").path,
                "--output", "site", "--port", "\(port)", "--intake-port", "\(intakePort)",
            ], in: root)
        defer { command.stop() }
        let line = try await command.line { $0.hasPrefix("serving ") }
        #expect(line == "serving site/ at http://127.0.0.1:\(port)/ (Ctrl-C to stop)", "output: \(command.output)")
        let status = try await DaemonProcess.withClient { client in
            try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/"), timeout: .seconds(5)).status
        }
        #expect(status == .ok)
    }

    @Test("piazza daemon reports where it listens through a pipe while it runs")
    func daemon() async throws {
        let daemon = try DaemonProcess()
        let command = try PipedCommand(["daemon", "--config", daemon.configFile.path], in: daemon.root)
        defer { command.stop() }
        let line = try await command.line { $0.contains("127.0.0.1:\(daemon.port)") }
        #expect(line != nil, "output: \(command.output)")
    }
}
