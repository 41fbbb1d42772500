import ArgumentParser
import Foundation
import PiazzaContent
import PiazzaIntake
import PiazzaRender
import PiazzaSite

/// Prints an error the way editors need it and maps it to the exit code: 1 content, settings,
/// usage or environment (a port in use, an unreadable file), 2 internal.
enum Failure {
    static func report(_ error: any Error) -> ExitCode {
        switch error {
        case let error as ContentError:
            printError(error.description)
            return ExitCode(1)
        case let error as DaemonConfigError:
            printError(error.description)
            return ExitCode(1)
        case let error as IntakeApp.StartError:
            printError(error.description)
            return ExitCode(1)
        case let error as ServeError:
            printError(error.description)
            return ExitCode(1)
        case let error as ThemeError:
            printError("error: \(error)")
            return ExitCode(1)
        default:
            printError("error: \(error)")
            return ExitCode(2)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func printWarnings(_ warnings: [Diagnostic]) {
        for warning in warnings { printError(warning.description) }
    }
}
