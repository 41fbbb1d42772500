/// Thrown when the content tree has errors: carries every diagnostic found, not only the first.
public struct ContentError: PiazzaError, Sendable {
    /// Stable kinds of content failure.
    public enum Code: String, Sendable, Hashable {
        /// Pages, forms, portal settings or the `--portal` names do not pass their checks.
        case invalid
    }

    /// All diagnostics of the run, sorted by file and position.
    public var diagnostics: [Diagnostic]

    /// Wraps a list of diagnostics.
    public init(_ diagnostics: DiagnosticList) { self.diagnostics = diagnostics.sorted }

    public var code: Code { .invalid }

    /// Every diagnostic, one per line.
    public var message: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// The first error's place.
    public var location: SourceLocation? { diagnostics.first { $0.severity == .error }?.location }

    /// The editor fixes the content.
    public var kind: ErrorKind { .content }

    /// One diagnostic per line, then a count.
    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let count = "\(errors) error\(errors == 1 ? "" : "s") in content"
        return (diagnostics.map(\.description) + [count]).joined(separator: "\n")
    }
}
