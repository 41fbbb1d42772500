import ArgumentParser
import Foundation
import PiazzaSite

/// `piazza check`: validates content, links and templates without writing anything.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate content, front matter, links and forms; write nothing.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let builder = SiteBuilder(options: site.builderOptions(output: "site"), logger: site.logger("piazza.check"))
        do {
            let report = try builder.check()
            Failure.printWarnings(report.warnings)
            let pages = report.portals.reduce(0) { $0 + $1.pages }
            print("ok: \(report.portals.count) portal(s), \(pages) pages, no errors")
        } catch {
            throw Failure.report(error)
        }
    }
}
