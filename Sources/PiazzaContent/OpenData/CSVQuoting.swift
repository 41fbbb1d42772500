/// RFC 4180 §2 quoting, the one rule of every CSV piazza writes (open data with `,`, operators' Excel
/// files with `;`): a cell holding the separator, `"`, CR or LF is put between quotes, its quotes
/// doubled; any other cell is written as it is.
///
/// Bytes, not characters: a comma or a quote followed by a combining mark is one Swift `Character`,
/// but a CSV reader splits and quotes at the byte.
public enum CSVQuoting {
    /// Whether `cell` must be put between quotes in a file whose cells are separated by `separator`
    /// (an ASCII byte: `,` or `;`).
    @inlinable
    public static func needsQuotes(_ cell: String, separator: UInt8) -> Bool {
        cell.utf8.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
    }

    /// Appends `cell` as it goes in the file: whole when it needs no quotes, else between quotes with its
    /// quotes doubled, byte by byte (Foundation's `replacingOccurrences` was a sixth of a 100,000-row
    /// export, CSV.swift's writer a sixteenth of a 10,000-page build).
    @inlinable
    public static func write<Sink: CSVSink>(_ cell: String, separator: UInt8, to sink: inout Sink) {
        let quote = UInt8(ascii: "\"")
        guard needsQuotes(cell, separator: separator) else {
            sink.appendText(cell)
            return
        }
        sink.appendByte(quote)
        for byte in cell.utf8 {
            sink.appendByte(byte)
            if byte == quote { sink.appendByte(quote) }
        }
        sink.appendByte(quote)
    }
}

/// Where ``CSVQuoting`` writes: a byte array here, NIO's `ByteBuffer` in the daemon.
public protocol CSVSink {
    /// Appends one byte.
    mutating func appendByte(_ byte: UInt8)
    /// Appends the UTF-8 bytes of `text`.
    mutating func appendText(_ text: String)
}

extension [UInt8]: CSVSink {
    @inlinable public mutating func appendByte(_ byte: UInt8) { append(byte) }
    @inlinable public mutating func appendText(_ text: String) { append(contentsOf: text.utf8) }
}
