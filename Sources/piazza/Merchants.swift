import ArgumentParser
import Foundation
import PiazzaIntake

/// `piazza merchants export`: the shops enrolled through the back office as `esercenti.csv` rows, for
/// the portal's content (docs/OPERATORS.md, *Esercenti iscritti sulla mappa*).
struct Merchants: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The shops enrolled for the voucher measures.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the enrolled shops of a portal as esercenti.csv rows (header first).",
            discussion:
                "Columns the enrolment form does not ask are empty; required ones are listed on standard error for the editor to fill."
        )

        @Option(help: "The daemon's config file (see piazza.example.yaml).")
        var config = "piazza.yaml"
        @Option(help: "The portal (its folder name under content/).")
        var portal: String

        func run() async throws {
            do {
                let gaps = try await ReportCommand(configFile: URL(fileURLWithPath: config))
                    .writeMerchants(portal: portal, to: FileHandle.standardOutput)
                for gap in gaps { FileHandle.standardError.write(Data((gap + "\n").utf8)) }
            } catch {
                throw Failure.report(error)
            }
        }
    }
}
