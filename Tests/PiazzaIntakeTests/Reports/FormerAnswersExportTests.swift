import Foundation
import Testing

@testable import PiazzaContent
@testable import PiazzaIntake

/// Answers stored for fields taken out of the form afterwards: the case page shows them, so the export carries
/// them too, after the form's columns.
@Suite("Applications export: answers to fields no longer in the form")
struct FormerAnswersExportTests {
    /// The tutoring form after an edit: the applicant's name and the children's group taken out, a note added.
    static func editedForm() throws -> FormDefinition {
        let sink = DiagnosticSink()
        // The same form's settings, its fields replaced.
        let settings = GroupColumnsExportTests.form.components(separatedBy: "sections:")[0]
        let text =
            settings + "sections:\n  - title: Famiglia\n    fields:\n"
            + "      - { name: privacy, type: consent, label: Ho letto l'informativa, required: true }\n"
            + "      - { name: note, type: text, label: Note }\n"
        let form = FormDefinition.load(id: "doposcuola", source: "prova/forms/doposcuola.yaml", text: text, sink: sink)
        #expect(sink.list.items.isEmpty, "\(sink.list.items)")
        return try #require(form)
    }

    static let header =
        "\u{FEFF}Numero pratica;Data di invio;Canale;Stato;Controlli da verificare;Importo;Pagamento;Data pagamento;"
        + "Riferimento pagamento;Ho letto l'informativa;Note;nome (campo tolto dal modulo);"
        + "studenti (campo tolto dal modulo)\r\n"

    /// Two families, the second's applicant a formula-looking name.
    static func stored() async throws -> GroupColumnsExportTests {
        let groups = try GroupColumnsExportTests()
        try await groups.store(
            "Maria Rossi",
            [
                GroupColumnsExportTests.child("Luca Rossi", "primaria-3", born: "2017-05-04", feeCents: 4_550),
                GroupColumnsExportTests.child("Anna Rossi", "secondaria-1"),
            ])
        try await groups.store("=SOMMA(A1:A9)", [GroupColumnsExportTests.child("Piero", "primaria-3")])
        return groups
    }

    @Test(
        "CSV: one column per former answer after the form's, headed with its name, a group's rows written out, a formula guarded, byte for byte"
    )
    func csv() async throws {
        let groups = try await Self.stored()
        let bytes = try await groups.export(.csv, form: try Self.editedForm())
        let expected =
            Self.header
            // A group's rows hold `;`: quoted, as any such cell.
            + "2026-0000001;01/06/2026 12:00;online;Inviata;;;;;;Sì;;Maria Rossi;"
            + "\"1: nome Luca Rossi, classe primaria-3, nascita 04/05/2017, retta 45,50 €; 2: nome Anna Rossi, "
            + "classe secondaria-1\"\r\n"
            + "2026-0000002;01/06/2026 12:00;online;Inviata;;;;;;Sì;;'=SOMMA(A1:A9);1: nome Piero, classe primaria-3\r\n"
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test("XLSX: the same columns, the former answers as inline strings after the form's")
    func xlsx() async throws {
        let groups = try await Self.stored()
        let bytes = try await groups.export(.xlsx, form: try Self.editedForm())
        let rows = try GroupColumnsExportTests.sheetRows(bytes)
        func text(_ cell: String, _ value: String, header: Bool = false) -> String {
            GroupColumnsExportTests.inlineCell(cell, value, header: header)
        }
        let headerCells =
            text("J1", "Ho letto l'informativa", header: true) + text("K1", "Note", header: true)
            + text("L1", "nome (campo tolto dal modulo)", header: true)
            + text("M1", "studenti (campo tolto dal modulo)", header: true)
        #expect(rows.first?.hasSuffix(headerCells + "</row>\n") == true, "\(rows.first ?? "")")
        let second =
            text("J3", "Sì") + text("L3", "=SOMMA(A1:A9)") + text("M3", "1: nome Piero, classe primaria-3") + "</row>\n"
        #expect(rows.dropFirst(2).first?.contains(second) == true, "\(rows.dropFirst(2).first ?? "")")
    }

    @Test("a text over Excel's cell limit in a former answer is cut with the notice, as any text cell")
    func cellLimit() async throws {
        let groups = try GroupColumnsExportTests()
        try await groups.store(
            String(repeating: "a", count: 40_000), [GroupColumnsExportTests.child("Piero", "primaria-3")])
        let lines = String(decoding: try await groups.export(.csv, form: try Self.editedForm()), as: UTF8.self)
            .components(separatedBy: "\r\n")
        #expect(
            lines[1].contains(
                " … [testo tagliato: 40000 caratteri, una cella di Excel ne tiene al massimo 32767. Il testo intero è nella pratica];1: nome Piero"
            ))
    }

    @Test("the former names are those of the period and not in the form, in the order first stored")
    func names() async throws {
        let groups = try await Self.stored()
        #expect(
            try await groups.database.formerAnswerNames(
                formID: "doposcuola", keeping: ["privacy", "note"], since: nil, before: nil) == ["nome", "studenti"])
        #expect(
            try await groups.database.formerAnswerNames(
                formID: "doposcuola", keeping: ["nome", "studenti", "privacy"], since: nil, before: nil) == [])
        let before = ContentDateTime("2026-01-01 00:00")!.instant
        #expect(
            try await groups.database.formerAnswerNames(formID: "doposcuola", keeping: [], since: nil, before: before)
                == [])
    }
}
