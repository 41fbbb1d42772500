import Foundation
import ItalianIdentifiers
import Testing

@Suite("CodiceFiscale")
struct CodiceFiscaleTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let input: String
        let value: String
        let birthDate: String
        let sex: CodiceFiscale.Sex
        let belfiore: String
        var testDescription: String { input }
    }

    static let validVectors: [Valid] = [
        Valid(
            input: "RSSMRA45D25F205N", value: "RSSMRA45D25F205N", birthDate: "1945-04-25", sex: .male, belfiore: "F205"),
        Valid(
            input: "RCCMNL83S18D969H", value: "RCCMNL83S18D969H", birthDate: "1983-11-18", sex: .male, belfiore: "D969"),
        Valid(
            input: "rssmra45d25f205n", value: "RSSMRA45D25F205N", birthDate: "1945-04-25", sex: .male, belfiore: "F205"),
        Valid(
            input: " RSS MRA 45D25 F205N ", value: "RSSMRA45D25F205N", birthDate: "1945-04-25", sex: .male,
            belfiore: "F205"),
        Valid(
            input: "BNCLRA90A41H501F", value: "BNCLRA90A41H501F", birthDate: "1990-01-01", sex: .female,
            belfiore: "H501"),
        Valid(
            input: "VRDGPP13R10B293P", value: "VRDGPP13R10B293P", birthDate: "2013-10-10", sex: .male, belfiore: "B293"),
        Valid(
            input: "RSSMRA00B29H501Y", value: "RSSMRA00B29H501Y", birthDate: "2000-02-29", sex: .male, belfiore: "H501"),
        Valid(
            input: "RSSMRA80A01Z404R", value: "RSSMRA80A01Z404R", birthDate: "1980-01-01", sex: .male, belfiore: "Z404"),
    ]

    @Test("Known-good codes are accepted and decoded", arguments: validVectors)
    func validCodes(vector: Valid) throws {
        let cf = try CodiceFiscale(vector.input, referenceDate: Reference.today)
        #expect(cf.value == vector.value)
        #expect(cf.birthDate.iso == vector.birthDate)
        #expect(cf.sex == vector.sex)
        #expect(cf.belfiore == vector.belfiore)
        #expect(!cf.isOmocodic)
        #expect(cf.canonical == cf)
        #expect(cf.canonicalValue == cf.value)
        #expect(CodiceFiscale.isValid(vector.input, referenceDate: Reference.today))
    }

    @Test(
        "The check letter is computed over the first 15 characters",
        arguments: [
            ("RSSMRA45D25F205", "N"), ("RCCMNL83S18D969", "H"), ("rssmra45d25f205", "N"), ("BNCLRA90A41H501", "F"),
            ("RSSMRAQRDNRFNLR", "X"),
        ]
    )
    func checkCharacter(first15: String, expected: Character) {
        #expect(CodiceFiscale.checkCharacter(for: first15) == expected)
        #expect(Reference.controlLetter(first15.uppercased()) == expected)
    }

    @Test(
        "The check letter cannot be computed for malformed input",
        arguments: ["", "RSSMRA45D25F20", "RSSMRA45D25F205N", "RSSMRA45D25F2-5"])
    func checkCharacterOfMalformedInput(first15: String) {
        #expect(CodiceFiscale.checkCharacter(for: first15) == nil)
    }

    @Test("Surname, name and place of birth are exposed")
    func components() throws {
        let cf = try CodiceFiscale("RSSMRA45D25F205N", referenceDate: Reference.today)
        #expect(cf.surnameCode == "RSS")
        #expect(cf.nameCode == "MRA")
        #expect(!cf.isForeignBirth)
        #expect(cf.description == "RSSMRA45D25F205N")
    }

    @Test("A Belfiore code starting with Z means born abroad")
    func foreignBirth() throws {
        let cf = try CodiceFiscale("RSSMRA80A01Z404R", referenceDate: Reference.today)
        #expect(cf.isForeignBirth)
        #expect(cf.belfiore == "Z404")
    }

    @Test("For women 40 is added to the day of birth")
    func femaleDay() throws {
        let cf = try CodiceFiscale("BNCLRA90A41H501F", referenceDate: Reference.today)
        #expect(cf.sex == .female)
        #expect(cf.birthDate == (try ItalianDate(year: 1990, month: 1, day: 1)))

        let first15 = "RSSMRA45D65F205"
        let woman = try CodiceFiscale(
            first15 + String(Reference.controlLetter(first15)), referenceDate: Reference.today)
        #expect(woman.sex == .female)
        #expect(woman.birthDate.italian == "25/04/1945")
    }

    @Test(
        "The century is the most recent one not after the reference date",
        arguments: [
            ("RSSMRA10A01H501B", Reference.today, "2010-01-01"),
            ("RSSMRA30A01H501I", Reference.today, "1930-01-01"),
            ("RSSMRA25H01H501B", try! ItalianDate(year: 2025, month: 6, day: 1), "2025-06-01"),
            ("RSSMRA25H01H501B", try! ItalianDate(year: 2025, month: 5, day: 31), "1925-06-01"),
            ("RSSMRA45D25F205N", try! ItalianDate(year: 2045, month: 4, day: 24), "1945-04-25"),
            ("RSSMRA45D25F205N", try! ItalianDate(year: 2045, month: 4, day: 25), "2045-04-25"),
        ]
    )
    func centuryDecoding(code: String, reference: ItalianDate, expected: String) throws {
        #expect(try CodiceFiscale(code, referenceDate: reference).birthDate.iso == expected)
    }

    @Test("Parsing without a reference date uses today")
    func defaultReferenceDate() throws {
        let cf = try CodiceFiscale("RSSMRA10A01H501B")
        #expect(cf.birthDate.year == 2010)
        #expect(cf.birthDate <= ItalianDate.today())
    }

    // MARK: Omocodia

    @Test("An omocodic variant with index 14 substituted is valid and maps back to the original")
    func singleSubstitution() throws {
        let original = try CodiceFiscale("RSSMRA45D25F205N", referenceDate: Reference.today)
        let variantText = Reference.omocodic("RSSMRA45D25F205N", substituting: [14])
        #expect(variantText == "RSSMRA45D25F20RI")
        let variant = try CodiceFiscale(variantText, referenceDate: Reference.today)
        #expect(variant.isOmocodic)
        #expect(variant.omocodicSubstitutions == 1)
        #expect(variant.canonical == original)
        #expect(variant.canonicalValue == "RSSMRA45D25F205N")
        #expect(variant != original)
        #expect(variant.birthDate == original.birthDate)
        #expect(variant.belfiore == "F205")
        #expect(original.omocodicVariant(substitutions: 1) == variant)
    }

    @Test("An omocodic variant with all 7 positions substituted is valid")
    func allSubstitutions() throws {
        let all = Reference.omocodic("RSSMRA45D25F205N", substituting: CodiceFiscale.omocodicIndexes)
        #expect(all == "RSSMRAQRDNRFNLRX")
        let cf = try CodiceFiscale(all, referenceDate: Reference.today)
        #expect(cf.isOmocodic)
        #expect(cf.omocodicSubstitutions == 7)
        #expect(cf.canonicalValue == "RSSMRA45D25F205N")
        #expect(cf.birthDate.iso == "1945-04-25")
        #expect(cf.sex == .male)
        #expect(cf.belfiore == "F205")
        #expect(!cf.isForeignBirth)
    }

    @Test("Each omocodic level matches the reference substitution", arguments: 0...7)
    func omocodicLevels(substitutions: Int) throws {
        let original = try CodiceFiscale("RCCMNL83S18D969H", referenceDate: Reference.today)
        let expected = Reference.omocodic(
            "RCCMNL83S18D969H",
            substituting: Array(CodiceFiscale.omocodicIndexes.prefix(substitutions))
        )
        let variant = original.omocodicVariant(substitutions: substitutions)
        #expect(variant.value == expected)
        #expect(variant.isOmocodic == (substitutions > 0))
        let parsed = try CodiceFiscale(expected, referenceDate: Reference.today)
        #expect(parsed.canonical == original)
        #expect(parsed.omocodicSubstitutions == substitutions)
    }

    @Test("All variants of a person share the same canonical code")
    func variantsDeduplicate() throws {
        let original = try CodiceFiscale("BNCLRA90A41H501F", referenceDate: Reference.today)
        let variants = original.omocodicVariants()
        #expect(variants.count == 7)
        #expect(Set(variants.map(\.value)).count == 7)
        #expect(Set(variants.map(\.canonicalValue)) == ["BNCLRA90A41H501F"])
        for variant in variants {
            let reparsed = try CodiceFiscale(variant.value.lowercased(), referenceDate: Reference.today)
            #expect(reparsed.canonical == original)
            #expect(reparsed.sex == .female)
        }
    }

    @Test("Substitutions out of the official order are also accepted")
    func nonSequentialOmocodia() throws {
        let cf = try CodiceFiscale(
            Reference.omocodic("RSSMRA45D25F205N", substituting: [6]),
            referenceDate: Reference.today
        )
        #expect(cf.value == "RSSMRAQ5D25F205K")
        #expect(cf.canonicalValue == "RSSMRA45D25F205N")
    }

    // MARK: Errors

    @Test(
        "Malformed codes are rejected with a specific error code",
        arguments: [
            ("", IdentifierError.Code.empty),
            ("   ", .empty),
            ("RSSMRA45D25F205", .length),
            ("RSSMRA45D25F205NN", .length),
            ("00743110157", .length),
            ("RSSMRA45D25F205X", .checkCharacter),
            ("RSSMRA45D25F205A", .checkCharacter),
            ("RSSMRA45F25F205N", .format),  // F is not a month letter
            ("RSSMRA45Z25F205N", .format),
            ("RSSMR445D25F205N", .format),
            ("RSSMRAA5D25F205N", .format),
            ("RSSMRA45D2AF205N", .format),
            ("RSSMRA45D251205N", .format),
            ("RSSMRA45D25F2A5N", .format),
            ("RSSMRA45D25F2055", .format),
            ("RSSMRÀ45D25F205N", .format),
            ("RSSMRA45D25F205-", .format),
            ("RSSMRA45B30F205V", .date),  // 30 February
            ("RSSMRA01B29H501Z", .date),  // 29 February 1901 / 2001
            ("RSSMRA45D32F205G", .date),
            ("RSSMRA45D00F205Z", .date),
            ("RSSMRA45D72F205K", .date),
        ]
    )
    func invalidCodes(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) {
            _ = try CodiceFiscale(input, referenceDate: Reference.today)
        }
        #expect(error?.code == code)
        #expect(error?.message.isEmpty == false)
        #expect(!CodiceFiscale.isValid(input, referenceDate: Reference.today))
    }

    @Test("The length message says how many characters were typed")
    func lengthMessage() {
        let error = #expect(throws: IdentifierError.self) {
            _ = try CodiceFiscale("RSSMRA45D25F205", referenceDate: Reference.today)
        }
        #expect(error?.message == "Il codice fiscale deve avere 16 caratteri: ne hai inseriti 15.")
    }

    @Test("An invalid month letter is explained with the allowed letters")
    func monthMessage() {
        let error = #expect(throws: IdentifierError.self) {
            _ = try CodiceFiscale("RSSMRA45F25F205N", referenceDate: Reference.today)
        }
        #expect(error?.message.contains("A, B, C, D, E, H, L, M, P, R, S, T") == true)
    }

    @Test("Codes are encoded as plain strings")
    func codable() throws {
        let cf = try CodiceFiscale("RSSMRA45D25F205N", referenceDate: Reference.today)
        let data = try JSONEncoder().encode([cf])
        #expect(String(decoding: data, as: UTF8.self) == #"["RSSMRA45D25F205N"]"#)
        #expect(try JSONDecoder().decode([CodiceFiscale].self, from: data) == [cf])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([CodiceFiscale].self, from: Data(#"["RSSMRA45D25F205X"]"#.utf8))
        }
    }
}
