import Foundation
import PiazzaContent
import Testing

/// The fixture's portal `alfa` with an area around Alfa and an `esercenti.csv` of a header and `rows`.
private func merchantFixture(_ rows: [String], header: String = merchantHeader) throws -> ContentFixture {
    let content = try ContentFixture()
    let config = try content.read("alfa/portal.yaml")
    try content.write("alfa/portal.yaml", config + "area: { south: 45.38, west: 11.80, north: 45.46, east: 11.93 }\n")
    try content.write("alfa/esercenti.csv", ([header] + rows).joined(separator: "\n") + "\n")
    return content
}

private let merchantHeader = "name,partita_iva,category,address,lat,lon,hours,phone,measures"
private let goodRow =
    "Alimentari Da Gino,01234560280,Alimentari,\"Via Roma 1, Alfa\",45.41,11.85,lun-sab 8-13,049 1111111,buoni"

@Suite("esercenti.csv is read row by row, every fault at the line and column of its cell")
struct MerchantLoadingTests {
    @Test("a good file gives one merchant per row, in file order, with its fields and line")
    func goodFile() throws {
        let content = try merchantFixture([
            goodRow,
            "Farmacia Centrale,02345670281,Farmacia,Piazza Grande 3,45.42,11.86,,,buoni",
        ])
        let portal = try #require(try content.load().portals.first { $0.id == "alfa" })
        #expect(portal.merchants.map(\.name) == ["Alimentari Da Gino", "Farmacia Centrale"])
        let gino = portal.merchants[0]
        #expect(gino.slug == "alimentari-da-gino")
        #expect(gino.partitaIVA.value == "01234560280")
        #expect(gino.address == "Via Roma 1, Alfa")
        #expect(gino.latitude == 45.41 && gino.longitude == 11.85)
        #expect(gino.hours?.text == "lun-sab 8-13" && gino.phone == "049 1111111")
        #expect(gino.measures == ["buoni"])
        #expect(gino.location.line == 2)
        #expect(portal.merchants[1].hours == nil && portal.merchants[1].phone == nil)
    }

    @Test("Italian Excel's dialect: byte order mark, ';' separator, decimal comma")
    func excelDialect() throws {
        let content = try merchantFixture([])
        let text =
            "name;partita_iva;category;address;lat;lon;hours;phone;measures\r\nBar Sport;01234560280;Bar;Via Roma 2, Alfa;45,41;11,85;;;buoni\r\n"
        try content.write("alfa/esercenti.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let portal = try #require(try content.load().portals.first { $0.id == "alfa" })
        #expect(portal.merchants.map(\.address) == ["Via Roma 2, Alfa"])
        #expect(portal.merchants.first?.latitude == 45.41)
    }

    @Test(
        "a bad row is an error at the cell it is about, naming what is wrong",
        arguments: [
            (
                ",01234560280,Alimentari,Via Roma 1,45.41,11.85,,,buoni",
                1,
                "`name` is empty; every merchant needs it"
            ),
            (
                "Bar,01234560280,Bar,,45.41,11.85,,,buoni",
                21,
                "`address` is empty; every merchant needs it"
            ),
            (
                "Bar,01234560280,Bar,Via Roma 1,quarantacinque,11.85,,,buoni",
                32,
                "`lat` 'quarantacinque' is not a coordinate in decimal degrees; write it like 45.4123"
            ),
            (
                "Bar,01234560280,Bar,Via Roma 1,41.90,12.49,,,buoni",
                32,
                "lat 41.90, lon 12.49 is outside the comune's area in portal.yaml (south 45.38, west 11.8, north 45.46, east 11.93); check the coordinates (lat first, then lon)"
            ),
            (
                "Bar,01234560281,Bar,Via Roma 1,45.41,11.85,,,buoni",
                5,
                "partita_iva '01234560281' is not valid: its last digit does not match the check digit; copy it from the shop's invoice or receipt"
            ),
            (
                "Bar,01234560280,Bar,Via Roma 1,45.41,11.85,,,buoni bollette",
                46,
                "measure 'bollette' is not a page in misure/; measures are: buoni"
            ),
            (
                "Bar,01234560280,Bar,Via Roma 1,45.41,11.85,dalle 8 alle 13,,buoni",
                44,
                "`hours` 'dalle 8 alle 13' is not like 'lun-sab 8-13 e 16-19:30; dom 9-13' (days lun mar mer gio ven sab dom, times H or H:MM); leave it empty if unknown"
            ),
            (
                "Bar,01234560280,Bar,Via Roma 1,45.41,11.85",
                43,
                "this row has 6 cells and the header 9; check the separators (a value with , needs quotes)"
            ),
            (
                "Bar,01234560280,Bar,Via Roma 1,45.41,11.85,,,buoni,extra",
                52,
                "this row has 10 cells and the header 9; check the separators (a value with , needs quotes)"
            ),
            (
                "Bar,01234560280,Bar,\"Via Roma\" 1,45.41,11.85,,,buoni",
                31,
                "there is text after the closing quote of this cell; put the whole cell between quotes"
            ),
            (
                "Bar,01234560280,Bar,\"Via Roma 1,45.41,11.85,,,buoni",
                21,
                "this quoted cell has no closing quote; end it with \" (write a quote inside it as \"\")"
            ),
        ])
    func badRow(row: String, column: Int, message: String) throws {
        let content = try merchantFixture([goodRow, "", row])
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.description == "alfa/esercenti.csv:4:\(column): error: \(message)")
    }

