import ArgumentParser
import Foundation
import Logging
import PiazzaSite

/// Options shared by the commands that read content.
struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder (one subfolder per portal, plus _shared).")
    var content = "content"

    @Option(help: "The themes folder; the default theme is <themes>/default.")
    var themes = "themes"

    @Option(name: .customLong("portal"), help: "Only this portal (repeatable). Default: every portal.")
    var portals: [String] = []

    @Flag(help: "Log timing per phase.")
    var verbose = false

    @Option(
        help:
            "The Pagefind program that builds each portal's search index (default: pagefind on PATH; without it the search page shows the catalogue only)."
    )
    var pagefind: String?

    func validate() throws {
        if let pagefind, !FileManager.default.isExecutableFile(atPath: pagefind) {
            throw ValidationError(
                "--pagefind \(pagefind): no such program; install pagefind-bin (make venv) or fix the path")
        }
    }

    /// `--pagefind`, else the first `pagefind` on PATH, else `nil`.
    var pagefindURL: URL? {
        if let pagefind { return URL(fileURLWithPath: pagefind) }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { URL(fileURLWithPath: String($0)).appendingPathComponent("pagefind") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func builderOptions(output: String, intakeURL: String? = nil, cache: String? = nil) -> SiteBuilder.Options {
        SiteBuilder.Options(
            content: contentURL, theme: themeURL, output: URL(fileURLWithPath: output), portals: portals,
            intakeURL: intakeURL, cache: cache.map { URL(fileURLWithPath: $0) })
    }

    var contentURL: URL { URL(fileURLWithPath: content) }
    var themeURL: URL { URL(fileURLWithPath: themes).appendingPathComponent("default") }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = verbose ? .info : .warning
        return logger
    }
}
