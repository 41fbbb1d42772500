import CSV
import Foundation

/// Machine CSV for open data: UTF-8 without byte order mark, `,`, RFC 4180 quoting, CRLF line ends,
/// every line ended. The Excel-IT dialect (`;`, BOM) is for operators' exports, not for open data.
public enum OpenDataCSV {
    /// The rows, the header first, as the file's text.
    public static func text(_ rows: [[String]]) -> String {
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
