import CSV
import Foundation

/// Machine CSV for open data: UTF-8 without byte order mark, `,`, RFC 4180 quoting, CRLF line ends,
/// every line ended. The Excel-IT dialect (`;`, BOM) is for operators' exports, not for open data.
/// People open these files in a spreadsheet too, so every text cell gets ``SpreadsheetFormula``'s guard
/// (the one formula rule of piazza's CSV files); the cells of `numberColumns` are numbers, never changed
/// (a longitude west of Greenwich is negative).
public enum OpenDataCSV {
    /// The rows, the header first, as the file's text.
    ///
    /// - Parameter numberColumns: header names of the columns that hold numbers.
    public static func text(_ rows: [[String]], numberColumns: Set<String> = []) -> String {
        let numbers = Set(rows.first?.indices.filter { numberColumns.contains(rows[0][$0]) } ?? [])
        let rows = rows.map { row in
            row.indices.map { numbers.contains($0) ? row[$0] : SpreadsheetFormula.guarded(row[$0]) }
        }
        let stream = OutputStream(toMemory: ())
        stream.open()
        defer { stream.close() }
        // Writing to memory cannot fail: CSVWriter throws only for a stream that refuses bytes.
        guard let writer = try? CSVWriter(stream: stream, newline: .crlf) else { return "" }
        for row in rows { try? writer.write(row: row) }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
