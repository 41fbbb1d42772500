/// A place in a file people edit, printed the way compilers print it so that editors can jump to it.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// File path relative to the content root (`vigonza/forms/domanda.yaml`), or as given on the command line.
    public var file: String
    /// 1-based line; 0 when the place is the whole file.
    public var line: Int
    /// 1-based column counted in Unicode scalars, as the YAML parser counts; 0 when unknown.
    public var column: Int

    /// Creates a location; `line` and `column` are 1-based, 0 when unknown.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`; `file:line` when the column is unknown and `file` alone when the line is,
    /// never a made-up `:0:0`.
    public var description: String {
        guard line > 0 else { return file }
        return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }

    /// Orders by file, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
