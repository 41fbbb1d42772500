import Foundation
import ItalianIdentifiers
import Testing

@Suite("ItalianNumber")
struct ItalianNumberTests {
    @Test(
        "Numbers with a decimal comma or dot are parsed exactly",
        arguments: [
            ("12,5", "12.5"), ("12.5", "12.5"), ("1.500.000", "1500000"), ("1.500,25", "1500.25"), ("0.500", "0.5"),
            ("-3", "-3"), ("+3", "3"), ("1.234.567", "1234567"), ("0,001", "0.001"), (" 7 ", "7"),
            ("1500.255", "1500.255"), ("-0", "0"), ("0,1", "0.1"),
        ]
    )
    func validNumbers(input: String, expected: String) throws {
        let value = try ItalianNumber.parse(input)
        #expect(value == Decimal(string: expected, locale: Locale(identifier: "en_US_POSIX")))
    }

    @Test(
        "Malformed numbers are rejected",
        arguments: [
            ("", IdentifierError.Code.empty), ("-", .empty), ("abc", .format), ("1,2,3", .format), ("1.2.3", .format),
            ("12,", .format), (",5", .format), ("1 2", .format), ("1e5", .format), ("--1", .format),
            ("1.500", .format),
            ("123456789012345678901234567890123456789", .range),
        ]
    )
    func invalidNumbers(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) { _ = try ItalianNumber(input) }
        #expect(error?.code == code)
    }

    @Test("Negative numbers can be refused")
    func refuseNegative() {
        let error = #expect(throws: IdentifierError.self) { _ = try ItalianNumber("-1", allowNegative: false) }
        #expect(error?.code == .negative)
    }

    @Test(
        "Numbers are formatted the Italian way",
        arguments: [("1500,25", "1.500,25"), ("-0,5", "-0,5"), ("1234567", "1.234.567"), ("12", "12")]
    )
    func formatting(input: String, text: String) throws {
        #expect(try ItalianNumber(input).italian == text)
    }

    @Test(
        "A stored value is shown with a decimal comma and every decimal, and reads back as itself",
        arguments: [
            ("12.345", "12,345"), ("1234.5", "1.234,5"), ("1.125", "1,125"), ("0.5", "0,5"),
            ("-1234567.001", "-1.234.567,001"), ("0.001", "0,001"), ("1234567", "1.234.567"),
        ]
    )
    func storedValues(stored: String, text: String) throws {
        let value = try #require(Decimal(string: stored, locale: Locale(identifier: "en_US_POSIX")))
        #expect(ItalianNumber(value).italian == text)
        #expect(try ItalianNumber.parse(text) == value)
    }

    @Test(
        "A stored integer shown with one thousands dot is asked about when typed back, never read as another value",
        arguments: [("12345", "12.345", "12345", "12,345"), ("1000", "1.000", "1000", "1,000")]
    )
    func storedAmbiguous(stored: String, text: String, plain: String, comma: String) throws {
        let value = try #require(Decimal(string: stored, locale: Locale(identifier: "en_US_POSIX")))
        #expect(ItalianNumber(value).italian == text)
        let error = #expect(throws: IdentifierError.self) { try ItalianNumber.parse(text) }
        #expect(
            error?.message
                == "Non è chiaro se il punto in \(text) separa le migliaia o i decimali: scrivi \(plain) oppure \(comma)."
        )
    }
}
