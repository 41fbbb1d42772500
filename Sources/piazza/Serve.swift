import ArgumentParser
import Foundation
import PiazzaSite

/// `piazza serve`: builds, then serves the sites on localhost.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the sites and serve them on localhost for preview.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Where to write the sites.")
    var output = "site"

    @Option(help: "Port to listen on (127.0.0.1).")
    var port = 8080

    func run() async throws {
        let builder = SiteBuilder(options: site.builderOptions(output: output), logger: site.logger("piazza.serve"))
        do {
            let report = try builder.build()
            Failure.printWarnings(report.warnings)
        } catch {
            throw Failure.report(error)
        }
        print("serving \(output)/ at http://127.0.0.1:\(port)/ (Ctrl-C to stop)")
        try await PreviewServer(root: output, port: port, logger: site.logger("piazza.serve")).run()
    }
}
