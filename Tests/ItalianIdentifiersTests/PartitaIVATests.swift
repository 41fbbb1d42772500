import Foundation
import ItalianIdentifiers
import Testing

@Suite("PartitaIVA")
struct PartitaIVATests {
    @Test(
        "Known-good numbers are accepted and normalised",
        arguments: [
            "00743110157", "IT00743110157", "it00743110157", " 007 431 101 57 ", "IT 00743110157",
            Reference.partitaIVA("0074311100"), Reference.partitaIVA("0074311120"),
            Reference.partitaIVA("0074311121"), Reference.partitaIVA("0074311888"),
            Reference.partitaIVA("0074311999"), Reference.partitaIVA("1234567001"),
        ]
    )
    func validNumbers(input: String) throws {
        let piva = try PartitaIVA(input)
        #expect(piva.value.count == 11)
        #expect(piva.value.allSatisfy { $0.isASCII && $0.isNumber })
        #expect(PartitaIVA.isValid(input))
    }

    @Test("The parts of the number are exposed")
    func components() throws {
        let piva = try PartitaIVA("IT00743110157")
        #expect(piva.value == "00743110157")
        #expect(piva.serial == "0074311")
        #expect(piva.officeCode == "015")
        #expect(piva.checkDigit == "7")
        #expect(piva.euVATNumber == "IT00743110157")
        #expect(piva.description == "00743110157")
    }

    @Test("The check digit follows the Luhn rule", arguments: ["0074311015", "0074311100", "1234567001", "9999999999"])
    func checkDigit(first10: String) {
        #expect(PartitaIVA.checkDigit(for: first10) == Reference.partitaIVACheckDigit(first10))
    }

    @Test("The check digit of the sample number is 7")
    func sampleCheckDigit() {
        #expect(PartitaIVA.checkDigit(for: "0074311015") == "7")
        #expect(PartitaIVA.checkDigit(for: "007431101") == nil)
        #expect(PartitaIVA.checkDigit(for: "007431101A") == nil)
    }

    @Test(
        "Invalid numbers are rejected with a specific error code",
        arguments: [
            ("", IdentifierError.Code.empty),
            ("IT", .empty),
            ("00743110158", .checksum),
            ("00743110150", .checksum),
            ("0074311015", .length),
            ("007431101570", .length),
            ("0074311015A", .format),
            ("00743-110157", .format),
            (Reference.partitaIVA("0074311000"), .officeCode),
            (Reference.partitaIVA("0074311101"), .officeCode),
            (Reference.partitaIVA("0074311119"), .officeCode),
            (Reference.partitaIVA("0074311122"), .officeCode),
            (Reference.partitaIVA("0000000015"), .format),
        ]
    )
    func invalidNumbers(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) { _ = try PartitaIVA(input) }
        #expect(error?.code == code)
        #expect(!PartitaIVA.isValid(input))
    }

    @Test("Office codes 000 and 101 are rejected even with a correct check digit")
    func officeCodesWithCorrectCheckDigit() {
        #expect(Reference.partitaIVA("0074311000") == "00743110009")
        #expect(Reference.partitaIVA("0074311101") == "00743111015")
        for number in ["00743110009", "00743111015"] {
            let error = #expect(throws: IdentifierError.self) { _ = try PartitaIVA(number) }
            #expect(error?.code == .officeCode)
        }
    }

    @Test("Numbers are encoded as plain strings")
    func codable() throws {
        let piva = try PartitaIVA("00743110157")
        let data = try JSONEncoder().encode([piva])
        #expect(String(decoding: data, as: UTF8.self) == #"["00743110157"]"#)
        #expect(try JSONDecoder().decode([PartitaIVA].self, from: data) == [piva])
    }
}
