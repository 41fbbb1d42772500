import Foundation
import ItalianIdentifiers
import Testing

@testable import PiazzaContent

/// Amounts in content files were read without bounds: a negative benefit (`amounts: [-150]`) or an ISEE
/// threshold of 10^15 € loaded, and a voucher could be issued for it. Every amount the content loaders read (the
/// ISEE threshold, benefit amounts, a money field's bounds, a calendar's fee) is from 0 to Money.maximum, or an
/// error at its value that says the range (finding 16).
@Suite("Content amounts are between 0 and 999.999.999,99 € or an error at the value")
struct ContentAmountTests {
    static let range = "from 0 to 999999999.99 (0,00 € to 999.999.999,99 €)"

    @Test("the ISEE threshold and each benefit amount: negative or too large is an error at the value")
    func thresholdAndBenefit() {
        let fields = """
                  - { name: isee, type: isee, label: ISEE }
                  - name: componenti
                    type: group
                    label: Componente
                    fields: [{ name: nome, type: text, label: Nome }]

            """
        let (_, diagnostics) = FieldRuleTests.load(
            fields,
            extra: "checks:\n  isee: { field: isee, max: -1 }\nbenefit:\n  household_group: componenti\n"
                + "  amounts: [150, 1000000000, -20, 999999999.99, 99999999999999999999999]\n")
        #expect(
            diagnostics.map(\.description) == [
                "t/forms/prova.yaml:16:29: error: `max` in `checks.isee` is -1, outside the amounts piazza accepts: "
                    + "write an amount in euro \(Self.range)",
                "t/forms/prova.yaml:19:18: error: `amounts` in `benefit` of the form is 1000000000, outside the amounts "
                    + "piazza accepts: write an amount in euro \(Self.range)",
                "t/forms/prova.yaml:19:30: error: `amounts` in `benefit` of the form is -20, outside the amounts piazza "
                    + "accepts: write an amount in euro \(Self.range)",
                "t/forms/prova.yaml:19:49: error: `amounts` in `benefit` of the form is 99999999999999999999999, "
                    + "outside the amounts piazza accepts: write an amount in euro \(Self.range)",
            ])
        let (edge, none) = FieldRuleTests.load(
            fields,
            extra: "checks:\n  isee: { field: isee, max: 0 }\nbenefit:\n  household_group: componenti\n"
                + "  amounts: [0, 999999999.99]\n")
        #expect(none.isEmpty)
        #expect(edge?.benefit?.amounts == [.zero, Money.maximum])
    }

    @Test(
        "a money field's bound outside the range is an error at it that says the range",
        arguments: ["-1", "1000000000", "1000000000000000000000"])
    func fieldBound(value: String) {
        let (_, diagnostics) = FieldRuleTests.load("      - { name: n, type: money, label: N, max: \(value) }\n")
        #expect(
            diagnostics.map(\.description) == [
                "t/forms/prova.yaml:10:48: error: `max` must be an amount in euro from 0 to 999999999.99, like 1500 "
                    + "or 1500.50 (dot for the cents)"
            ])
    }

    @Test("a calendar's cost_per_hour below zero or too large is an error at the value")
    func calendarFee() throws {
        for value in ["-22.50", "1000000000"] {
            let content = try ContentFixture()
            try content.write(
                "alfa/calendars/prova.yaml", calendarHeader + CalendarErrorTests.rule + "cost_per_hour: \(value)\n")
            #expect(
                try content.onlyDiagnostic().description
                    == "alfa/calendars/prova.yaml:10:16: error: `cost_per_hour` in calendar is \(value), outside the "
                    + "amounts piazza accepts: write an amount in euro \(Self.range)")
        }
    }
}
