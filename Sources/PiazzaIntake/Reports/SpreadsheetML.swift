import Foundation
import NIOCore
import PiazzaContent

/// The XML parts of an Excel workbook of one sheet: Office Open XML SpreadsheetML, ECMA-376 5th
/// edition Part 1 (§18.2 workbook, §18.3 worksheet, §18.8 styles) in the package of Part 2 (OPC).
/// ``XLSXTable`` puts them in a ZIP.
///
/// How each ``ReportValue`` is written (§18.3.1.4 `c`):
/// - text as an **inline string** (`t="inlineStr"`, §18.3.1.53 `is`): never a formula, whatever it
///   starts with (a formula is only ever an `f` element), so no guard character is added; no shared
///   strings table either, which would have to be held in memory until the end;
/// - whole numbers, amounts and decimals as **numbers** (`v`), amounts in euro with the built-in
///   format 4 (`#,##0.00`, which Excel shows with the reader's separators);
/// - dates and instants as **serial numbers** (days since 30/12/1899, Rome's wall clock for an
///   instant) with the formats `dd/mm/yyyy` and `dd/mm/yyyy hh:mm`, so Excel sorts and filters them as
///   dates; a date before 1 January 1900, which has no serial, is written as text;
/// - nothing for an empty value or an empty text (no `c` element: a blank cell, not an empty string);
/// - a text longer than the 32,767 characters of a cell cut, saying so (``ExcelCellLimit``).
///
/// The header row is bold and frozen (it stays at the top while scrolling, §18.3.1.66 `pane`).
enum SpreadsheetML {
    /// Style indexes of ``styles`` (`cellXfs`, §18.8.10).
    enum Style: Int {
        case plain = 0
        case header = 1
        case date = 2
        case dateTime = 3
        case amount = 4
    }

    /// `/[Content_Types].xml` (OPC §10.1).
    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    /// `/_rels/.rels`: the package's main part is the workbook.
    static let packageRelationships = relationships([("officeDocument", "xl/workbook.xml")])

    /// `/xl/_rels/workbook.xml.rels`: the sheet and the styles.
    static let workbookRelationships = relationships([("worksheet", "worksheets/sheet1.xml"), ("styles", "styles.xml")])

    /// A relationships part (OPC §9.3): `rId1`, `rId2`… of the officeDocument relationship types named.
    private static func relationships(_ targets: [(type: String, target: String)]) -> String {
        let types = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
                + targets.enumerated().map { index, part in
                    "<Relationship Id=\"rId\(index + 1)\" Type=\"\(types)\(part.type)\" Target=\"\(part.target)\"/>"
                }.joined() + "</Relationships>"
    }

