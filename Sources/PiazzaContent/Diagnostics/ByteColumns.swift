/// The one rule for a column counted in bytes: cmark-gfm places links, images and raw HTML at 1-based
/// UTF-8 byte columns of their line (and ``RawHTML`` places what it removes the same way), while piazza
/// reports columns in Unicode scalars (``SourceLocation/column``), the column editors show and libyaml
/// counts. Every such place goes through ``column(line:byteColumn:)`` before it reaches a diagnostic:
/// `àààà [qui](…)` is column 6, not 10.
///
/// The line starts are found once, when the first column is asked, so a text without a located problem
/// costs nothing and one with many is read once.
package struct ByteColumns {
    private let utf8: String.UTF8View
    private var lineStarts: [String.UTF8View.Index] = []

    /// The columns of `text`, the one the byte columns were counted in.
    package init(_ text: String) { utf8 = text.utf8 }

    /// The 1-based column in Unicode scalars of 1-based `byteColumn` on 1-based `line` of the text; a
    /// place outside the text is given back as it is.
    package mutating func column(line: Int, byteColumn: Int) -> Int {
        if lineStarts.isEmpty {
            var start = utf8.startIndex
            lineStarts.append(start)
            while let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
                start = utf8.index(after: newline)
                lineStarts.append(start)
            }
        }
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return byteColumn }
        let start = lineStarts[line - 1]
        let end = utf8.index(start, offsetBy: byteColumn - 1, limitedBy: utf8.endIndex) ?? utf8.endIndex
        // A scalar is one byte that does not continue another (continuation bytes are 10xxxxxx).
        return utf8[start..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    }
}
