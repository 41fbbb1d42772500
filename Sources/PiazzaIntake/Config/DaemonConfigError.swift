import PiazzaContent

/// The daemon cannot start with its configuration: every problem, located in the config file.
public struct DaemonConfigError: PiazzaError, Sendable {
    /// Stable kinds of failure.
    public enum Code: String, Sendable {
        /// The file is missing or unreadable.
        case unreadable
        /// Unknown keys, bad values or unusable paths.
        case invalid
    }

    public var code: Code
    /// Every problem, as `file:line:column: error: message`.
    public var diagnostics: [Diagnostic]

    /// Wraps the diagnostics of a failed load.
    public init(code: Code, diagnostics: [Diagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// Every problem, one per line.
    public var message: String { description }

    /// The first problem's place.
    public var location: SourceLocation? { diagnostics.first?.location }

    /// The operator fixes the settings: exit 1.
    public var kind: ErrorKind { .usage }

    /// One `file:line:column: error: message` line per problem.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