    /// `/xl/styles.xml`: a normal and a bold font, and the cell formats of ``Style``.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
        <numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill>\
        <fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    /// `/xl/workbook.xml`, with one sheet named `sheetName` (at most 31 characters, none of `[]:*?/\`:
    /// the callers' names are fixed Italian words).
    static func workbook(sheetName: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(escaped(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    /// The start of `/xl/worksheets/sheet1.xml`, up to the rows: the frozen first row and `columns`
    /// columns wide enough for a date and time.
    static func sheetStart(columns: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheetViews><sheetView workbookViewId="0">\
        <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
        <selection pane="bottomLeft"/></sheetView></sheetViews>\
        <sheetFormatPr defaultRowHeight="15"/>\
        <cols><col min="1" max="\(max(columns, 1))" width="18" customWidth="1"/></cols><sheetData>
        """
    }

    /// The end of the sheet, after the rows.
    static let sheetEnd = "</sheetData></worksheet>\n"

    /// Appends row number `number` (from 1): bold text for the header, else each cell by its kind.
    static func appendRow(_ cells: [ReportValue], number: Int, header: Bool, to buffer: inout ByteBuffer) {
        buffer.writeString("<row r=\"\(number)\">")
        for (index, cell) in cells.enumerated() {
            appendCell(cell, reference: columnName(index) + String(number), header: header, to: &buffer)
        }
        buffer.writeString("</row>\n")
    }

    private static func appendCell(_ cell: ReportValue, reference: String, header: Bool, to buffer: inout ByteBuffer) {
        func number(_ value: String, _ style: Style) {
            let styled = style == .plain ? "" : " s=\"\(style.rawValue)\""
            buffer.writeString("<c r=\"\(reference)\"\(styled)><v>\(value)</v></c>")
        }
        func text(_ value: String) {
            let styled = header ? " s=\"\(Style.header.rawValue)\"" : ""
            buffer.writeString("<c r=\"\(reference)\"\(styled) t=\"inlineStr\"><is><t xml:space=\"preserve\">")
            buffer.writeString(escaped(ExcelCellLimit.fitted(value)))
            buffer.writeString("</t></is></c>")
        }
        switch cell {
        case .text(let value), .identifier(let value): if !value.isEmpty || header { text(value) }
        case .integer(let value): number(String(value), .plain)
        case .amount(let cents):
            let fraction = cents.magnitude % 100
            number(
                (cents < 0 ? "-" : "") + "\(cents.magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)",
                .amount)
        case .decimal(let value):
            if isDecimal(value) { number(value, .plain) } else { text(value) }
        case .date(let iso):
            if let date = ContentDate(iso: iso), let serial = serial(of: date) {
                number(String(serial), .date)
            } else {
                text(ContentDate(iso: iso)?.italian ?? iso)
            }
        case .instant(let instant):
            let parts = romeCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            guard let date = try? ContentDate(year: parts.year!, month: parts.month!, day: parts.day!),
                let days = serial(of: date)
            else { return text(ExcelCSV.dateTime(instant)) }
            // Minutes, as the CSV shows them; a day is 1440 minutes.
            number(String(Double(days) + Double(parts.hour! * 60 + parts.minute!) / 1440), .dateTime)
        case .empty: break
        }
    }

    /// Excel's serial number of a day (1900 date system, §18.17.4.1): days since 30 December 1899,
    /// one less before 1 March 1900 (Excel counts a 29 February 1900 that never was); `nil` before 1900.
    static func serial(of date: ContentDate) -> Int? {
        let days = date.daysSince1970 + 25_569
        guard days >= 2 else { return nil }
        return days < 61 ? days - 1 : days
    }

    /// A decimal as ``PiazzaContent/AnswerValue/number(_:)`` stores it: `-`, digits, `.` and digits.
    private static func isDecimal(_ value: String) -> Bool {
        var parts = Substring(value)
        if parts.first == "-" { parts = parts.dropFirst() }
        let split = parts.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(split.count)
            && split.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
    }

    /// `A`, `B`, … `Z`, `AA`, … for column `index` (from 0).
    static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// Text as XML character data: `&`, `<`, `>` and `"` as entities, CR as `&#13;` (a parser would
    /// turn it into LF), and what XML 1.0 cannot hold (other control characters, U+FFFE, U+FFFF) as
    /// ECMA-376's `_xHHHH_` (§22.9.2.19 ST_Xstring), whose underscore is itself written `_x005F_`
    /// where the text already holds such a sequence, so Excel reads back the very text.
    static func escaped(_ text: String) -> String {
        // Most cells need nothing: no markup character, underscore, control character, or the lead
        // byte of U+FFFE and U+FFFF.
        guard
            text.utf8.contains(where: {
                $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x5F || $0 == 0xEF
            })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x26: result += "&amp;"
            case 0x3C: result += "&lt;"
            case 0x3E: result += "&gt;"
            case 0x22: result += "&quot;"
            case 0x0D: result += "&#13;"
            case 0x09, 0x0A: result.unicodeScalars.append(scalar)
            case 0..<0x20, 0xFFFE, 0xFFFF: result += hexEscape(scalar.value)
            case 0x5F where looksLikeEscape(scalars, at: index): result += "_x005F_"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hexEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
    }

    /// Whether `_xHHHH_` starts at `index`.
    private static func looksLikeEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)..<(index + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// Made once: a calendar is costly to set up, and an export reads one per row.
    private static let romeCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ContentDateTime.rome
        return calendar
    }()
}
