import Foundation
import GRDB
import NIOCore
import PiazzaContent
import Testing
import ZIPFoundation

@testable import PiazzaContent
@testable import PiazzaIntake

/// The members of a repeatable group in the applications export: one column per member field per row
/// position, in CSV and XLSX, on an in-memory portal database.
@Suite("Applications export: a repeatable group's members as columns")
final class GroupColumnsExportTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-groups-\(UUID())")
    let database: PortalDatabase

    /// A homework-tutoring enrolment: the parent, up to two children, a consent after the group.
    static let form = """
        title: Iscrizione al doposcuola
        description: Compiti con il tutor.
        opens: 2026-01-01 09:00
        closes: 2026-12-31 12:00
        privacy: privacy.md
        retention_years: 5
        sections:
          - title: Famiglia
            fields:
              - { name: nome, type: text, label: Richiedente, required: true }
              - name: studenti
                type: group
                label: Studente
                min: 1
                max: 2
                fields:
                  - { name: nome, type: text, label: Nome e cognome, required: true }
                  - name: classe
                    type: select
                    label: Classe frequentata
                    required: true
                    options:
                      - { value: primaria-3, label: 3ª primaria }
                      - { value: secondaria-1, label: 1ª secondaria }
                  - { name: nascita, type: date, label: Data di nascita }
                  - { name: retta, type: money, label: Retta mensile }
              - { name: privacy, type: consent, label: Ho letto l'informativa, required: true }
        """

    static let header =
        "\u{FEFF}Numero pratica;Data di invio;Canale;Stato;Controlli da verificare;Importo;Pagamento;Data pagamento;"
        + "Riferimento pagamento;Richiedente;Studente;Studente 1 – Nome e cognome;Studente 1 – Classe frequentata;"
        + "Studente 1 – Data di nascita;Studente 1 – Retta mensile;Studente 2 – Nome e cognome;"
        + "Studente 2 – Classe frequentata;Studente 2 – Data di nascita;Studente 2 – Retta mensile;"
        + "Ho letto l'informativa\r\n"

    init() throws {
        let uploads = root.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        database = try PortalDatabase(portalID: "prova", writer: DatabaseQueue(), uploadsFolder: uploads)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The form, its group's `max` replaced by `maxRows`.
    static func definition(maxRows: Int = 2) throws -> FormDefinition {
        let sink = DiagnosticSink()
        let text = form.replacingOccurrences(of: "max: 2", with: "max: \(maxRows)")
        let form = FormDefinition.load(id: "doposcuola", source: "prova/forms/doposcuola.yaml", text: text, sink: sink)
        #expect(sink.list.items.isEmpty, "\(sink.list.items)")
        return try #require(form)
    }

    /// A child's row: name, class, and the optional birth date and fee.
    static func child(_ name: String, _ classe: String, born: String? = nil, feeCents: Int? = nil) -> [Answer] {
        [Answer(name: "nome", value: .text(name)), Answer(name: "classe", value: .option(classe))]
            + (born.map { [Answer(name: "nascita", value: .date($0))] } ?? [])
            + (feeCents.map { [Answer(name: "retta", value: .cents($0))] } ?? [])
    }

    /// Stores an application of the parent `parent` with `children`; its numero pratica.
    @discardableResult
    func store(_ parent: String, _ children: [[Answer]]) async throws -> String {
        let answers = [
            Answer(name: "nome", value: .text(parent)), Answer(name: "studenti", value: .rows(children)),
            Answer(name: "privacy", value: .bool(true)),
        ]
        let draft = ApplicationDraft(
            formID: "doposcuola", submittedAt: IntakeFixture.now, channel: .online,
            application: ValidatedApplication(formID: "doposcuola", answers: answers), checks: [], household: nil,
            fiscalCodes: [], benefitCents: nil, idempotencyKey: { _ in UUID().uuidString }, uploads: [])
        return try await database.storeApplication(draft).number
    }

    /// The whole export of the form as `format` writes it.
    func export(_ format: ReportFormat, form: FormDefinition) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await ApplicationsExport(database: database, form: form, format: format, since: nil).write {
            bytes += Array($0.readableBytesView)
        }
        return bytes
    }

    /// The rows of an XLSX export's sheet, each from its `r="…"` attribute on.
    static func sheetRows(_ bytes: [UInt8]) throws -> ArraySlice<String> {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var sheet = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        return String(decoding: sheet, as: UTF8.self).components(separatedBy: "<row r=").dropFirst()
    }

    /// A text cell as the sheet writes it, in the header's style when `header`.
    static func inlineCell(_ reference: String, _ value: String, header: Bool = false) -> String {
        "<c r=\"\(reference)\"\(header ? " s=\"1\"" : "") t=\"inlineStr\"><is><t xml:space=\"preserve\">\(value)</t></is></c>"
    }

    /// Two families: one with both children, one with a single child whose name looks like a formula.
    func storeTwoFamilies() async throws {
        try await store(
            "Maria Rossi",
            [
                Self.child("Luca Rossi", "primaria-3", born: "2017-05-04", feeCents: 4_550),
                Self.child("Anna Rossi", "secondaria-1", born: "2013-09-12", feeCents: 6_000),
            ])
        try await store("Paolo Bianchi", [Self.child("=SOMMA(A1:A9)", "primaria-3")])
    }

    @Test(
        "CSV: a group's count, then each member field of row 1 and row 2 formatted as top-level fields; a row with fewer children leaves the later cells empty; a formula-looking member is guarded, byte for byte"
    )
    func csv() async throws {
        try await storeTwoFamilies()
        let bytes = try await export(.csv, form: try Self.definition())
        let expected =
            Self.header
            + "2026-0000001;01/06/2026 12:00;online;Inviata;;;;;;Maria Rossi;2;Luca Rossi;3ª primaria;04/05/2017;45,50;"
            + "Anna Rossi;1ª secondaria;12/09/2013;60,00;Sì\r\n"
            + "2026-0000002;01/06/2026 12:00;online;Inviata;;;;;;Paolo Bianchi;1;'=SOMMA(A1:A9);3ª primaria;;;;;;;Sì\r\n"
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test(
        "XLSX: the same columns, a member's date a real date and its fee an amount, a formula-looking member an inline string, the empty cells of the missing child absent"
    )
    func xlsx() async throws {
        try await storeTwoFamilies()
        let bytes = try await export(.xlsx, form: try Self.definition())
        let rows = try Self.sheetRows(bytes)
        func text(_ cell: String, _ value: String, header: Bool = false) -> String {
            Self.inlineCell(cell, value, header: header)
        }
        let headers = [
            "Richiedente", "Studente", "Studente 1 – Nome e cognome", "Studente 1 – Classe frequentata",
            "Studente 1 – Data di nascita", "Studente 1 – Retta mensile", "Studente 2 – Nome e cognome",
            "Studente 2 – Classe frequentata", "Studente 2 – Data di nascita", "Studente 2 – Retta mensile",
            "Ho letto l'informativa",
        ]
        let letters = ["J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"]
        let headerCells = zip(letters, headers).map { text($0 + "1", $1, header: true) }.joined()
        #expect(rows.first?.hasSuffix(headerCells + "</row>\n") == true, "\(rows.first ?? "")")
        // 04/05/2017 is serial 42859, 12/09/2013 41529.
        let first =
            text("J2", "Maria Rossi") + "<c r=\"K2\"><v>2</v></c>" + text("L2", "Luca Rossi")
            + text("M2", "3ª primaria")
            + "<c r=\"N2\" s=\"2\"><v>42859</v></c><c r=\"O2\" s=\"4\"><v>45.50</v></c>" + text("P2", "Anna Rossi")
            + text("Q2", "1ª secondaria") + "<c r=\"R2\" s=\"2\"><v>41529</v></c><c r=\"S2\" s=\"4\"><v>60.00</v></c>"
            + text("T2", "Sì") + "</row>\n"
        #expect(rows.dropFirst().first?.hasSuffix(first) == true, "\(rows.dropFirst().first ?? "")")
        let second =
            text("J3", "Paolo Bianchi") + "<c r=\"K3\"><v>1</v></c>" + text("L3", "=SOMMA(A1:A9)")
            + text("M3", "3ª primaria") + text("T3", "Sì") + "</row>\n</sheetData></worksheet>\n"
        #expect(rows.last?.hasSuffix(second) == true, "\(rows.last ?? "")")
    }

    @Test(
        "streamed over more than one batch, every row has the header's cells, the last batch's second child in its columns"
    )
    func streaming() async throws {
        for index in 1...Batches.size {
            try await store("Famiglia \(index)", [Self.child("Figlio \(index)", "primaria-3")])
        }
        try await store("Ultima", [Self.child("Primo", "primaria-3"), Self.child("Seconda", "secondaria-1")])
        let lines = String(decoding: try await export(.csv, form: try Self.definition()), as: UTF8.self)
            .components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == Batches.size + 2)
        let widths = Set(lines.map { $0.split(separator: ";", omittingEmptySubsequences: false).count })
        #expect(widths == [20])
        #expect(lines[1].hasSuffix(";Famiglia 1;1;Figlio 1;3ª primaria;;;;;;;Sì"))
        #expect(
            lines.last
                == "2026-0000501;01/06/2026 12:00;online;Inviata;;;;;;Ultima;2;Primo;3ª primaria;;;Seconda;1ª secondaria;;;Sì"
        )
    }

    @Test("a group whose max was lowered after some applications still exports every row they hold")
    func loweredMax() async throws {
        try await store(
            "Maria Rossi", [Self.child("Luca Rossi", "primaria-3"), Self.child("Anna Rossi", "secondaria-1")])
        #expect(try await database.largestGroups(formID: "doposcuola", since: nil, before: nil) == ["studenti": 2])
        let lines = String(decoding: try await export(.csv, form: try Self.definition(maxRows: 1)), as: UTF8.self)
            .components(separatedBy: "\r\n")
        #expect(lines[0].hasSuffix(";Studente 2 – Data di nascita;Studente 2 – Retta mensile;Ho letto l'informativa"))
        #expect(lines[1].hasSuffix(";Maria Rossi;2;Luca Rossi;3ª primaria;;;Anna Rossi;1ª secondaria;;;Sì"))
        // The period counts: no application before 2026 holds a group.
        let before = ContentDateTime("2026-01-01 00:00")!.instant
        #expect(try await database.largestGroups(formID: "doposcuola", since: nil, before: before) == [:])
    }
}
