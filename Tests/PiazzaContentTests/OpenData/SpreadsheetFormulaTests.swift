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
