/// The one rule for text longer than an Excel cell holds, for every export a spreadsheet opens: each
/// CSV (``ExcelCSV``) and each workbook (``SpreadsheetML``) of the daemon and of `piazza report`.
///
/// Excel keeps at most 32,767 characters in a cell, counted as UTF-16 code units (an emoji counts two):
/// Microsoft's notes on SpreadsheetML ([MS-OI29500] 2.1.706, on the `t` element) say "Excel restricts
/// the value of this element to 32767 characters", and the XLSB format's strings "MUST be less than
/// 32768 characters". A longer text would be lost past the limit without a word, or the workbook
/// reported as damaged. Refusing the export instead would let one citizen's long note stop every
/// export of a form, so the text is cut where Excel would cut it and says so in the cell itself,
/// where the operator reading it sees it: ``marker(length:)`` ends the cell, with the length of the
/// whole text, which the case page and the JSON export hold in full.
enum ExcelCellLimit {
    /// Excel's most characters (UTF-16 code units) in one cell.
    static let maximum = 32_767

    /// `text` as it is when it fits in a cell; otherwise its start, cut between two characters (never
    /// inside a character of several code units), followed by ``marker(length:)``: `maximum` units or
    /// one less in all.
    static func fitted(_ text: String) -> String {
        let length = text.utf16.count
        guard length > maximum else { return text }
        let marker = marker(length: length)
        let budget = maximum - marker.utf16.count
        var kept = 0
        var end = text.startIndex
        for character in text {
            let units = character.utf16.count
            guard kept + units <= budget else { break }
            kept += units
            end = text.index(after: end)
        }
        return text[..<end] + marker
    }

    /// What ends a cut text: `… [testo tagliato: 40000 caratteri, una cella di Excel ne tiene al massimo
    /// 32767. Il testo intero è nella pratica]`, `length` being the whole text's.
    static func marker(length: Int) -> String {
        " … [testo tagliato: \(length) caratteri, una cella di Excel ne tiene al massimo \(maximum). Il testo intero è nella pratica]"
    }
}
