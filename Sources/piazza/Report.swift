import ArgumentParser
import Foundation
import PiazzaIntake

extension ReportFormat: ExpressibleByArgument {}

/// `piazza report`: one form's applications as CSV for Italian Excel, XLSX or JSON, one calendar's
/// rendicontazione as CSV, or the clarity feedback of the site's pages as CSV, on standard output, the
/// same bytes as the back office's downloads (docs/REPORTS.md).
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Print a form's applications (CSV for Italian Excel, XLSX or JSON), a calendar's rendicontazione (CSV) or the pages' clarity feedback (CSV), as the back office exports them."
    )

    @Option(help: "The daemon's config file (see piazza.example.yaml).")
    var config = "piazza.yaml"
    @Option(help: "The portal (its folder name under content/).")
    var portal: String
    @Option(help: "The form (its file name under forms/, without .yaml).")
    var form: String?
    @Option(help: "The calendar (its file name under calendars/, without .yaml): its rendicontazione.")
    var calendar: String?
    @Flag(help: "The clarity feedback of the site's pages, per page (CSV), as /operator/{portal}/valutazioni.csv.")
    var feedback = false
    @Option(help: "csv, xlsx (Excel) or json (xlsx and json for a form only).")
    var format: ReportFormat = .csv
    @Option(
        help:
            "Form: only applications submitted on or after this day. Calendar: the first day (without --since and --until: this month up to today). YYYY-MM-DD, Rome."
    )
    var since: String?
    @Option(help: "Calendar: the last day (default: today); needs --since. YYYY-MM-DD, Rome.")
    var until: String?

    func validate() throws {
        guard [form != nil, calendar != nil, feedback].filter({ $0 }).count == 1 else {
            throw ValidationError(
                "Give one of --form F (applications), --calendar C (rendicontazione) or --feedback (page feedback).")
        }
        if calendar != nil || feedback, format != .csv {
            throw ValidationError("This report is CSV only: leave out --format or use --format csv.")
        }
        if feedback, since != nil || until != nil {
            throw ValidationError("--feedback has every feedback kept; leave out --since and --until.")
        }
        if form != nil, until != nil {
            throw ValidationError("--until goes with --calendar; for a form, --since is the first day.")
        }
    }

    func run() async throws {
        do {
            let report = try ReportCommand(configFile: URL(fileURLWithPath: config))
            if let calendar {
                try await report.writeRendicontazione(
                    portal: portal, calendar: calendar, since: since, until: until, to: FileHandle.standardOutput)
            } else if feedback {
                try await report.writeFeedback(portal: portal, to: FileHandle.standardOutput)
            } else if let form {
                try await report.write(
                    portal: portal, form: form, format: format, since: since, to: FileHandle.standardOutput)
            }
        } catch {
            throw Failure.report(error)
        }
    }
}
