import Foundation
import Logging
import PiazzaContent
import PiazzaRender

@testable import PiazzaIntake

extension IntakeFixture {
    /// A daemon on this fixture's content and data with some settings changed.
    func app(_ change: (inout DaemonConfig) -> Void) throws -> IntakeApp {
        var settings = config
        change(&settings)
        return try IntakeApp(
            config: settings, content: ContentTree.load(from: settings.contentFolder),
            theme: Theme.load(from: settings.themeFolder), logger: Logger(label: "test"), clock: { Self.now })
    }
}
