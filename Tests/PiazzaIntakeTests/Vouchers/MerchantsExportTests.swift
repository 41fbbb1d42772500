import Foundation
import HummingbirdTesting
import Testing

@testable import PiazzaContent
@testable import PiazzaIntake

/// `piazza merchants export` (issue 19, item 2): the enrolled shops as `esercenti.csv` rows that the
/// content loader reads back.
@Suite("Enrolled shops exported as esercenti.csv rows")
struct MerchantsExportTests {
    /// `mappa`: the fixture's enrolment form that also asks what the map needs, mapped to the columns;
    /// `iscrizione-esercenti`: the demo portals' enrolment form, for the fixture's measure.
    static let files = VoucherFixture.files.merging([
        "prova/forms/mappa.yaml": VoucherFixture.files["prova/forms/adesione.yaml"]!.replacingOccurrences(
            of: "label: IBAN, required: true }\n",
            with: """
                label: IBAN, required: true }
                      - { name: categoria, type: text, label: Categoria, required: true }
                      - { name: via, type: textarea, label: Indirizzo, required: true }
                      - { name: paese, type: text, label: Comune, required: true }
                      - { name: lat, type: number, label: Latitudine, required: true }
                      - { name: lon, type: number, label: Longitudine, required: true }
                      - { name: orari, type: text, label: Orari }

                """
        ).replacingOccurrences(
            of: "  name: insegna\n",
            with: """
                  name: insegna
                  columns:
                    category: categoria
                    address: [via, paese]
                    lat: lat
                    lon: lon
                    hours: orari

                """),
        "prova/forms/iscrizione-esercenti.yaml": demoForm,
    ]) { _, new in new }

    /// The demo content's enrolment form, enrolling for the fixture's measure, open on the fixture's day.
    static let demoForm = try! String(
        contentsOf: IntakeFixture.repository.appendingPathComponent("content/_shared/forms/iscrizione-esercenti.yaml"),
        encoding: .utf8
    ).replacingOccurrences(of: "measures: [misura-1-buoni-spesa]", with: "measures: [buoni-spesa]")
        .replacingOccurrences(of: "opens: 2026-10-01", with: "opens: 2026-01-01")

    /// Vigonza's box, around the fixture's coordinates.
    static let area = PortalConfig.Area(south: 45.38, west: 11.80, north: 45.46, east: 11.93)

