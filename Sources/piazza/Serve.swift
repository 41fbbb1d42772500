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
                try await PreviewServer(root: output, port: port, logger: logger).run { print(announcement) }
            }
            group.addTask { try await intake.application().runService() }
            try await group.waitForAll()
        }
    }
}
