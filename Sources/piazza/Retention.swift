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
            abstract: "Anonymise the cases past their retention deadline, and bookings past their calendar's.",
            discussion: "Safe to repeat and to run while the daemon runs; the daemon also runs it daily.")

        @Option(help: "The daemon's config file (see piazza.example.yaml).")
        var config = "piazza.yaml"

        func run() async throws {
            do {
                for report in try await PiazzaIntake.Retention.run(configFile: URL(fileURLWithPath: config)) {
                    print(
                        "\(report.portal): \(report.anonymised) cases anonymised, \(report.filesRemoved) files removed, "
                            + "\(report.bookings) bookings anonymised")
                }
            } catch {
                throw Failure.report(error)
            }
        }
    }
}
