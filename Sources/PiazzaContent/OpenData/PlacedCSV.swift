/// The records of a CSV text (RFC 4180) with the place of every cell, so that an error about a header
/// or a cell points at it in the editor (`esercenti.csv:4:23`), not at its row.
///
/// RFC 4180's dialect with the separator given: a cell in double quotes may hold the separator, line
/// breaks and `""` for a quote; line breaks are LF, CRLF or CR. A quote inside an unquoted cell is
/// kept as text, as spreadsheets read it.
struct PlacedCSV {
    /// One cell: its text (without the quotes, `""` read as `"`) and where it starts.
    struct Cell: Sendable, Hashable {
        var text: String
        /// 1-based line and column (in characters) of its first character, the opening quote of a
        /// quoted cell.
        var line: Int
        var column: Int
    }

    /// One record: its cells and the column just after its last one, where a missing cell would go.
    struct Record: Sendable, Hashable {
        var cells: [Cell]
        var endColumn: Int
        var line: Int { cells[0].line }
    }

    /// A quoted cell without its closing quote, or text between a closing quote and the separator.
    struct Fault: Error, Sendable, Hashable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The records of `text`, in order; a line with nothing on it is a record of one empty cell.
    ///
    /// - Throws: ``Fault`` at the first cell that breaks the quoting.
    static func records(of text: String, separator: Character) throws(Fault) -> [Record] {
        var records: [Record] = []
        var cells: [Cell] = []
        var line = 1
        var column = 1
        var rest = Substring(text)
        while !rest.isEmpty || !cells.isEmpty {
            var cell = Cell(text: "", line: line, column: column)
            if rest.first == "\"" {
                rest = rest.dropFirst()
                column += 1
                while true {
                    guard let character = rest.popFirst() else {
                        throw Fault(
                            line: cell.line, column: cell.column,
                            message:
                                "this quoted cell has no closing quote; end it with \" (write a quote inside it as \"\")"
                        )
                    }
                    if character == "\"" {
                        column += 1
                        guard rest.first == "\"" else { break }
                        rest = rest.dropFirst()
                    }
                    cell.text.append(character)
                    if isLineBreak(character) {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
                if let next = rest.first, next != separator, !isLineBreak(next) {
                    throw Fault(
                        line: line, column: column,
                        message: "there is text after the closing quote of this cell; put the whole cell between quotes"
                    )
                }
            } else {
                let text = rest.prefix { $0 != separator && !isLineBreak($0) }
                cell.text = String(text)
                column += text.count
                rest = rest[text.endIndex...]
            }
            cells.append(cell)
            if let next = rest.popFirst(), next == separator {
                column += 1
                continue
            }
            records.append(Record(cells: cells, endColumn: column))
            cells = []
            line += 1
            column = 1
        }
        return records
    }

    private static func isLineBreak(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }
}
