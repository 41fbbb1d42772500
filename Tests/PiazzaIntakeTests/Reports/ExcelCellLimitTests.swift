import NIOCore
import Testing

@testable import PiazzaIntake

/// Excel's 32,767 characters in a cell: one rule (``ExcelCellLimit``) for every CSV and workbook.
@Suite("A text longer than an Excel cell holds is cut, saying so, in every export a spreadsheet opens")
struct ExcelCellLimitTests {
    /// The marker of a 40,000-character text, and the kept start that fills the cell with it.
    static let marker =
        " … [testo tagliato: 40000 caratteri, una cella di Excel ne tiene al massimo 32767. Il testo intero è nella pratica]"

    @Test(
        "a text that fits stays whole, however close to the limit; a longer one is cut to the limit with the marker",
        arguments: [32_766, 32_767])
    func fits(length: Int) {
        let text = String(repeating: "a", count: length)
        #expect(ExcelCellLimit.fitted(text) == text)
    }

    @Test("a text one character over the limit is cut to 32,767 UTF-16 units, its length said")
    func oneOver() {
        let cut = ExcelCellLimit.fitted(String(repeating: "a", count: 32_768))
        let marker = ExcelCellLimit.marker(length: 32_768)
        #expect(cut == String(repeating: "a", count: 32_767 - marker.utf16.count) + marker)
        #expect(cut.utf16.count == 32_767)
    }

    @Test("a character of two UTF-16 units at the cut is left out whole, never split")
    func surrogatePair() {
        let budget = 32_767 - ExcelCellLimit.marker(length: 40_000).utf16.count
        let start = String(repeating: "a", count: budget - 1)
        let text = start + "😀" + String(repeating: "b", count: 40_000 - budget - 1)
        #expect(text.utf16.count == 40_000)
        #expect(ExcelCellLimit.fitted(text) == start + Self.marker)
    }

    @Test("the CSV cell of a long text is cut after the formula guard, byte for byte")
    func csv() {
        let kept = 32_767 - Self.marker.utf16.count
        var buffer = ByteBuffer()
        ExcelCSV.appendRow([.text(String(repeating: "x", count: 40_000)), .integer(1)], to: &buffer)
        ExcelCSV.appendRow([.text("=" + String(repeating: "x", count: 39_998)), .integer(2)], to: &buffer)
        let expected =
            String(repeating: "x", count: kept) + Self.marker + ";1\r\n" + "'="
            + String(repeating: "x", count: kept - 2)
            + " … [testo tagliato: 40000 caratteri, una cella di Excel ne tiene al massimo 32767. Il testo intero è nella pratica];2\r\n"
        #expect(Array(buffer.readableBytesView) == Array(expected.utf8))
    }

    @Test("the workbook's inline string of a long text is cut the same way, byte for byte")
    func xlsx() {
        let kept = 32_767 - Self.marker.utf16.count
        #expect(
            SpreadsheetMLTests.row([.text(String(repeating: "<", count: 40_000))])
                == "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                + String(repeating: "&lt;", count: kept) + Self.marker + "</t></is></c></row>\n")
    }
}
