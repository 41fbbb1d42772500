/// One problem found in the content tree, located in the compiler format editors can jump to.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How bad the problem is: an error stops the build, a warning does not.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// Whether the problem stops the build.
    public var severity: Severity
    /// File path relative to the content root (`vigonza/servizi/tutor.md`).
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    /// What is wrong and how to fix it, in plain words.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity = .error, file: String, line: Int, column: Int = 1, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Where the problem is.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// `file:line:column: severity: message`, as compilers print it; `file:line:` when the column is
    /// unknown and `file:` alone when the problem concerns the whole file (``SourceLocation``).
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// Orders by file, then position, so output is stable whatever order the work ran in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}
