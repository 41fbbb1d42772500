import ArgumentParser
import Foundation
import PiazzaContent

/// Prints an error the way editors need it and exits with the code the error gives
/// (``PiazzaError/exitCode``: 1 content, settings, usage or environment, 2 internal). An error that
/// is not a ``PiazzaError`` is a fault of piazza itself: exit 2.
enum Failure {
    static func report(_ error: any Error) -> ExitCode {
        guard let error = error as? any PiazzaError else {
            printError("error: \(error)")
            return ExitCode(ErrorKind.internal.exitCode)
        }
        printError(error.description)
        return ExitCode(error.exitCode)
    }

    /// Writes `text` on standard error, with a line break unless `newline` is false.
    static func printError(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((newline ? text + "\n" : text).utf8))
    }

    static func printWarnings(_ warnings: [Diagnostic]) {
        for warning in warnings { printError(warning.description) }
    }
}
