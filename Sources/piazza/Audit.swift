import ArgumentParser
import Foundation
import PiazzaIntake

/// `piazza audit`: the hash-chained audit logs (see docs/OPERATORS.md, *Registro delle attività*).
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the audit logs of the back office.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no audit entry was changed, removed or reordered; exit 1 naming the first that was.",
            discussion: """
                Without --portal or --logins, checks every portal served and the login log. Prints one line \
                per log; note the head hash of an intact log to detect later removal of its last entries.
                """)

        @Option(name: .customLong("portal"), help: "A portal whose case log to check; repeat for more.")
        var portals: [String] = []
        @Flag(help: "Check the log of logins, failed logins and logouts (in users.sqlite).")
        var logins = false
        @Option(help: "The daemon's config file (see piazza.example.yaml).")
        var config = "piazza.yaml"

        func run() async throws {
            let reports: [AuditVerifier.Report]
            do {
                reports = try await AuditVerifier(configFile: URL(fileURLWithPath: config))
                    .verify(portals: portals, logins: logins)
            } catch {
                throw Failure.report(error)
            }
            for report in reports {
                let line = "\(report.log): \(report.summary)"
                if report.isIntact { print(line) } else { Failure.printError("error: " + line) }
            }
            if reports.contains(where: { !$0.isIntact }) { throw ExitCode(1) }
        }
    }
}
