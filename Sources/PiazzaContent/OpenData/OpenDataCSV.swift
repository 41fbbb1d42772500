/// Machine CSV for open data: UTF-8 without byte order mark, `,`, RFC 4180 quoting (``CSVQuoting``), CRLF line ends,
/// every line ended. The Excel-IT dialect (`;`, BOM) is for operators' exports, not for open data.
/// People open these files in a spreadsheet too, so every text cell gets ``SpreadsheetFormula``'s guard
/// (the one formula rule of piazza's CSV files); the cells of `numberColumns` are numbers, never changed
/// (a longitude west of Greenwich is negative).
public enum OpenDataCSV {
    /// The rows, the header first, as the file's text.
    ///
    /// Written byte by byte: CSV.swift's writer looked at every cell through Foundation's string search
    /// and an `OutputStream`, a sixteenth of a 10,000-page build for `servizi.csv`.
    ///
    /// - Parameter numberColumns: header names of the columns that hold numbers.
    public static func text(_ rows: [[String]], numberColumns: Set<String> = []) -> String {
        let numbers = Set(rows.first?.indices.filter { numberColumns.contains(rows[0][$0]) } ?? [])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 256)
        for row in rows where !row.isEmpty {
            for (index, cell) in row.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                let text = numbers.contains(index) ? cell : SpreadsheetFormula.guarded(cell)
                CSVQuoting.write(text, separator: UInt8(ascii: ","), to: &bytes)
            }
            bytes += [0x0D, 0x0A]
        }
        if bytes.isEmpty { bytes = [0x0D, 0x0A] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
