import ArgumentParser
import Foundation
import PiazzaContent
import PiazzaSite

/// `piazza check`: validates content, links and templates without writing anything; one line per
/// problem (or a JSON array) on standard output, the count on standard error; exit 1 on errors.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate content, front matter, links, anchors, images and forms; write nothing.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var site: SiteOptions

    @Option(help: "text: file:line:col: severity: message, one a line; json: an array of objects.")
    var format = Format.text

    @Flag(help: "Also ask every web address the content links to whether it still answers.")
    var external = false

    @Option(help: "With --external: seconds each address may take.")
    var timeout = 10

    @Option(help: "With --external: addresses asked at the same time.")
    var concurrency = 8

    func run() async throws {
        let builder = SiteBuilder(options: site.builderOptions(output: "site"), logger: site.logger("piazza.check"))
        let check: SiteBuilder.Check
        do {
            check = try builder.audit()
        } catch {
            // A script reading --format json gets an array whatever happened: here one error (a themes folder not
            // found), in no content file (file "", line and column 0), its message as on standard error.
            if format == .json {
                let message = String(describing: error)
                let problem = Diagnostic(
                    .error, file: "", line: 0, column: 0,
                    message: message.hasPrefix("error: ") ? String(message.dropFirst(7)) : message)
                print(Diagnostic.json([problem]))
            }
            throw Failure.report(error)
        }
        var diagnostics = check.diagnostics
        if external {
            let options = ExternalLinks.Options(concurrency: concurrency, timeout: timeout)
            diagnostics = (diagnostics + (await ExternalLinks.check(check.externalLinks, options: options))).sorted()
        }
        switch format {
        case .text: for diagnostic in diagnostics { print(diagnostic.description) }
        case .json: print(Diagnostic.json(diagnostics))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let pages = check.portals.reduce(0) { $0 + $1.pages }
        Failure.printError(
            "\(errors) error(s), \(diagnostics.count - errors) warning(s) in \(check.portals.count) portal(s), \(pages) pages"
        )
        if errors > 0 { throw ExitCode(1) }
    }
}