    @Test("the separator is chosen on the header line alone, Windows line ends included")
    func separatorFromHeaderLine() throws {
        let content = try merchantFixture([])
        let row = "\"Bar;;;;;;;;;;;;;;;;;;;;Sport\",01234560280,Bar,Via Roma 2,45.41,11.85,,,buoni"
        try content.write("alfa/esercenti.csv", merchantHeader + "\r\n" + row + "\r\n")
        let portal = try #require(try content.load().portals.first { $0.id == "alfa" })
        #expect(portal.merchants.map(\.name) == ["Bar;;;;;;;;;;;;;;;;;;;;Sport"])
    }

    @Test("lines of only separators, as Excel leaves cleared rows, are skipped like blank lines")
    func separatorOnlyLines() throws {
        let content = try merchantFixture([",,,,,,,,", goodRow, " , ,,,,,,,"])
        #expect(try content.load().portals.first { $0.id == "alfa" }?.merchants.map(\.location.line) == [3])
    }

    @Test("the same partita IVA at the same address is an error at the second row, naming the first")
    func duplicate() throws {
        let content = try merchantFixture([
            goodRow, "Gino Due,01234560280,Alimentari,\"via  roma 1,  alfa\",45.41,11.85,,,buoni",
        ])
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/esercenti.csv:3:10: error: this merchant (same partita IVA and address) is already at line 2; keep one row"
        )
    }

    @Test("a quoted cell on two lines moves the next cells' lines and columns, and the next rows' lines")
    func multilineCell() throws {
        let content = try merchantFixture([
            "Bar,01234560280,Bar,\"Via Roma 1\nAlfa\",45.41,11.85,,,nessuna",
            "Bar Due,01234560280,Bar,Via Roma 9,45.41,11.85,,,nessuna",
        ])
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/esercenti.csv:3:21: error: measure 'nessuna' is not a page in misure/; measures are: buoni",
                "alfa/esercenti.csv:4:50: error: measure 'nessuna' is not a page in misure/; measures are: buoni",
            ])
    }

    @Test("an unknown or repeated column is an error at its header cell, with the closest column name")
    func unknownColumn() throws {
        let content = try merchantFixture(
            [goodRow], header: merchantHeader.replacingOccurrences(of: "phone", with: "phnoe"))
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/esercenti.csv:1:49: error: unknown column 'phnoe'; did you mean 'phone'?")
        try content.write("alfa/esercenti.csv", "name;lat;partita_iva;category;address;LAT;lon;hours;phone;measures\n")
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/esercenti.csv:1:39: error: column 'lat' is written twice in the header; keep one")
    }

    @Test("a column left out of the header is an error just after the header's last cell")
    func missingColumn() throws {
        let content = try merchantFixture([], header: "name,partita_iva,category,address,lat,lon,hours,measures")
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/esercenti.csv:1:57: error: the header has no column 'phone'; add it (columns: name, partita_iva, category, address, lat, lon, hours, phone, measures)"
        )
    }

    @Test("coordinates need the comune's area in portal.yaml: one error, at the first row")
    func noArea() throws {
        let content = try ContentFixture()
        try content.write("alfa/esercenti.csv", merchantHeader + "\n" + goodRow + "\n" + goodRow + "\n")
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/esercenti.csv:2:62: error: portal.yaml has no `area`, needed to check the coordinates; add `area: { south: ..., west: ..., north: ..., east: ... }`"
        )
    }

    @Test("an area with south above north is an error at `area:`")
    func badArea() throws {
        let content = try ContentFixture()
        let config = try content.read("alfa/portal.yaml")
        try content.write(
            "alfa/portal.yaml", config + "area: { south: 45.46, west: 11.80, north: 45.38, east: 11.93 }\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.description == "alfa/portal.yaml:11:7: error: `area` needs south < north and west < east")
    }
}

