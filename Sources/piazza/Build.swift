import ArgumentParser
import Foundation
import PiazzaContent
import PiazzaSite

/// `piazza build`: writes one static site per portal.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the static sites into the output folder.")

    @OptionGroup var site: SiteOptions
    @OptionGroup var search: SearchOptions

    @Option(help: "Where to write the sites (one folder per portal).")
    var output = "site"

    @Option(help: "Where builds are made and earlier builds kept (default: .piazza/<output name>/ beside the output).")
    var cache: String?

    @Option(help: "Make every form post to this daemon instead of the portal's intake_url (previews, tests).")
    var intakeURL: String?

    @Flag(
        help:
            "Render only the pages and files whose sources, templates or data changed since the last incremental build (content hashes, kept in the cache); the output is the same as a full build's."
    )
    var incremental = false

    func validate() throws {
        guard let intakeURL else { return }
        do {
            _ = try WebAddress.normalised(intakeURL)
        } catch {
            throw ValidationError(WebAddress.message(error, name: "--intake-url", text: intakeURL))
        }
    }

    func run() async throws {
        let start = Date()
        var options = site.builderOptions(output: output, intakeURL: intakeURL, cache: cache)
        options.incremental = incremental
        let display = ProgressDisplay(isTerminal: isatty(STDERR_FILENO) == 1) { Failure.printError($0, newline: false) }
        options.progress = display.show
        let builder = SiteBuilder(options: options, logger: site.logger("piazza.build"))
        do {
            let report = try await builder.build(searchIndex: search.pagefindURL)
            display.finish()
            Failure.printWarnings(report.warnings)
            // What `piazza check` refuses as placeholders, published all the same: told once, as warnings.
            if let content = report.content { Failure.printWarnings(PlaceholderAudit.warnings(in: content)) }
            if !report.searchIndexed {
                // A warning, so on standard error with the others; standard output keeps the summary.
                Failure.printError(
                    "search: no pagefind on PATH, so no search index was built and cerca/ shows the catalogue only; `make venv` installs it as .venv/bin/pagefind, or pass --pagefind PATH"
                )
            }
            for portal in report.portals {
                // Why everything is rendered comes first; a full build reused nothing, so it says no count.
                if let reason = portal.fullBuildReason { print("\(portal.portal): full build: \(reason)") }
                let reused = incremental && portal.fullBuildReason == nil
                let rendered = reused ? " (\(portal.rendered.count) rendered, the others reused)" : ""
                print(
                    "\(portal.portal): \(portal.pages) pages, \(portal.files) files\(rendered) in \(String(format: "%.2f", portal.seconds)) s"
                )
            }
            if options.portals.isEmpty {
                let cache = BuildCache(output: options.output, folder: options.cache)
                for retired in try cache.retirePortals(keeping: Set(report.portals.map(\.portal))) {
                    let kept = Self.shown(retired.keptIn)
                    print(
                        "\(retired.portal): no longer in the content, removed from \(output)/ (kept in \(kept)/; `piazza rollback --portal \(retired.portal)` puts it back)"
                    )
                }
            }
            print(
                "built \(report.portals.count) portal(s) into \(output)/ in \(String(format: "%.2f", Date().timeIntervalSince(start))) s"
            )
        } catch {
            display.finish()
            throw Failure.report(error)
        }
    }

    /// `url`'s path relative to the current folder when it is inside it, else absolute.
    static func shown(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }
}
