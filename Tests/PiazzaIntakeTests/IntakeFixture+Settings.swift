import Foundation
import Logging
import PiazzaContent
import PiazzaRender

@testable import PiazzaIntake

extension IntakeFixture {
    /// A daemon on this fixture's content and data with some settings changed, logging to `logger`.
    func app(logger: Logger = Logger(label: "test"), _ change: (inout DaemonConfig) -> Void = { _ in }) throws
        -> IntakeApp
    {
        var settings = config
        change(&settings)
        return try IntakeApp(
            config: settings, content: ContentTree.load(from: settings.contentFolder),
            theme: Theme.load(from: settings.themeFolder), logger: logger, clock: { Self.now })
    }
}