@Suite("The esercenti/ folder belongs to the merchant pages")
struct MerchantFolderTests {
    @Test("a page inside esercenti/ is an error when the portal has esercenti.csv, and fine without it")
    func pageInsideMerchantFolder() throws {
        let content = try merchantFixture([goodRow])
        try content.write("alfa/esercenti/_index.md", "---\ntitle: Negozi\n---\n\nTesto.\n")
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/esercenti/_index.md:1:1: error: this page is published at 'esercenti/', inside esercenti/, which piazza generates from esercenti.csv; move it to another folder"
        )
        try content.remove("alfa/esercenti.csv")
        #expect(try content.load().portals.first { $0.id == "alfa" }?.page(id: "esercenti/_index.md") != nil)
    }

    @Test("every merchant gets its own slug: a generated folder's name or one taken above gets the next number")
    func uniqueSlugs() throws {
        let content = try merchantFixture([
            "Mappa,01234560280,Cartoleria,Via Roma 1,45.41,11.85,,,buoni",
            "Bar,01234560280,Bar,Via Roma 2,45.41,11.85,,,buoni",
            "Bar,01234560280,Bar,Via Roma 3,45.41,11.85,,,buoni",
            "Bar 2,01234560280,Bar,Via Roma 4,45.41,11.85,,,buoni",
        ])
        #expect(
            try content.load().portals.first { $0.id == "alfa" }?.merchants.map(\.slug) == [
                "mappa-2", "bar", "bar-2", "bar-2-2",
            ])
    }
}

@Suite("Map tiles are the portal's choice")
struct MapTilesConfigTests {
    @Test(
        "map_tiles must be an https address with {z}, {x} and {y}, and come with its attribution",
        arguments: [
            (
                "map_tiles: http://tile.example.it/{z}/{x}/{y}.png\nmap_attribution: Esempio\n",
                "alfa/portal.yaml:11:12: error: `map_tiles` must be an https:// address with {z}, {x} and {y}"
            ),
            (
                "map_tiles: https://tile.example.it/{z}/{x}/{y}.png\n",
                "alfa/portal.yaml:11:1: error: `map_tiles` needs `map_attribution`: the credit the tile provider requires"
            ),
        ])
    func badTiles(yaml: String, message: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/portal.yaml", try content.read("alfa/portal.yaml") + yaml)
        #expect(try content.onlyDiagnostic().description == message)
    }
}
