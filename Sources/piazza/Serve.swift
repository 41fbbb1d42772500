import ArgumentParser
import Foundation
import PiazzaContent
import PiazzaServe

/// `piazza serve`: builds, serves the sites on localhost and receives their forms into a scratch
/// database (``Preview``), so an editor can try a form end to end without touching production data;
/// rebuilds on every change and reloads open pages.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Build the sites, serve them on localhost with live reload and receive their forms on a scratch database.")

    @OptionGroup var site: SiteOptions
    @OptionGroup var search: SearchOptions

    @Option(
        help:
            "The published folder the preview stands for; the preview is built into .piazza/<output name>.preview/ beside it, never into it. Default: site, or ../site when the current folder is the content folder."
    )
    var output: String?

    @Option(help: "Port of the preview (127.0.0.1).")
    var port = 8080

    @Option(help: "Port of the preview intake daemon that receives the forms (127.0.0.1).")
    var intakePort = 8081

    func validate() throws {
        for (option, value) in [("--port", port), ("--intake-port", intakePort)] where !(1...65_535).contains(value) {
            throw ValidationError("\(option) is \(value); pass a port from 1 to 65535")
        }
        if port == intakePort {
            throw ValidationError("--port and --intake-port are both \(port); pass two different ports")
        }
    }

    /// One line per rebuild on standard output; a failure's diagnostics on standard error, as
    /// `piazza build` prints them.
    @Sendable static func report(_ rebuild: Rebuild) {
        let changed = rebuild.changed.map(shown)
        let what = rebuild.portals.isEmpty ? "all portals" : rebuild.portals.joined(separator: ", ")
        let seconds = String(format: "%.2f", rebuild.seconds)
        let cause =
            changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
        guard let failure = rebuild.failure else {
            Failure.printWarnings(rebuild.warnings)
            for portal in rebuild.retired {
                print("\(portal): no longer in the content, removed from the preview")
            }
            print("rebuilt \(what) in \(seconds) s (\(rendered(rebuild.rendered))) after a change to \(cause)")
            return
        }
        Failure.printError(failure.terminalText)
        guard let broken = failure.portals else {
            print(
                "rebuild of \(what) failed after a change to \(cause); the browser shows the errors until they are fixed, the last good site stays in place"
            )
            return
        }
        print(
            "rebuild of \(broken.joined(separator: ", ")) failed after a change to \(cause); its pages show the errors in the browser until they are fixed"
                + (failure.spared.isEmpty
                    ? ""
                    : "; rebuilt \(failure.spared.joined(separator: ", ")) in \(seconds) s (\(rendered(rebuild.rendered)))")
        )
    }

    /// `1 file rendered`, `2 files rendered`.
    private static func rendered(_ count: Int) -> String {
        "\(count) file\(count == 1 ? "" : "s") rendered"
    }

    /// One line per refresh of a portal's search index, which follows its rebuild.
    @Sendable static func report(_ refresh: SearchRefresh) {
        let seconds = String(format: "%.2f", refresh.seconds)
        guard let failure = refresh.failure else {
            print("search index of \(refresh.portal) refreshed in \(seconds) s")
            return
        }
        Failure.printError(failure)
        print("search index of \(refresh.portal) not refreshed after \(seconds) s; search shows the last index")
    }

    /// What `piazza check` finds in a portal after a rebuild, when it changed: the problems the build did not
    /// print, on standard error as `piazza check` prints them, and a count on standard output.
    @Sendable static func report(_ check: CheckRefresh) {
        Failure.printWarnings(check.checkOnly)
        let count = check.problems.count
        print(
            count == 0
                ? "piazza check finds nothing in \(check.portal) any more"
                : "piazza check finds \(count) problem\(count == 1 ? "" : "s") in \(check.portal) (shown at the foot of its pages in the preview); fix them before publishing"
        )
    }

    /// An absolute `path` relative to the current folder when it is inside it.
    private static func shown(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }

    func run() async throws {
        var options = site.builderOptions(output: output ?? "site")
        let content = options.content.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        if output == nil, options.output.standardizedFileURL.resolvingSymlinksInPath().path.hasPrefix(content) {
            // Run inside the content folder (`--content .`): the preview, a scratch folder the editor never
            // chose, goes beside the content instead of being refused inside it (findings-s13 #11).
            options = site.builderOptions(output: options.suggestedOutput())
        }
        // Each rebuild parses and renders only what a change reaches (README.md, Incremental builds).
        options.incremental = true
        let preview = Preview(
            site: options, pagefind: search.pagefindURL, port: port, intakePort: intakePort,
            logger: site.logger("piazza.serve"))
        do {
            let built = try await preview.build()
            if let failure = built.failure {
                Failure.printError(failure.terminalText)
                let broken = failure.portals?.joined(separator: ", ") ?? "the content"
                print(
                    "\(broken) does not build: the browser shows the errors until they are fixed"
                        + (failure.spared.isEmpty ? "" : "; serving \(failure.spared.joined(separator: ", "))"))
            } else {
                Failure.printWarnings(built.report?.warnings ?? [])
            }
            for portal in built.retired {
                print("\(portal): no longer in the content, removed from the preview")
            }
            try await preview.run(
                built,
                onListening: { method in
                    print(
                        """
                        serving \(Self.shown(preview.site.output.path))/ at \(preview.address) (Ctrl-C to stop)
                        watching \(site.content)/ and \(site.themes)/ with \(method); open pages reload after each rebuild
                        forms post to \(preview.intakeURL); applications go to a scratch database in \(preview.scratch.path)
                        operator back office at \(preview.operatorURL): user \(preview.account.name), password \(preview.account.password) (preview only)
                        """)
                },
                onRebuild: Self.report, onSearchRefresh: Self.report, onCheck: Self.report)
        } catch {
            throw Failure.report(error)
        }
    }
}
