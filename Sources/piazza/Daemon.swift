import ArgumentParser
import Foundation
import Logging
import PiazzaContent
import PiazzaIntake
import PiazzaRender

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
        let settings: DaemonConfig
        do {
            settings = try DaemonConfig.load(from: URL(fileURLWithPath: config))
        } catch {
            throw Failure.report(error)
        }
        var logger = Logger(label: "piazza.daemon")
        logger.logLevel = verbose ? .debug : .info
        let app: IntakeApp
        do {
            let content = try ContentTree.load(from: settings.contentFolder, portals: settings.portals)
            Failure.printWarnings(content.warnings)
            let theme = try Theme.load(from: settings.themeFolder)
            app = try IntakeApp(config: settings, content: content, theme: theme, logger: logger)
        } catch {
            throw Failure.report(error)
        }
        logger.info(
            "daemon starting",
            metadata: ["listen": "\(settings.host):\(settings.port)", "data": "\(settings.dataFolder.path)"])
        do {
            try await app.run()
        } catch {
            throw Failure.report(error)
        }
        logger.info("daemon stopped")
    }
}
