import ArgumentParser
import Foundation
import PiazzaIntake

extension ReportFormat: ExpressibleByArgument {}

/// `piazza report`: one form's applications as CSV for Italian Excel or JSON on standard output,
/// the same bytes as the back office's export (docs/OPERATORS.md, *Exports*).
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a form's applications as CSV (Italian Excel) or JSON, as the back office exports them.")

    @Option(help: "The daemon's config file (see piazza.example.yaml).")
    var config = "piazza.yaml"
    @Option(help: "The portal (its folder name under content/).")
    var portal: String
    @Option(help: "The form (its file name under forms/, without .yaml).")
    var form: String
    @Option(help: "csv or json.")
    var format: ReportFormat = .csv
    @Option(help: "Only applications submitted on or after this day (YYYY-MM-DD, Rome).")
    var since: String?

    func run() async throws {
        do {
            let report = try ReportCommand(configFile: URL(fileURLWithPath: config))
            try await report.write(
                portal: portal, form: form, format: format, since: since, to: FileHandle.standardOutput)
        } catch {
            throw Failure.report(error)
        }
    }
}
