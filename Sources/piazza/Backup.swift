import ArgumentParser
import Foundation
import PiazzaIntake

/// `piazza backup`: a consistent copy of the daemon's databases and uploads while it runs
/// (docs/DAEMON.md, *Backup and restore*).
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the databases, uploads and secret of the daemon into a new dated folder, while it runs.",
        discussion: """
            Each database is copied through SQLite's online backup API and checked with PRAGMA integrity_check; \
            uploads are hard-linked (copied on another filesystem). The folder is written as .NAME.partial and \
            renamed when complete. Then the backups of the same portals in that folder older than the --keep \
            latest are deleted: a backup keeps cases that retention has since anonymised, so old copies must not \
            outlive the comune's rule. Run it as the daemon's user. Restore: docs/DAEMON.md, Backup and restore.
            """)

    @Option(
        name: .customLong("portal"),
        help: "Only this portal's database and uploads (repeatable); no accounts, no secret.")
    var portals: [String] = []
    @Option(help: "The folder to create the backup in (default: <data>/backups).")
    var output: String?
    @Option(
        help: ArgumentHelp(
            "How many backups of the same portals to keep in that folder, this one included; older ones are deleted (0: keep all).",
            valueName: "n"))
    var keep = DataBackup.keptByDefault
    @Option(help: "The daemon's config file (see piazza.example.yaml).")
    var config = "piazza.yaml"

    func validate() throws {
        guard keep >= 0 else { throw ValidationError("--keep \(keep): give 0 (keep every backup) or more") }
    }

    func run() throws {
        let report: DataBackup.Report
        do {
            report = try DataBackup(configFile: URL(fileURLWithPath: config))
                .write(portals: portals, into: output.map { URL(fileURLWithPath: $0) }, keep: keep)
        } catch {
            throw Failure.report(error)
        }
        for warning in report.warnings { Failure.printError("warning: " + warning) }
        for item in report.items { print(item.description) }
        for folder in report.removed { print("old backup deleted: \(folder.lastPathComponent)") }
        print("backup written to \(report.folder.path)")
    }
}
