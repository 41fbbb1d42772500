import Foundation
import ItalianIdentifiers
import Testing

@Suite("Money")
struct MoneyTests {
    @Test(
        "Amounts typed the Italian way are parsed into cents",
        arguments: [
            ("1.500,75", 150_075), ("1500,75", 150_075), ("1500.75", 150_075), ("€ 1.500", 150_000),
            ("1500 €", 150_000), ("€1.500,00", 150_000), ("1.500", 150_000), ("12.345.678,90", 1_234_567_890),
            ("0,50", 50), ("0.50", 50), ("1500,5", 150_050), ("  42  ", 4_200), ("42", 4_200), ("0", 0),
            ("1500 EUR", 150_000), ("eur 10", 1_000), ("1\u{00A0}€", 100), ("+7,01", 701), ("€ 0,05", 5),
            ("-0,00", 0), ("999.999.999,99", 99_999_999_999), ("1500.5", 150_050), ("1 500", 150_000),
            ("1.125", 112_500), ("1'500,00 €", 150_000),
        ]
    )
    func validAmounts(input: String, cents: Int) throws {
        #expect(try Money(input).cents == cents)
    }

    @Test(
        "Invalid amounts are rejected with a specific error code",
        arguments: [
            ("", IdentifierError.Code.empty), ("   ", .empty), ("€", .empty), ("abc", .format), ("12a", .format),
            ("1,505", .format), ("1.500,755", .format), ("1500.755", .format),
            ("1.500.75", .format), ("1,500.75", .format), ("1,2,3", .format), ("1 50", .format), ("1,", .format),
            (",50", .format), ("0.500", .format), ("1.50.000", .format), ("€ 5 €", .format), ("$ 5", .format),
            ("-5", .negative), ("- 1.500,75 €", .negative), ("99999999999999999999", .range),
            ("92233720368547758,08", .range), ("92233720368547758,07", .range), ("1.000.000.000,00", .range),
            ("999999999,991", .format),
        ]
    )
    func invalidAmounts(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) { _ = try Money(input) }
        #expect(error?.code == code)
    }

    @Test("An amount above the maximum is refused whatever its sign, and the message names the maximum")
    func maximum() {
        for text in ["1.000.000.000", "-1.000.000.000"] {
            let error = #expect(throws: IdentifierError.self) { _ = try Money(text, allowNegative: true) }
            #expect(error?.code == .range)
            #expect(
                error?.message
                    == "L'importo è troppo grande: il massimo è 999.999.999,99 €. Controlla le cifre inserite.")
        }
    }

    @Test(
        "Negative amounts are accepted when allowed",
        arguments: [("-1.500,75", -150_075), ("€ -5", -500), ("-€ 5", -500), ("−3,10 €", -310)]
    )
    func negativeAmounts(input: String, cents: Int) throws {
        #expect(try Money.parse(input, allowNegative: true).cents == cents)
    }

    @Test(
        "Amounts are formatted the Italian way with a normal space before the euro sign",
        arguments: [
            (150_075, "1.500,75 €"), (150_000, "1.500,00 €"), (5, "0,05 €"), (0, "0,00 €"), (-150_075, "-1.500,75 €"),
            (123_456_789, "1.234.567,89 €"), (99_999, "999,99 €"), (100_000, "1.000,00 €"),
        ]
    )
    func formatting(cents: Int, text: String) throws {
        let money = Money(cents: cents)
        #expect(money.italian == text)
        #expect(money.description == text)
        #expect(try Money(text, allowNegative: true) == money)
    }

    @Test("Formatting without the euro sign and in plain decimal form")
    func otherForms() {
        let money = Money(euros: 1500, cents: 75)
        #expect(money.cents == 150_075)
        #expect(money.euros == 1500)
        #expect(money.formatted(currencySymbol: false) == "1.500,75")
        #expect(money.plainDecimal == "1500.75")
        #expect(Money(cents: -5).plainDecimal == "-0.05")
    }

    @Test("Amounts can be compared and added")
    func arithmetic() {
        #expect(Money(cents: 100) < Money(cents: 101))
        #expect(Money(cents: 100) + Money(cents: 50) == Money(cents: 150))
        #expect(Money(cents: 100) - Money(cents: 150) == Money(cents: -50))
        #expect(Money.zero.cents == 0)
    }

    @Test("Amounts are encoded as integer cents")
    func codable() throws {
        let data = try JSONEncoder().encode([Money(cents: 150_075)])
        #expect(String(decoding: data, as: UTF8.self) == "[150075]")
        #expect(try JSONDecoder().decode([Money].self, from: data) == [Money(cents: 150_075)])
    }
}
