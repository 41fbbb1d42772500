import ItalianIdentifiers
import Testing

@Suite("FiscalCode")
struct FiscalCodeTests {
    @Test("Eleven digits are validated as a partita IVA")
    func organization() throws {
        let code = try FiscalCode("00743110157", referenceDate: Reference.today)
        #expect(code == .organization(try PartitaIVA("00743110157")))
        #expect(code.value == "00743110157")
        #expect(code.canonicalValue == "00743110157")
        #expect(code.organization?.officeCode == "015")
        #expect(code.person == nil)
    }

    @Test("Sixteen characters are validated as a person's codice fiscale")
    func person() throws {
        let code = try FiscalCode.parse("rssmra45d25f20ri", referenceDate: Reference.today)
        #expect(code.person?.birthDate.iso == "1945-04-25")
        #expect(code.value == "RSSMRA45D25F20RI")
        #expect(code.canonicalValue == "RSSMRA45D25F205N")
        #expect(code.organization == nil)
        #expect(code.description == "RSSMRA45D25F20RI")
    }

    @Test(
        "Invalid codes of either kind are rejected",
        arguments: [
            ("", IdentifierError.Code.empty),
            ("00743110158", .checksum),
            ("0074311015", .length),
            ("007431101577", .length),
            ("RSSMRA45D25F205X", .checkCharacter),
            ("RSSMRA45D25F20", .length),
        ]
    )
    func invalidCodes(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) {
            _ = try FiscalCode(input, referenceDate: Reference.today)
        }
        #expect(error?.code == code)
    }
}
