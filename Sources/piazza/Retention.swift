import ArgumentParser
import Foundation
import PiazzaIntake

/// `piazza retention`: anonymise the cases whose retention period has ended (docs/OPERATORS.md,
/// *Conservazione dei dati*).
struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Data retention of the intake databases.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Anonymise the cases of every form whose retention_years have passed since the bando closed.",
            discussion: "Safe to repeat and to run while the daemon runs; the daemon also runs it daily.")

        @Option(help: "The daemon's config file (see piazza.example.yaml).")
        var config = "piazza.yaml"

        func run() async throws {
            do {
                for report in try await PiazzaIntake.Retention.run(configFile: URL(fileURLWithPath: config)) {
                    print(
                        "\(report.portal): \(report.anonymised) cases anonymised, \(report.filesRemoved) files removed")
                }
            } catch {
                throw Failure.report(error)
            }
        }
    }
}
