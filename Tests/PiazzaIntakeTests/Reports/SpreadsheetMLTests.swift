import Foundation
import NIOCore
import PiazzaContent
import Testing
import ZIPFoundation

@testable import PiazzaIntake

@Suite("XLSX: the SpreadsheetML parts and their package")
struct SpreadsheetMLTests {
    static func row(_ cells: [ReportValue], number: Int = 2, header: Bool = false) -> String {
        var buffer = ByteBuffer()
        SpreadsheetML.appendRow(cells, number: number, header: header, to: &buffer)
        return String(buffer: buffer)
    }

    @Test(
        "text is an inline string (never a formula), numbers and amounts are numbers, dates are serials with a date format"
    )
    func cells() throws {
        let instant = try #require(ContentDateTime("2026-06-01 12:05")).instant
        #expect(
            Self.row([
                .text("=HYPERLINK(\"http://x\")"), .integer(3), .amount(cents: -150_075), .decimal("12.5"),
                .date("1990-01-01"), .instant(instant), .empty, .text("Rossi; <b>&"), .decimal("1,5"), .text(""),
            ])
                == "<row r=\"2\">"
                + "<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=HYPERLINK(&quot;http://x&quot;)</t></is></c>"
                + "<c r=\"B2\"><v>3</v></c><c r=\"C2\" s=\"4\"><v>-1500.75</v></c><c r=\"D2\"><v>12.5</v></c>"
                + "<c r=\"E2\" s=\"2\"><v>32874</v></c><c r=\"F2\" s=\"3\"><v>46174.50347222222</v></c>"
                + "<c r=\"H2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Rossi; &lt;b&gt;&amp;</t></is></c>"
                + "<c r=\"I2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">1,5</t></is></c></row>\n")
        #expect(
            Self.row([.text("Numero pratica")], number: 1, header: true)
                == "<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Numero pratica</t>"
                + "</is></c></row>\n")
    }

    @Test(
        "serial numbers follow Excel's 1900 date system, its 29 February 1900 included; earlier days are text",
        arguments: [
            ("1900-01-01", 1 as Int?), ("1900-02-28", 59), ("1900-03-01", 61), ("1970-01-01", 25_569),
            ("2026-06-01", 46_174), ("1899-12-31", nil),
        ])
    func serials(iso: String, serial: Int?) throws {
        // Not ContentDate(iso:): content refuses years before 1900, which the serial numbers must still handle.
        let parts = iso.split(separator: "-").map { Int($0)! }
        #expect(SpreadsheetML.serial(of: try ContentDate(year: parts[0], month: parts[1], day: parts[2])) == serial)
    }

    @Test(
        "column names run A…Z, AA…AZ, BA…",
        arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (702, "AAA")])
    func columns(index: Int, name: String) {
        #expect(SpreadsheetML.columnName(index) == name)
    }

    @Test(
        "text keeps every character: markup as entities, CR as a reference, control characters and _xHHHH_ as ECMA-376 escapes"
    )
    func escapes() {
        #expect(SpreadsheetML.escaped("a\tb\nc\rd") == "a\tb\nc&#13;d")
        #expect(SpreadsheetML.escaped("x\u{1}y\u{1F}\u{FFFE}") == "x_x0001_y_x001F__xFFFE_")
        #expect(SpreadsheetML.escaped("_x0041_ e _x00_ e file_name") == "_x005F_x0041_ e _x00_ e file_name")
        #expect(SpreadsheetML.escaped("àèìòù €") == "àèìòù €")
    }

    @Test(
        "the package holds the five parts and the sheet, deflated, the header bold and frozen; its working files have no name at any moment, so a crash leaves none"
    )
    func package() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-xlsx-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // What a crash at that moment would leave in the scratch folder.
        let visible = { try FileManager.default.contentsOfDirectory(atPath: scratch.path) }
        var left: [String] = []
        var bytes: [UInt8] = []
        do {
            let table = try ReportTables.make(
                .xlsx, header: ["Numero pratica", "Importo"], sheet: "Domande", scratch: scratch)
            left += try visible()
            for index in 1...1_200 { table.append([.text("2026-\(index)"), .amount(cents: index)]) }
            try await table.endBatch { bytes += Array($0.readableBytesView) }
            #expect(bytes.isEmpty)
            left += try visible()
            try await table.finish {
                bytes += Array($0.readableBytesView)
                left += try visible()
            }
        }
        #expect(left == [])
        #expect(try visible() == [])
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        #expect(
            archive.map(\.path) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml",
            ])
        #expect(archive.allSatisfy { $0.type == .file && $0.compressedSize < $0.uncompressedSize })
        var sheet = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        let text = String(decoding: sheet, as: UTF8.self)
        #expect(text.hasPrefix(SpreadsheetML.sheetStart(columns: 2)))
        #expect(text.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(
            text.contains("<row r=\"1201\"><c r=\"A1201\" t=\"inlineStr\"><is><t xml:space=\"preserve\">2026-1200</t>"))
        #expect(text.hasSuffix("<c r=\"B1201\" s=\"4\"><v>12.00</v></c></row>\n</sheetData></worksheet>\n"))
        var workbook = Data()
        _ = try archive.extract(try #require(archive["xl/workbook.xml"])) { workbook.append($0) }
        #expect(
            String(decoding: workbook, as: UTF8.self).contains("<sheet name=\"Domande\" sheetId=\"1\" r:id=\"rId1\"/>"))
    }
}
