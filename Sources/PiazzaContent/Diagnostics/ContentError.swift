/// Thrown when the content tree has errors: carries every diagnostic found, not only the first.
public struct ContentError: Error, Sendable, CustomStringConvertible {
    /// All diagnostics of the run, sorted by file and position.
    public var diagnostics: [Diagnostic]

    /// Wraps a list of diagnostics.
    public init(_ diagnostics: DiagnosticList) { self.diagnostics = diagnostics.sorted }

    /// One diagnostic per line, then a count.
    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let lines = diagnostics.map(\.description)
        return (lines + ["\(errors) error\(errors == 1 ? "" : "s") in content"]).joined(separator: "\n")
    }
}
