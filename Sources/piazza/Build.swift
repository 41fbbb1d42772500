import ArgumentParser
import Foundation
import PiazzaContent
import PiazzaSite

/// `piazza build`: writes one static site per portal.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the static sites into the output folder.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Where to write the sites (one folder per portal).")
    var output = "site"

    @Option(help: "Make every form post to this daemon instead of the portal's intake_url (previews, tests).")
    var intakeURL: String?

    func validate() throws {
        guard let intakeURL else { return }
        do {
            _ = try WebAddress.normalised(intakeURL)
        } catch {
            throw ValidationError(WebAddress.message(error, name: "--intake-url", text: intakeURL))
        }
    }

    func run() throws {
        let start = Date()
        let builder = SiteBuilder(
            options: site.builderOptions(output: output, intakeURL: intakeURL), logger: site.logger("piazza.build"))
        do {
            let report = try builder.build()
            Failure.printWarnings(report.warnings)
            for portal in report.portals {
                print(
                    "\(portal.portal): \(portal.pages) pages, \(portal.files) files in \(String(format: "%.2f", portal.seconds)) s"
                )
            }
            print(
                "built \(report.portals.count) portal(s) into \(output)/ in \(String(format: "%.2f", Date().timeIntervalSince(start))) s"
            )
        } catch {
            throw Failure.report(error)
        }
    }
}
