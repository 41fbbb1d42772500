import ArgumentParser
import Foundation
import Logging
import PiazzaIntake

/// `piazza daemon`: receives form submissions and serves receipts until SIGTERM or SIGINT.
struct Daemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the intake daemon: form submissions into SQLite, receipts, health and metrics.")

    @Option(help: "The daemon's config file (see piazza.example.yaml).")
    var config = "piazza.yaml"

    @Flag(help: "Log every request: method, route pattern, status and time (never personal data).")
    var verbose = false

    func run() async throws {
        // Databases, uploads and the secret hold personal data: readable by the daemon's user only.
        umask(0o077)
        var logger = Logger(label: "piazza.daemon")
        logger.logLevel = verbose ? .debug : .info
        do {
            let app = try IntakeApp(configFile: URL(fileURLWithPath: config), logger: logger)
            Failure.printWarnings(app.warnings)
            try await app.run()
        } catch {
            throw Failure.report(error)
        }
    }
}
