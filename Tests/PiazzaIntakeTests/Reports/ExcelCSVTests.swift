import Foundation
import GRDB
import NIOCore
import Testing

@testable import PiazzaIntake

@Suite("Excel CSV: the bytes Italian Excel opens cleanly")
struct ExcelCSVTests {
    @Test("BOM, semicolons, CRLF, decimal comma, dd/mm/yyyy, RFC 4180 quoting and the formula guard, byte for byte")
    func bytes() {
        var buffer = ByteBuffer()
        buffer.writeBytes(ExcelCSV.byteOrderMark)
        ExcelCSV.appendRow([.text("Nome"), .text("Importo"), .text("Data"), .text("Note")], to: &buffer)
        ExcelCSV.appendRow(
            [
                .text("Rossi; \"Mario\""), .amount(cents: 150_075), .date("2026-06-01"),
                .text("=HYPERLINK(\"http://x\",\"clic\")"),
            ],
            to: &buffer)
        ExcelCSV.appendRow(
            [
                .text("Bianchi\nAnna"), .amount(cents: -300), .instant(Date(timeIntervalSince1970: 1_780_308_000)),
                .text("@SUM(A1)"),
            ],
            to: &buffer)
        ExcelCSV.appendRow([.text("+39 049"), .decimal("12.5"), .integer(-4), .empty], to: &buffer)
        let lines: [String] = [
            #"Nome;Importo;Data;Note"#,
            #""Rossi; ""Mario""";1500,75;01/06/2026;"'=HYPERLINK(""http://x"",""clic"")""#,
            "\"Bianchi\nAnna\";-3,00;01/06/2026 12:00;'@SUM(A1)",
            "'+39 049;12,5;-4;",
        ]
        let text = lines.map { $0 + "\r\n" }.joined()
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        #expect(Array(buffer.readableBytesView) == expected)
    }

    @Test(
        "a text starting with = + - @ tab or CR is shown as text; numbers and other texts are left alone",
        arguments: [
            ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
            ("=\u{301}1", "'=\u{301}1"), ("a=1", "a=1"), ("", ""), ("Però", "Però"),
        ])
    func guarded(text: String, shown: String) {
        #expect(ExcelCSV.text(of: .text(text)) == shown)
    }

    @Test(
        "an identifier of digits is written as =\"…\" so Excel keeps its leading zeros; any other stays guarded text",
        arguments: [
            ("01234560280", #""=""01234560280""""#), ("00185", #""=""00185""""#),
            ("+39 0491234567", #""=""+39 0491234567""""#),
            ("IT60X0542811101000000123456", "IT60X0542811101000000123456"),
            ("=1+1", "'=1+1"), ("+", "'+"), ("12+3", "12+3"), ("-0123", "'-0123"), ("", ""),
            ("0123\"", #""0123""""#), (String(repeating: "0", count: 256), String(repeating: "0", count: 256)),
        ])
    func identifier(value: String, written: String) {
        var buffer = ByteBuffer()
        ExcelCSV.appendRow([.identifier(value)], to: &buffer)
        #expect(Array(buffer.readableBytesView) == Array((written + "\r\n").utf8), "\(value)")
    }

    @Test("a formula after a byte order mark, zero-width space or no-break space is guarded too, byte for byte")
    func invisibleStart() {
        var buffer = ByteBuffer()
        ExcelCSV.appendRow([.text("\u{FEFF}=1+2"), .text("\u{200B}@A1"), .text("\u{A0}\u{2060}-1")], to: &buffer)
        let expected: [UInt8] =
            [0x27, 0xEF, 0xBB, 0xBF] + Array("=1+2;'".utf8) + [0xE2, 0x80, 0x8B] + Array("@A1;'".utf8)
            + [0xC2, 0xA0, 0xE2, 0x81, 0xA0] + Array("-1\r\n".utf8)
        #expect(Array(buffer.readableBytesView) == expected)
    }

    @Test("an export batch reads its rows by id, never the form's index and a sort", arguments: [false, true])
    func exportPlan(since: Bool) throws {
        let database = try PortalDatabase(
            portalID: "prova", writer: DatabaseQueue(), uploadsFolder: FileManager.default.temporaryDirectory)
        let arguments: StatementArguments = since ? ["domanda", 0, "2026-01-01", 500] : ["domanda", 0, 500]
        let plan = try database.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + PortalDatabase.exportBatchSQL(since: since), arguments: arguments
            )
            .map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH applications USING INTEGER PRIMARY KEY (rowid>?)"])
    }
}
