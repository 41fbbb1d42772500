import ArgumentParser

// `stdout` is a C global; Foundation is not imported here so that this import decides its checking.
#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// The `piazza` command: builds welfare portals and runs their intake daemon.
@main
struct Piazza: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "piazza",
        abstract: "Build territorial welfare portals and run the service behind their forms.",
        version: Version.current,
        subcommands: [
            Build.self, Check.self, Serve.self, New.self, Rollback.self, Daemon.self, User.self, Report.self,
            Audit.self, Retention.self, Backup.self, Merchants.self,
        ]
    )

    /// Runs the command with standard output flushed at every line.
    ///
    /// C stdio buffers standard output in 4 KiB blocks when it is a pipe or a file, so under a
    /// process manager, `make serve | tee` or `piazza serve > log` the "serving … at http://…" line
    /// would appear only when the process exits. Line buffering, set once before any command
    /// prints, makes every status line of every command visible as it is written.
    ///
    /// A usage error (an unknown option, a failed `validate()`) exits 1 as PRODUCT.md §3 sets for
    /// every content or usage error, not swift-argument-parser's EX_USAGE (64).
    static func main() async {
        setvbuf(stdout, nil, _IOLBF, 0)
        do {
            var command = try parseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            fputs(fullMessage(for: error) + "\n", stderr)
            exit(withError: ExitCode(1))
        }
    }
}
