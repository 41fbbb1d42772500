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
