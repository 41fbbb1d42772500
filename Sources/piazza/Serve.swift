import ArgumentParser
import Foundation
import Logging
import PiazzaContent
import PiazzaIntake
import PiazzaRender
import PiazzaSite

/// `piazza serve`: builds, serves the sites on localhost and receives their forms into a scratch
/// database, so an editor can try a form end to end without touching production data.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the sites, serve them on localhost and receive their forms on a scratch database.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Where to write the sites.")
    var output = "site"

    @Option(help: "Port of the preview (127.0.0.1).")
    var port = 8080

    @Option(help: "Port of the preview intake daemon that receives the forms (127.0.0.1).")
    var intakePort = 8081

    func run() async throws {
        let intakeURL = "http://127.0.0.1:\(intakePort)"
        let logger = site.logger("piazza.serve")
        let builder = SiteBuilder(options: site.builderOptions(output: output, intakeURL: intakeURL), logger: logger)
        let intake: IntakeApp
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-serve-\(getpid())")
        // Preview applications are test data: they go when the preview stops, however it stops.
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            let report = try builder.build()
            Failure.printWarnings(report.warnings)
            let content = try ContentTree.load(from: site.contentURL, portals: site.portals.isEmpty ? nil : site.portals)
                .replacingIntakeURL(intakeURL)
            let config = DaemonConfig(
                port: intakePort, contentFolder: site.contentURL, themeFolder: site.themeURL, dataFolder: scratch)
            intake = try IntakeApp(config: config, content: content, theme: Theme.load(from: site.themeURL), logger: logger)
        } catch {
            throw Failure.report(error)
        }
        let announcement = """
            serving \(output)/ at http://127.0.0.1:\(port)/ (Ctrl-C to stop)
            forms post to \(intakeURL); applications go to a scratch database in \(scratch.path)
            """
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await PreviewServer(root: output, port: port, logger: logger).run { print(announcement) }
                } catch {
                    throw ServeError(option: "--port", port: port, cause: error)
                }
            }
            group.addTask {
                do {
                    try await intake.application().runService()
                } catch {
                    throw ServeError(option: "--intake-port", port: intakePort, cause: error)
                }
            }
            // One server that stops (a port in use) ends the preview: never half of it left running.
            do {
                try await group.next()
            } catch {
                group.cancelAll()
                throw Failure.report(error)
            }
            group.cancelAll()
        }
    }
}

/// A preview server that could not start or stopped, with the option that sets its port.
struct ServeError: Error, CustomStringConvertible {
    var option: String
    var port: Int
    var cause: any Error

    var description: String {
        "error: the preview on 127.0.0.1:\(port) (\(option)) stopped: \(cause); if the port is in use, stop the other process or pass \(option) with a free port"
    }
}
