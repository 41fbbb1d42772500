import Foundation
import PiazzaContent
import Testing

@Suite("Form schema errors are located in the form file")
struct FormDefinitionErrorTests {
    /// A valid form header: `sections:` is line 7, the first field starts on line 10.
    static let header = """
        title: Prova
        description: Un modulo di prova.
        opens: 2026-09-01
        closes: 2026-12-15 12:00
        privacy: privacy.md
        retention_years: 5
        sections:
          - title: Dati
            fields:

        """

    @Test("the header used by these tests loads with one plain field")
    func valid() throws {
        let content = try ContentFixture()
        try content.write("alfa/forms/prova.yaml", Self.header + "      - { name: nome, type: text, label: Nome }\n")
        let form = try #require(try content.load().portal("alfa")?.form(id: "prova"))
        #expect(form.fields.map(\.line) == [10])
        #expect(form.opens.iso == "2026-09-01T00:00:00+02:00")
        #expect(form.minFillSeconds == 3)
        #expect(form.submitLabel == "Invia la domanda")
    }

    @Test("an unknown field type is reported at the type, listing the types")
    func unknownFieldType() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml",
            Self.header + "      - name: nome\n        type: testo\n        label: Nome\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/forms/prova.yaml")
        #expect(diagnostic.line == 11)
        #expect(diagnostic.column == 15)
        #expect(
            diagnostic.message
                == "`type` in field `nome` is 'testo'; use one of: text, textarea, email, tel, date, number, money, select, radio, checkbox, consent, file, group, codice_fiscale, partita_iva, iban, cap, isee"
        )
    }

    @Test("autocomplete street-address on a one-line input is reported at the key")
    func streetAddressOnInput() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml",
            Self.header
                + "      - name: indirizzo\n        type: text\n        label: Indirizzo\n        autocomplete: street-address\n"
        )
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.line == 13)
        #expect(diagnostic.column == 23)
        #expect(
            diagnostic.message
                == "`autocomplete: street-address` is for multi-line fields only; use address-line1 on a single line")
    }

    @Test("`when:` referring to a field that comes later is reported at the name in `when`")
    func whenRefersToLaterField() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml",
            Self.header + """
                      - name: scuola
                        type: text
                        label: Quale scuola
                        when: { field: ha_figli, equals: si }
                      - { name: ha_figli, type: radio, label: Hai figli?, options: [si, "no"] }

                """)
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/forms/prova.yaml:13:24: error: `when` of `scuola` refers to `ha_figli`, which is not a field before it"
        )
    }

    @Test("`when:` naming a field with a typo is reported at the name, suggesting the field before it")
    func whenTypo() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml",
            Self.header + """
                      - { name: altri_sostegni, type: radio, label: Altri sostegni?, options: [si, "no"] }
                      - name: descrizione
                        type: text
                        label: Quali
                        when:
                          field: altri_sostegno
                          equals: si

                """)
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/forms/prova.yaml:15:18: error: `when` of `descrizione` refers to `altri_sostegno`, which is not a field before it; did you mean `altri_sostegni`?"
        )
    }

    @Test(
        "a residence check on a field that is not a choice of comune is an error at its name",
        arguments: [
            (
                "      - { name: indirizzo, type: text, label: Indirizzo }\n",
                "`indirizzo` is a text field, not a choice of comune; the residence check compares the answer with the portal's comuni: name a field with `type: select` and `options: comuni` (like `comune`)"
            ),
            (
                "      - { name: indirizzo, type: checkbox, label: Indirizzo }\n",
                "`indirizzo` is a checkbox field, not a choice of comune; the residence check compares the answer with the portal's comuni: name a field with `type: select` and `options: comuni` (like `comune`)"
            ),
        ])
    func residenceOnFreeText(field: String, message: String) throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml",
            Self.header + "      - { name: comune, type: select, label: Comune, options: comuni }\n" + field
                + "checks:\n  residence: { field: indirizzo }\n")
        #expect(try content.onlyDiagnostic().description == "alfa/forms/prova.yaml:13:23: error: \(message)")
    }

    @Test(
        "field keys that do not fit the type are errors at the key",
        arguments: [
            (
                "      - { name: nome, type: text, label: Nome, options: [a, b] }\n", 10, 48,
                "`options` only applies to select, radio and checkbox fields"
            ),
            (
                "      - { name: scelta, type: select, label: Scelta }\n", 10, 9,
                "a select field needs `options:` (a list of values or {value, label}, or `comuni` for the portal's comuni)"
            ),
            (
                "      - { name: Nome, type: text, label: Nome }\n", 10, 17,
                "field name 'Nome' must use only a-z, 0-9 and _ and start with a letter"
            ),
            (
                "      - { name: nome, type: text, label: Nome }\n      - { name: nome, type: email, label: Email }\n",
                11, 1,
                "field name `nome` is used twice; rename one"
            ),
        ])
    func fieldKeys(fields: String, line: Int, column: Int, message: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/forms/prova.yaml", Self.header + fields)
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(diagnostic.message == message)
    }

    @Test(
        "a bad bando window is an error at `closes`",
        arguments: [
            (
                "closes: 2026-08-31 25:00",
                "`closes` in form is '2026-08-31 25:00', which does not exist: there is no hour 25; hours go from 00 to 23"
            ),
            ("closes: 2026-08-31", "`closes` is before `opens`; swap them"),
        ])
    func badWindow(closes: String, message: String) throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml",
            Self.header.replacingOccurrences(of: "closes: 2026-12-15 12:00", with: closes)
                + "      - { name: nome, type: text, label: Nome }\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.line == 4)
        #expect(diagnostic.column == 9)
        #expect(diagnostic.message == message)
    }

    @Test("a form's privacy page must exist in the portal")
    func missingPrivacyPage() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml",
            Self.header.replacingOccurrences(of: "privacy: privacy.md", with: "privacy: informativa.md")
                + "      - { name: nome, type: text, label: Nome }\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/forms/prova.yaml:5:1: error: privacy page 'informativa.md' not found; write its path from the portal root, e.g. privacy.md"
        )
    }
}
