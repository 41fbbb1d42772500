import CSV
import Foundation

extension Merchant {
    /// The merchants as machine CSV for open data: UTF-8 without byte order mark, `,`, RFC 4180 quoting,
    /// CRLF line ends, a header row of ``columns`` (the same names `esercenti.csv` is written with, so the
    /// file can be read back), `lat`/`lon` with a dot, measures separated by a space. The Excel-IT dialect
    /// (`;`, BOM) is for operators' exports, not for open data.
    public static func openDataCSV(_ merchants: [Merchant]) -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        defer { stream.close() }
        // Writing to memory cannot fail: CSVWriter throws only for a stream that refuses bytes.
        guard let writer = try? CSVWriter(stream: stream, newline: .crlf) else { return "" }
        try? writer.write(row: columns)
        for merchant in merchants {
            try? writer.write(row: [
                merchant.name, merchant.partitaIVA.value, merchant.category, merchant.address,
                String(merchant.latitude), String(merchant.longitude), merchant.hours?.text ?? "", merchant.phone ?? "",
                merchant.measures.joined(separator: " "),
            ])
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
