import Testing

@testable import PiazzaContent

/// The one formula rule of CSV files people open in a spreadsheet: guarded on writing, unguarded on
/// reading, the text unchanged by the round trip.
@Suite("The spreadsheet formula guard and its inverse")
struct SpreadsheetFormulaTests {
    @Test(
        "guarding then unguarding gives the text back, whatever it starts with",
        arguments: [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+39 049 0000101", "'+39 049 0000101"),
            ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("'=1", "''=1"), ("''@x", "'''@x"),
            ("'quoted'", "'quoted'"), ("Da Gino", "Da Gino"), ("", ""), ("'", "'"),
            // The OWASP testing guide's other starts: LF, the full-width forms, and spaces a trimming import drops.
            ("\n=1+1", "'\n=1+1"), ("\u{FF1D}SUM(1+1)", "'\u{FF1D}SUM(1+1)"), ("\u{FF0B}1", "'\u{FF0B}1"),
            ("\u{FF0D}1", "'\u{FF0D}1"), ("\u{FF20}SUM(A1)", "'\u{FF20}SUM(A1)"), ("\u{FE66}1", "'\u{FE66}1"),
            (" =1+2", "' =1+2"), ("\u{A0}\u{3000}@x", "'\u{A0}\u{3000}@x"), ("' =1", "'' =1"),
            ("  Da Gino", "  Da Gino"), ("' x", "' x"),
        ])
    func roundTrip(text: String, written: String) {
        #expect(SpreadsheetFormula.guarded(text) == written)
        #expect(SpreadsheetFormula.unguarded(written) == text)
    }

    @Test(
        "a formula after characters that show nothing is guarded, whichever kind of invisible character",
        arguments: [
            "\u{FEFF}=1+2", "\u{200B}=1+2", "\u{200C}+1", "\u{200D}-1", "\u{200E}@A1", "\u{2060}=1",
            "\u{00AD}=1", "\u{034F}=1", "\u{180E}=1", "\u{3164}=1", "\u{FE0F}=1", "\u{E0001}=1", "\u{2028}=1",
            "\u{0000}=1", "\u{001F}=1", "\u{0085}=1", "\u{00A0}\u{200B}\u{FEFF} \u{FF1D}1",
        ])
    func invisibleStart(text: String) {
        #expect(SpreadsheetFormula.guarded(text) == "'" + text)
        #expect(SpreadsheetFormula.unguarded("'" + text) == text)
    }

    @Test("invisible characters before anything but a formula start leave the text as it is")
    func invisibleText() {
        for text in ["\u{FEFF}Da Gino", "\u{200B}a=1", "\u{2800}=1", "x\u{200B}=1"] {
            #expect(SpreadsheetFormula.guarded(text) == text)
        }
    }

    @Test("open-data CSV guards every text cell, the header's too, and leaves the number columns as they are")
    func openData() {
        #expect(
            OpenDataCSV.text(
                [["name", "lon", "phone"], ["=HYPERLINK(\"http://x\")", "-0.1276", "+44 20"]], numberColumns: ["lon"])
                == "name,lon,phone\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-0.1276,'+44 20\r\n")
    }

    @Test("open-data CSV guards a zero-width space or byte order mark before a formula, byte for byte")
    func openDataInvisible() {
        let text = OpenDataCSV.text([["name"], ["\u{200B}=1+2"], ["\u{FEFF}@A1"]])
        #expect(
            Array(text.utf8)
                == Array("name\r\n'".utf8) + [0xE2, 0x80, 0x8B] + Array("=1+2\r\n'".utf8) + [0xEF, 0xBB, 0xBF]
                + Array("@A1\r\n".utf8))
    }
}
