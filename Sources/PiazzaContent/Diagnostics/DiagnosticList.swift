/// Every diagnostic of a run, collected so that all problems are reported together.
public struct DiagnosticList: Sendable, Hashable, Sequence {
    /// The diagnostics in the order they were added.
    public private(set) var items: [Diagnostic] = []

    /// An empty list.
    public init() {}

    /// Adds one diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }

    /// Adds every diagnostic of another list.
    public mutating func append(contentsOf other: DiagnosticList) { items.append(contentsOf: other.items) }

    /// Adds an error at a place.
    public mutating func error(_ file: String, _ line: Int, _ column: Int = 1, _ message: String) {
        items.append(Diagnostic(.error, file: file, line: line, column: column, message: message))
    }

    /// Adds an error at a place kept from loading (a reference found wrong once every file is read).
    public mutating func error(at place: SourceLocation, _ message: String) {
        error(place.file, place.line, place.column, message)
    }

    /// Whether any diagnostic stops the build.
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// The diagnostics sorted by file and position, without repeats.
    public var sorted: [Diagnostic] { Array(Set(items)).sorted() }

    /// Iterates in the order the diagnostics were added.
    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }
}
