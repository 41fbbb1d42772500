import Foundation
import ItalianIdentifiers
import Testing

@testable import PiazzaContent

@Suite("Each field rule is decided once, at load, as a type")
struct FieldRuleTests {
    /// A form header; the first field is on line 10.
    static let header = FormDefinitionErrorTests.header

    /// Loads `fields` (lines after the header) and returns the form and every diagnostic.
    static func load(_ fields: String, extra: String = "") -> (FormDefinition?, [Diagnostic]) {
        let sink = DiagnosticSink()
        let form = FormDefinition.load(
            id: "prova", source: "t/forms/prova.yaml", text: header + fields + extra, sink: sink)
        return (form, sink.list.sorted)
    }

    @Test("defaults are filled in at load: text lengths, file types and size, group rows")
    func defaults() throws {
        let (form, diagnostics) = Self.load(
            """
                  - { name: nome, type: text, label: Nome }
                  - { name: note, type: textarea, label: Note }
                  - { name: documento, type: file, label: Documento }
                  - name: componenti
                    type: group
                    label: Componente
                    fields: [{ name: nome, type: text, label: Nome }]
                  - { name: email, type: email, label: Email }

            """)
        #expect(diagnostics.isEmpty)
        let fields = try #require(form).fields
        #expect(
            fields.map(\.rule) == [
                .text(maxLength: 200), .text(maxLength: 2000),
                .file(FileRule(accept: ["application/pdf", "image/jpeg", "image/png"], maxBytes: 5_242_880)),
                .group(RowRule(minRows: 0, maxRows: 6)), .none,
            ])
        #expect(fields.map(\.characterLimit) == [200, 2000, 255, nil, 254])
    }

    @Test("bounds are parsed at load into their types: decimals, euro amounts, days or today, rows")
    func typedBounds() throws {
        let (form, diagnostics) = Self.load(
            """
                  - { name: superficie, type: number, label: Superficie, min: 10.5, max: 200 }
                  - { name: affitto, type: money, label: Affitto, min: 0, max: 1500.5 }
                  - { name: nascita, type: date, label: Nascita, min: 1900-01-01, max: today }
                  - name: componenti
                    type: group
                    label: Componente
                    min: 1
                    max: 3
                    fields: [{ name: nome, type: text, label: Nome }]

            """)
        #expect(diagnostics.isEmpty)
        let fields = try #require(form).fields
        #expect(fields[0].rule == .number(Bounds(min: Decimal(string: "10.5"), max: 200)))
        #expect(fields[1].rule == .money(Bounds(min: .zero, max: Money(cents: 150_050))))
        #expect(fields[2].rule == .date(Bounds(min: .day(try ItalianDate(year: 1900, month: 1, day: 1)), max: .today)))
        #expect(fields[3].rows == RowRule(minRows: 1, maxRows: 3))
    }

    @Test(
        "a bound that does not parse is an error of the form file at its value, when the form loads",
        arguments: [
            ("{ name: n, type: number, label: N, max: 12abc }", 49, "`max` must be a number like 1500"),
            ("{ name: n, type: number, label: N, min: '1,5' }", 49, "`min` must be a number like 1500"),
            (
                "{ name: n, type: money, label: N, max: 1500.555 }", 48,
                "`max` must be an amount in euro from 0 to 999999999.99, like 1500 or 1500.50 (dot for the cents)"
            ),
            (
                "{ name: n, type: date, label: N, min: 2026-02-30 }", 47,
                "`min` is '2026-02-30', which does not exist: February 2026 has 28 days (2026 is not a leap year); check the day and the month"
            ),
            (
                "{ name: n, type: date, label: N, min: 30/02/2026 }", 47,
                "`min` is '30/02/2026', not YYYY-MM-DD or `today`"
            ),
            (
                "{ name: n, type: group, label: N, max: abc, fields: [{ name: a, type: text, label: A }] }", 48,
                "`max` must be a whole number"
            ),
        ])
    func badBound(field: String, column: Int, message: String) throws {
        let (_, diagnostics) = Self.load("      - \(field)\n")
        #expect(diagnostics.map(\.description) == ["t/forms/prova.yaml:10:\(column): error: \(message)"])
    }

    @Test("the ISEE threshold and benefit amounts are euro amounts, exact to the cent, or an error at load")
    func amounts() throws {
        let fields = """
                  - { name: isee, type: isee, label: ISEE }
                  - name: componenti
                    type: group
                    label: Componente
                    fields: [{ name: nome, type: text, label: Nome }]

            """
        let (form, diagnostics) = Self.load(
            fields,
            extra: "checks:\n  isee: { field: isee, max: 15000.5 }\nbenefit:\n  household_group: componenti\n"
                + "  amounts: [150, 200.25]\n")
        #expect(diagnostics.isEmpty)
        #expect(form?.checks.isee?.max == Money(cents: 1_500_050))
        #expect(form?.benefit?.amounts == [Money(cents: 15_000), Money(cents: 20_025)])
        #expect(form?.benefit?.amount(householdSize: 5) == Money(cents: 20_025))
        let (_, wrong) = Self.load(fields, extra: "checks:\n  isee: { field: isee, max: 15000.505 }\n")
        #expect(
            wrong.map(\.description) == [
                "t/forms/prova.yaml:16:29: error: `max` in `checks.isee` must be an amount in euro like 15000 or 150.50 (dot for the cents)"
            ])
    }

    @Test(
        "field errors carry a code of their own: missing, invalid (the type's parser), too long, out of bounds",
        arguments: [
            ("nome", "", FieldError.Code.missing),
            ("codice_fiscale", "BNCLRA90A41H501X", .invalid),
            ("nome", String(repeating: "a", count: 21), .tooLong),
            ("affitto", "2.000,01", .outOfBounds),
            ("email", "nome@", .format),
            ("sostegni", "forse", .notAnOption),
        ])
    func codes(name: String, value: String, code: FieldError.Code) {
        #expect(FixtureForm.errors([name: [value]]).map(\.code) == [code])
    }
}
