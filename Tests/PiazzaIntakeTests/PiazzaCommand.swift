import Foundation
import Subprocess
import Synchronization
import SystemPackage

@testable import PiazzaIntake

/// What a finished run of the `piazza` binary left.
struct CommandOutcome: Sendable {
    var status: TerminationStatus
    var standardOutput: String
    var standardError: String

    /// Both streams, output first, for assertions that do not mind which one a message went to.
    var output: String { standardOutput + standardError }
}

/// Runs the real `piazza` binary (``DaemonProcess/binary``) with `arguments` and `input` on its standard
/// input, in `directory` (else the current one), with `environment` (else this process's), until it exits.
func runPiazza(
    _ arguments: [String], input: String = "", in directory: URL? = nil, environment: Environment = .inherit
) async throws -> CommandOutcome {
    let stdin = try CommandInput()
    let result = try await run(
        .path(FilePath(try PipedCommand.binary().path)), arguments: Arguments(arguments), environment: environment,
        workingDirectory: directory.map { FilePath($0.path) }, input: stdin.subprocessInput,
        output: .string(limit: 1 << 22), error: .string(limit: 1 << 22)
    ) { _ in await stdin.write(Data(input.utf8)) }
    return CommandOutcome(
        status: result.terminationStatus, standardOutput: result.standardOutput, standardError: result.standardError)
}

/// The real `piazza` binary running as a child process with its standard output and error going to
/// one pipe, as under a process manager or `piazza serve > log`: what it prints is collected as it
/// arrives. Nothing here holds a thread while it waits.
final class PipedCommand: Sendable {
    private enum Request: Sendable {
        case signal(Signal)
        case stop
    }

    /// Filled by the task that runs the child.
    private final class State: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let ended = Mutex(false)
    }

    private let state = State()
    private let requests: AsyncStream<Request>.Continuation
    private let task: Task<TerminationStatus?, Never>

    /// `DaemonProcess.binary`, or an error saying to build it.
    static func binary() throws -> URL {
        guard let binary = DaemonProcess.binary else { throw CocoaError(.executableNotLoadable) }
        return binary
    }

    /// Starts `piazza <arguments>` in `directory`; returns once it runs.
    ///
    /// - Throws: Subprocess's error when it cannot start.
    init(_ arguments: [String], in directory: URL) async throws {
        let (stream, requests) = AsyncStream.makeStream(of: Request.self)
        let (started, start) = AsyncStream.makeStream(of: (any Error)?.self)
        let (state, binary) = (state, try Self.binary())
        self.requests = requests
        task = Task {
            defer { state.ended.withLock { $0 = true } }
            do {
                return try await run(
                    .path(FilePath(binary.path)), arguments: Arguments(arguments),
                    workingDirectory: FilePath(directory.path), input: .none, output: .sequence,
                    error: .combinedWithOutput
                ) { execution in
                    start.yield(nil)
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            // A read error ends the collection early; the exit status still comes.
                            do {
                                for try await buffer in execution.standardOutput {
                                    buffer.withUnsafeBytes { bytes in state.bytes.withLock { $0 += bytes } }
                                }
                            } catch {}
                        }
                        group.addTask {
                            for await request in stream {
                                switch request {
                                case .signal(let signal): try? execution.send(signal: signal)
                                case .stop:
                                    await execution.teardown(using: [
                                        .gracefulShutDown(allowedDurationToNextStep: .seconds(10))
                                    ])
                                }
                            }
                        }
                        // The output ends when the child does; the requests only once this value is gone.
                        await group.next()
                        group.cancelAll()
                    }
                }.terminationStatus
            } catch {
                start.yield(error)
                return nil
            }
        }
        for await failure in started {
            if let failure { throw failure }
            break
        }
    }

    /// Stops the child if it still runs (SIGTERM, SIGKILL 10 s later), without waiting.
    deinit { stop() }

    /// Everything received so far, for assertions and failure messages.
    var output: String { state.bytes.withLock { String(decoding: $0, as: UTF8.self) } }

    var isRunning: Bool { !state.ended.withLock { $0 } }

    /// The first complete line satisfying `match`, seen while the child is still running; `nil` when it
    /// exits first or `timeout` passes.
    func line(where match: (Substring) -> Bool, timeout: Duration = .seconds(60)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline && isRunning {
            let text = output
            if let line = text.split(separator: "\n").dropLast(text.hasSuffix("\n") ? 0 : 1).first(where: match) {
                return String(line)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Sends `signal` to the child, without waiting.
    func send(_ signal: Signal) { requests.yield(.signal(signal)) }

    /// Asks the child to stop (SIGTERM, then SIGKILL after 10 s), without waiting; ``exitStatus(timeout:)``
    /// waits.
    func stop() { requests.yield(.stop) }

    /// How the child ended; `nil` if it still runs after `timeout`.
    func exitStatus(timeout: Duration = .seconds(60)) async throws -> TerminationStatus? {
        let deadline = ContinuousClock.now + timeout
        while isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return isRunning ? nil : await task.value
    }
}

extension PipedCommand {
    /// `piazza serve` in `root`: its `content` folder with the repository's themes, built into
    /// `site`, the site served on `port` and the daemon on `intakePort`.
    static func serve(in root: URL, port: Int, intakePort: Int) async throws -> PipedCommand {
        try await PipedCommand(
            [
                "serve", "--content", "content", "--themes",
                IntakeFixture.repository.appendingPathComponent("themes").path,
                "--output", "site", "--port", "\(port)", "--intake-port", "\(intakePort)",
            ], in: root)
    }
}
