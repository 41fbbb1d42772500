import Foundation
import ItalianIdentifiers
import Testing

/// One reading of `.` and `,` for every typed number and amount (`number` fields, `money` fields, ISEE amounts,
/// which are read as ``Money``): each vector is read by both types.
@Suite("Typed numbers and amounts: one rule for the dot and the comma")
struct NumberTextTests {
    /// What a type makes of a text: a value (plain decimal with a dot) or the exact message of its refusal.
    enum Reading: Sendable, Equatable, CustomTestStringConvertible {
        case value(String)
        case refused(String)

        var testDescription: String {
            switch self {
            case .value(let value): "→ \(value)"
            case .refused(let message): "refused: \(message)"
            }
        }
    }

    static let numberFormat = "Scrivi un numero usando solo cifre e la virgola per i decimali, ad esempio 12,5."
    static let moneyFormat =
        "L'importo può contenere solo cifre, il punto per le migliaia e la virgola per i centesimi, ad esempio 1.500,50."
    static let cents = "L'importo può avere al massimo 2 cifre dopo la virgola (i centesimi), ad esempio 1.500,50."
    static let negative = "L'importo non può essere negativo: togli il segno meno."

    static func ambiguous(_ dotted: String, _ plain: String, _ comma: String) -> Reading {
        .refused(
            "Non è chiaro se il punto in \(dotted) separa le migliaia o i decimali: scrivi \(plain) oppure \(comma).")
    }

    static func zeroFirst(_ fraction: String) -> Reading {
        .refused("Scrivi lo zero prima dei decimali: 0,\(fraction).")
    }

    static func noDecimals(after separator: String) -> Reading {
        .refused("Dopo \(separator) mancano i decimali: scrivi 5 oppure aggiungi le cifre dopo la virgola.")
    }

    static let vectors: [(text: String, number: Reading, money: Reading)] = [
        // The comma is the decimal separator; dots group thousands.
        ("12,5", .value("12.5"), .value("12.5")),
        ("1.500,75", .value("1500.75"), .value("1500.75")),
        ("12.345.678,9", .value("12345678.9"), .value("12345678.9")),
        ("1.234.567", .value("1234567"), .value("1234567")),
        // A dot that cannot group thousands is a decimal point.
        ("1.5", .value("1.5"), .value("1.5")),
        ("1.50", .value("1.5"), .value("1.5")),
        ("1500.75", .value("1500.75"), .value("1500.75")),
        ("1500.5", .value("1500.5"), .value("1500.5")),
        ("0.125", .value("0.125"), .refused(cents)),
        ("01.500", .value("1.5"), .refused(cents)),
        // A lone dot before exactly 3 digits: ambiguous for numbers, thousands for amounts (at most 2 decimals).
        ("1.125", ambiguous("1.125", "1125", "1,125"), .value("1125")),
        ("1.500", ambiguous("1.500", "1500", "1,500"), .value("1500")),
        ("12.345", ambiguous("12.345", "12345", "12,345"), .value("12345")),
        ("-123.456", ambiguous("123.456", "123456", "123,456"), .refused(negative)),
        ("€ 1.500", .refused(numberFormat), .value("1500")),
        // Spaces (NBSP, narrow NBSP) and apostrophes group thousands too, one kind per number.
        ("1 500,00", .value("1500"), .value("1500")),
        ("1\u{00A0}500,00", .value("1500"), .value("1500")),
        ("1\u{202F}500", .value("1500"), .value("1500")),
        ("1 125", .value("1125"), .value("1125")),
        ("1'500", .value("1500"), .value("1500")),
        ("1\u{2019}500,5", .value("1500.5"), .value("1500.5")),
        ("1'500.25", .value("1500.25"), .value("1500.25")),
        ("1 500.5", .value("1500.5"), .value("1500.5")),
        ("1 234 567", .value("1234567"), .value("1234567")),
        ("1 5", .refused(numberFormat), .refused(moneyFormat)),
        ("1 50,5", .refused(numberFormat), .refused(moneyFormat)),
        ("1.500 000", .refused(numberFormat), .refused(moneyFormat)),
        ("1.500'000", .refused(numberFormat), .refused(moneyFormat)),
        ("1.5,25", .refused(numberFormat), .refused(moneyFormat)),
        ("1,500.75", .refused(numberFormat), .refused(moneyFormat)),
        ("1,500,000", .refused(numberFormat), .refused(moneyFormat)),
        ("1.50.000", .refused(numberFormat), .refused(moneyFormat)),
        ("1.2.3", .refused(numberFormat), .refused(moneyFormat)),
        ("1e3", .refused(numberFormat), .refused(moneyFormat)),
        ("0x10", .refused(numberFormat), .refused(moneyFormat)),
        // Signs: plus, hyphen-minus, the minus sign and every dash; only before the digits.
        ("+5", .value("5"), .value("5")),
        ("-5", .value("-5"), .refused(negative)),
        ("\u{2212}5", .value("-5"), .refused(negative)),
        ("\u{2013} 5", .value("-5"), .refused(negative)),
        ("-0", .value("0"), .value("0")),
        ("5-", .refused(numberFormat), .refused(moneyFormat)),
        ("--5", .refused(numberFormat), .refused(moneyFormat)),
        // Leading zeros are kept out of the value.
        ("007", .value("7"), .value("7")),
        ("00,5", .value("0.5"), .value("0.5")),
        // A separator needs digits on both sides.
        (",5", zeroFirst("5"), zeroFirst("5")),
        (".25", zeroFirst("25"), zeroFirst("25")),
        ("5,", noDecimals(after: "la virgola"), noDecimals(after: "la virgola")),
        ("5.", noDecimals(after: "il punto"), noDecimals(after: "il punto")),
        ("1.500.", .refused(numberFormat), .refused(moneyFormat)),
        // Digits of other widths and scripts are read by their value.
        ("\u{FF11}.\u{FF15}", .value("1.5"), .value("1.5")),
        ("\u{FF11}\u{FF0E}\u{FF15}\u{FF10}\u{FF10}\u{FF0C}\u{FF17}\u{FF15}", .value("1500.75"), .value("1500.75")),
        ("\u{0661}\u{0662}\u{0663},\u{0665}", .value("123.5"), .value("123.5")),
        ("\u{0967}.\u{096B}\u{0966}\u{0966}", ambiguous("1.500", "1500", "1,500"), .value("1500")),
    ]

    static func number(_ text: String) -> Reading {
        do { return .value(try ItalianNumber.parse(text).description) } catch { return .refused(error.message) }
    }

    static func money(_ text: String) -> Reading {
        do { return .value(try Money(text).plainDecimalValue) } catch { return .refused(error.message) }
    }

    @Test("number fields, amounts and ISEE amounts read the same text by the same rule", arguments: vectors)
    func reading(text: String, number: Reading, money: Reading) {
        #expect(Self.number(text) == number)
        #expect(Self.money(text) == money)
    }
}

extension Money {
    /// The amount as a plain decimal without trailing zeros (`1500.75`, `1500`, `1.5`), to compare with numbers.
    fileprivate var plainDecimalValue: String {
        (Decimal(cents) / 100).description
    }
}
