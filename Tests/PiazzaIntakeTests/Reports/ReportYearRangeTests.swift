import Foundation
import Subprocess
import Testing

@testable import PiazzaIntake

/// The real `piazza report` on a day of a year no period reaches: `--until 9999-12-31` stopped the process
/// with a trap on the day after it; now it is exit 1 and the years accepted.
@Suite(
    "piazza report refuses a day outside the years 1900–2100 with exit 1, before reading anything",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct ReportYearRangeTests {
    @Test(
        "--since and --until of a rendicontazione or an applications export, each at its option",
        arguments: [
            (["--calendar", "gruppi", "--since", "2026-06-01", "--until", "9999-12-31"], "--until is '9999-12-31'"),
            (["--calendar", "gruppi", "--since", "1000-01-01", "--until", "2026-06-01"], "--since is '1000-01-01'"),
            (["--form", "domanda", "--since", "0001-01-01"], "--since is '0001-01-01'"),
            (["--form", "domanda", "--since", "9999-12-31"], "--since is '9999-12-31'"),
        ])
    func outOfRange(arguments: [String], option: String) async throws {
        let daemon = try DaemonProcess()
        // The database exists, as the daemon leaves it: the refusal is about the date, not a missing portal.
        try PortalDatabase(portalID: "prova", dataFolder: daemon.root.appendingPathComponent("data")).writer.close()
        let outcome = try await runPiazza(
            ["report", "--config", daemon.configFile.path, "--portal", "prova"] + arguments)
        #expect(outcome.status == .exited(1), "\(outcome.output)")
        #expect(
            outcome.standardError.contains(
                option + ", outside the years piazza accepts (1900 to 2100); check the year"), "\(outcome.output)")
        #expect(outcome.standardOutput.isEmpty)
    }
}
