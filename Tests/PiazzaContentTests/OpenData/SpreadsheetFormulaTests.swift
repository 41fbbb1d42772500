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

    @Test("open-data CSV guards every text cell, the header's too, and leaves the number columns as they are")
    func openData() {
        #expect(
            OpenDataCSV.text(
                [["name", "lon", "phone"], ["=HYPERLINK(\"http://x\")", "-0.1276", "+44 20"]], numberColumns: ["lon"])
                == "name,lon,phone\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-0.1276,'+44 20\r\n")
    }
}
