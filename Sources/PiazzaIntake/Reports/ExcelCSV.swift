import Foundation
import ItalianIdentifiers
import NIOCore
import PiazzaContent

/// The one CSV writer of piazza: every CSV the daemon or `piazza report` gives is written here,
/// for Italian Excel (research/domain.md §3.9).
///
/// - UTF-8 with a byte order mark (``byteOrderMark``): without it Excel reads the file as ANSI and
///   garbles `à`, `è`, `ò`. No `sep=;` line, which makes Excel ignore the mark.
/// - Cells separated by `;` (`,` is the Italian decimal mark), rows ended by CRLF.
/// - Amounts with a decimal comma and no grouping (`1500,75`), decimals with a comma (`12,5`),
///   dates `dd/mm/yyyy`, instants `dd/mm/yyyy hh:mm` in Rome: what Italian Excel reads as numbers and dates.
/// - RFC 4180 quoting (``PiazzaContent/CSVQuoting``): a cell holding `;`, `"`, CR or LF is put between
///   quotes, its quotes doubled.
/// - Formula injection: a *text* cell gets ``PiazzaContent/SpreadsheetFormula``'s guard (a leading `'`
///   before `=`, `+`, `-`, `@`, tab or CR), so Excel shows it as text instead of running it. Numbers
///   are never changed (a negative amount stays a number).
/// - An identifier (``ReportValue/identifier(_:)``) made of digits (`01234560280`, `00185`,
///   `+39 0491234567`) is written as the formula `="01234560280"`: on a double-click Excel reads a bare
///   one as a number (`1234560280`, `185`; research/domain.md §3.9). The formula holds only digits,
///   spaces and a leading `+` of piazza's own checked value, so it runs nothing; any other identifier
///   is text with the guard above.
/// - A text longer than the 32,767 characters of an Excel cell is cut, saying so (``ExcelCellLimit``).
enum ExcelCSV {
    /// `EF BB BF`, first bytes of every file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Appends one row, its cells in order, ended by CRLF.
    static func appendRow(_ cells: [ReportValue], to buffer: inout ByteBuffer) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ";")) }
            CSVQuoting.write(text(of: cell), separator: UInt8(ascii: ";"), to: &buffer)
        }
        buffer.writeString("\r\n")
    }

    /// The cell as Excel should read it, before quoting; a text longer than a cell holds is cut
    /// (``ExcelCellLimit``).
    static func text(of cell: ReportValue) -> String {
        switch cell {
        case .text(let text): ExcelCellLimit.fitted(SpreadsheetFormula.guarded(text))
        case .identifier(let text): identifierText(text)
        case .integer(let value): String(value)
        case .amount(let cents): amount(cents)
        case .decimal(let number): String(number.map { $0 == "." ? "," : $0 })
        case .date(let iso): ContentDate(iso: iso)?.italian ?? SpreadsheetFormula.guarded(iso)
        case .instant(let date): dateTime(date)
        case .empty: ""
        }
    }

    /// An identifier as Excel keeps it as typed: `="0491234567"` when it holds only digits, spaces and a
    /// leading `+` (at least one digit, at most 255 characters, a formula's limit for a text), else
    /// as guarded text.
    static func identifierText(_ text: String) -> String {
        var digits = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: " "): continue
            case UInt8(ascii: "+") where index == 0: continue
            default: return ExcelCellLimit.fitted(SpreadsheetFormula.guarded(text))
            }
        }
        guard digits > 0, text.utf8.count <= 255 else { return ExcelCellLimit.fitted(SpreadsheetFormula.guarded(text)) }
        return "=\"" + text + "\""
    }

    /// `1500,75`, `-3,00`: a decimal comma and no grouping, which Excel reads as a number in any Italian setting.
    static func amount(_ cents: Int) -> String {
        let fraction = cents.magnitude % 100
        return (cents < 0 ? "-" : "") + "\(cents.magnitude / 100)," + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// `25/11/2026 13:05`, in Rome.
    static func dateTime(_ date: Date) -> String {
        let parts = romeCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return padded(parts.day!) + "/" + padded(parts.month!) + "/" + String(parts.year!) + " " + padded(parts.hour!)
            + ":" + padded(parts.minute!)
    }

    /// Made once: a calendar is costly to set up, and an export reads one per row.
    private static let romeCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ContentDateTime.rome
        return calendar
    }()

    /// Two digits (`05`), without Foundation's formatter, which is slow on Linux.
    private static func padded(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}

/// Report CSVs are written straight into the response's buffer.
extension ByteBuffer: CSVSink {
    public mutating func appendByte(_ byte: UInt8) { writeInteger(byte) }
    public mutating func appendText(_ text: String) { writeString(text) }
}
