import Foundation
import ItalianIdentifiers
import Testing

@Suite("IBAN")
struct IBANTests {
    @Test(
        "Known-good IBANs are accepted",
        arguments: [
            ("IT60X0542811101000000123456", "IT60X0542811101000000123456"),
            ("IT60 X054 2811 1010 0000 0123 456", "IT60X0542811101000000123456"),
            ("it60x0542811101000000123456", "IT60X0542811101000000123456"),
            (" it60 x054 2811 1010 0000 0123 456 ", "IT60X0542811101000000123456"),
            ("DE89370400440532013000", "DE89370400440532013000"),
            ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
            ("GB82WEST12345698765432", "GB82WEST12345698765432"),
            ("SM86U0322509800000000270100", "SM86U0322509800000000270100"),
            ("FR1420041010050500013M02606", "FR1420041010050500013M02606"),
            ("NL91ABNA0417164300", "NL91ABNA0417164300"),
            ("BE68539007547034", "BE68539007547034"),
            ("ES9121000418450200051332", "ES9121000418450200051332"),
            ("AT611904300234573201", "AT611904300234573201"),
            ("CH9300762011623852957", "CH9300762011623852957"),
            ("PT50000201231234567890154", "PT50000201231234567890154"),
            ("IE29AIBK93115212345678", "IE29AIBK93115212345678"),
            ("LU280019400644750000", "LU280019400644750000"),
            ("SI56263300012039086", "SI56263300012039086"),
            ("HR1210010051863000160", "HR1210010051863000160"),
            ("GR1601101250000000012300695", "GR1601101250000000012300695"),
        ]
    )
    func validIBANs(input: String, value: String) throws {
        #expect(Reference.ibanRemainder(value) == 1)
        let iban = try IBAN(input)
        #expect(iban.value == value)
        #expect(IBAN.isValid(input))
    }

    @Test("The parts of an Italian IBAN are exposed")
    func italianComponents() throws {
        let iban = try IBAN("IT60X0542811101000000123456")
        #expect(iban.countryCode == "IT")
        #expect(iban.checkDigits == "60")
        #expect(iban.isItalian)
        #expect(iban.hasItalianLayout)
        #expect(iban.cin == "X")
        #expect(iban.abi == "05428")
        #expect(iban.cab == "11101")
        #expect(iban.accountNumber == "000000123456")
        #expect(iban.bban == "X0542811101000000123456")
        #expect(iban.formatted == "IT60 X054 2811 1010 0000 0123 456")
        #expect(iban.description == "IT60X0542811101000000123456")
    }

    @Test("Foreign IBANs have no CIN, ABI or CAB")
    func foreignComponents() throws {
        let iban = try IBAN("DE89370400440532013000")
        #expect(iban.countryCode == "DE")
        #expect(!iban.isItalian)
        #expect(iban.cin == nil)
        #expect(iban.abi == nil)
        #expect(iban.cab == nil)
        #expect(iban.accountNumber == nil)
        #expect(iban.formatted == "DE89 3704 0044 0532 0130 00")
    }

    @Test("San Marino IBANs use the Italian layout but are not Italian")
    func sanMarino() throws {
        let iban = try IBAN("SM86U0322509800000000270100")
        #expect(!iban.isItalian)
        #expect(iban.hasItalianLayout)
        #expect(iban.cin == "U")
        #expect(iban.abi == "03225")
    }

    @Test("The CIN is computed over ABI, CAB and account number")
    func cinComputation() {
        #expect(IBAN.cin(forABICABAccount: "0542811101000000123456") == "X")
        #expect(IBAN.cin(forABICABAccount: "05428 11101 000000123456") == "X")
        #expect(Reference.controlLetter("0542811101000000123456") == "X")
        #expect(IBAN.cin(forABICABAccount: "054281110100000012345") == nil)
    }

    @Test("The check digits are computed with mod 97")
    func checkDigitsComputation() {
        #expect(IBAN.checkDigits(countryCode: "IT", bban: "X0542811101000000123456") == "60")
        #expect(IBAN.checkDigits(countryCode: "de", bban: "370400440532013000") == "89")
        #expect(IBAN.checkDigits(countryCode: "GB", bban: "WEST12345698765432") == "82")
        #expect(IBAN.checkDigits(countryCode: "I", bban: "X0542811101000000123456") == nil)
    }

    @Test("A wrong CIN with correct mod-97 digits is reported as a CIN error")
    func wrongCIN() {
        let wrong = Reference.iban(country: "IT", bban: "Y0542811101000000123456")
        #expect(wrong == "IT64Y0542811101000000123456")
        #expect(Reference.ibanRemainder(wrong) == 1)
        let error = #expect(throws: IdentifierError.self) { _ = try IBAN(wrong) }
        #expect(error?.code == .cin)
    }

    @Test(
        "Invalid IBANs are rejected with a specific error code",
        arguments: [
            ("", IdentifierError.Code.empty),
            ("   ", .empty),
            ("IT61X0542811101000000123456", .checksum),
            ("IT60X0542811101000000123457", .checksum),
            ("IT00X0542811101000000123456", .checksum),
            ("IT99X0542811101000000123456", .checksum),
            ("DE88370400440532013000", .checksum),
            ("GB82WEST12345698765433", .checksum),
            ("IT64Y0542811101000000123456", .cin),
            ("IT60X054281110100000012345", .length),
            ("IT60X05428111010000001234567", .length),
            ("DE8937040044053201300", .length),
            ("US64SVBKUS6S3300958879", .country),
            ("XX60X0542811101000000123456", .country),
            ("IT6010542811101000000123456", .format),
            ("IT60XA542811101000000123456", .format),
            ("IT60-X054-2811-1010-0000-0123-456", .format),
            ("60IT", .format),
            ("IT", .format),
            ("ÌT60X0542811101000000123456", .format),
        ]
    )
    func invalidIBANs(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) { _ = try IBAN(input) }
        #expect(error?.code == code)
        #expect(!IBAN.isValid(input))
    }

    @Test("The length table covers the main SEPA countries")
    func lengthTable() {
        let expected: [String: Int] = [
            "IT": 27, "SM": 27, "DE": 22, "FR": 27, "ES": 24, "AT": 20, "BE": 16, "NL": 18, "CH": 21, "GB": 22,
            "PT": 25, "IE": 22, "LU": 20, "SI": 19, "HR": 21, "GR": 27,
        ]
        for (country, length) in expected {
            #expect(IBAN.lengthsByCountry[country] == length, "\(country)")
        }
        #expect(IBAN.supportedCountries.contains("VA"))
        #expect(!IBAN.supportedCountries.contains("US"))
    }

    @Test("IBANs are encoded as compact strings")
    func codable() throws {
        let iban = try IBAN("IT60 X054 2811 1010 0000 0123 456")
        let data = try JSONEncoder().encode([iban])
        #expect(String(decoding: data, as: UTF8.self) == #"["IT60X0542811101000000123456"]"#)
        #expect(try JSONDecoder().decode([IBAN].self, from: data) == [iban])
    }
}
