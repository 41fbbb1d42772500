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

    func builderOptions(output: String) -> SiteBuilder.Options {
        SiteBuilder.Options(
            content: URL(fileURLWithPath: content), theme: URL(fileURLWithPath: themes).appendingPathComponent("default"),
            output: URL(fileURLWithPath: output), portals: portals)
    }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = verbose ? .info : .warning
        return logger
    }
}