    /// Enrols each shop (`form`, fields) through an accepted case, then runs the export of `prova`.
    static func export(_ shops: [(String, [(String, String)])]) async throws -> MerchantsExport {
        let operators = try await OperatorFixture(files: files)
        try await operators.app.buildApplication().test(.router) { client in
            for (form, fields) in shops {
                let number = try await VoucherFixture.submit(client, form: form, fields)
                #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            }
        }
        let config = operators.fixture.config
        return try await ReportCommand(config: config, content: try .load(from: config.contentFolder))
            .merchants(portal: "prova")
    }

    /// Alimentari Da Gino's answers to the demo enrolment form.
    static let demoAnswers = [
        ("ragione_sociale", "Rossi Alimentari S.r.l."), ("insegna", "Alimentari Da Gino"),
        ("partita_iva", VoucherFixture.gino), ("categoria", "alimentari"), ("indirizzo", "Via Roma 12"),
        ("cap", "35010"), ("comune", "Vigonza"), ("orari", "lun-sab 7:30-13 e 16-19:30"),
        ("rappresentante", "Gino Rossi"), ("codice_fiscale_rappresentante", "RSSMRA45D25F205N"),
        ("telefono", "049 0000101"), ("email", "gino@example.org"), ("iban", "IT60X0542811101000000123456"),
        ("condizioni", "si"), ("privacy", "si"),
    ]

    /// The loader's reading of `text`, and its diagnostics as `line: message`.
    static func load(_ text: String) -> (merchants: [Merchant], errors: [String]) {
        let sink = DiagnosticSink()
        let merchants = Merchant.load(
            source: "esercenti.csv", text: text, measures: ["buoni-spesa", "altra-misura"], area: area, sink: sink)
        return (merchants, sink.list.items.map { "\($0.location.line): \($0.message)" })
    }

    @Test("a form asking the map's columns gives rows the loader reads back with no diagnostics, quotes and all")
    func roundTrip() async throws {
        let export = try await Self.export([
            (
                "mappa",
                [
                    ("insegna", "Forno \"Peraga\""), ("partita_iva", VoucherFixture.peraga),
                    ("iban", "IT60X0542811101000000123456"), ("categoria", "-Panetteria"),
                    ("via", "Via Roma 1,\r\nscala \"B\""), ("paese", "35010 Vigonza (PD)"), ("lat", "45,4101"),
                    ("lon", "11,8852"), ("orari", "lun-sab 7-13"),
                ]
            ),
            (
                "mappa",
                [
                    ("insegna", "=HYPERLINK(\"http://x\",\"y\")"), ("partita_iva", VoucherFixture.gino),
                    ("iban", "IT60X0542811101000000123456"), ("categoria", "@Alimentari"),
                    ("via", "Piazza Zanella 3"), ("paese", "Vigonza"), ("lat", "45,42"), ("lon", "11,9"),
                ]
            ),
        ])
        // Text cells that a spreadsheet would run carry the `'` guard; numbers never do.
        #expect(
            export.csv
                == "name,partita_iva,category,address,lat,lon,hours,phone,measures\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",01234560280,'@Alimentari,\"Piazza Zanella 3, Vigonza\","
                + "45.42,11.9,,,buoni-spesa\r\n"
                + "\"Forno \"\"Peraga\"\"\",03456780281,'-Panetteria,\"Via Roma 1,\nscala \"\"B\"\", 35010 Vigonza (PD)\","
                + "45.4101,11.8852,lun-sab 7-13,,buoni-spesa\r\n")
        #expect(export.gaps.isEmpty)
        let read = Self.load(export.csv)
        #expect(read.errors.isEmpty)
        #expect(read.merchants.map(\.name) == ["=HYPERLINK(\"http://x\",\"y\")", "Forno \"Peraga\""])
        #expect(read.merchants.map(\.category) == ["@Alimentari", "-Panetteria"])
        #expect(read.merchants.map(\.partitaIVA.value) == [VoucherFixture.gino, VoucherFixture.peraga])
        #expect(
            read.merchants.map(\.address) == [
                "Piazza Zanella 3, Vigonza", "Via Roma 1,\nscala \"B\", 35010 Vigonza (PD)",
            ])
        #expect(read.merchants.map { [$0.latitude, $0.longitude] } == [[45.42, 11.9], [45.4101, 11.8852]])
        #expect(read.merchants.map(\.hours?.text) == [nil, "lun-sab 7-13"])
        #expect(read.merchants.map(\.measures) == [["buoni-spesa"], ["buoni-spesa"]])
    }

    @Test("a form without the map's columns leaves them empty and names, row by row, what the loader would refuse")
    func gaps() async throws {
        let export = try await Self.export([
            (
                "adesione",
                [
                    ("insegna", "Alimentari Da Gino"), ("partita_iva", VoucherFixture.gino),
                    ("iban", "IT60X0542811101000000123456"),
                ]
            )
        ])
        #expect(
            export.csv
                == "name,partita_iva,category,address,lat,lon,hours,phone,measures\r\n"
                + "Alimentari Da Gino,01234560280,,,,,,,buoni-spesa\r\n")
        #expect(
            export.gaps.map(\.description) == [
                "esercenti.csv:2: Alimentari Da Gino (01234560280): fill category, address, lat, lon "
                    + "before adding the row to the portal's esercenti.csv (docs/CONTENT.md)"
            ])
        // The gaps are exactly the loader's complaints.
        #expect(
            Self.load(export.csv).errors == [
                "2: `category` is empty; every merchant needs it", "2: `address` is empty; every merchant needs it",
                "2: `lat` is empty; every merchant needs it", "2: `lon` is empty; every merchant needs it",
            ])
    }

    @Test("an accepted enrolment on the demo form exports a row with category, address, hours and phone filled")
    func demoForm() async throws {
        let export = try await Self.export([("iscrizione-esercenti", Self.demoAnswers)])
        #expect(
            export.csv
                == "name,partita_iva,category,address,lat,lon,hours,phone,measures\r\n"
                + "Alimentari Da Gino,01234560280,Alimentari e generi vari,\"Via Roma 12, 35010, Vigonza\",,,"
                + "lun-sab 7:30-13 e 16-19:30,049 0000101,buoni-spesa\r\n")
        // Only the coordinates, which the form does not ask, are left to the editor.
        #expect(export.gaps.map(\.columns) == [["lat", "lon"]])
    }
}
