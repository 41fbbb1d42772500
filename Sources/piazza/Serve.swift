import ArgumentParser
import Foundation
import PiazzaServe

/// `piazza serve`: builds, serves the sites on localhost and receives their forms into a scratch
/// database (``Preview``), so an editor can try a form end to end without touching production data.
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

    func validate() throws {
        for (option, value) in [("--port", port), ("--intake-port", intakePort)] where !(1...65_535).contains(value) {
            throw ValidationError("\(option) is \(value); pass a port from 1 to 65535")
        }
        if port == intakePort {
            throw ValidationError("--port and --intake-port are both \(port); pass two different ports")
        }
    }

    func run() async throws {
        let preview = Preview(
            site: site.builderOptions(output: output), port: port, intakePort: intakePort,
            logger: site.logger("piazza.serve"))
        do {
            let built = try preview.build()
            Failure.printWarnings(built.warnings)
            try await preview.run(built) {
                print(
                    """
                    serving \(output)/ at \(preview.address) (Ctrl-C to stop)
                    forms post to \(preview.intakeURL); applications go to a scratch database in \(preview.scratch.path)
                    operator back office at \(preview.operatorURL): user \(preview.account.name), password \(preview.account.password) (preview only)
                    """)
            }
        } catch {
            throw Failure.report(error)
        }
    }
}
