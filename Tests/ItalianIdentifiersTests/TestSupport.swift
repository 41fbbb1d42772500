import ItalianIdentifiers

/// Independent reference implementations used to build test vectors, so that tests do not only compare the
/// library with itself.
enum Reference {
    /// A fixed "today" so that century decoding is deterministic.
    static let today = try! ItalianDate(year: 2025, month: 6, day: 1)

    private static let oddValues = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ]

    private static func index(_ character: Character) -> Int {
        if let digit = character.wholeNumberValue { return digit }
        return Int(character.asciiValue! - Character("A").asciiValue!)
    }

    /// The CF / CIN control letter over uppercase letters and digits.
    static func controlLetter(_ text: String) -> Character {
        var sum = 0
        for (offset, character) in text.enumerated() {
            sum += offset % 2 == 0 ? oddValues[index(character)] : index(character)
        }
        return Character(Unicode.Scalar(UInt8(65 + sum % 26)))
    }

    /// Replaces the digits at the given 0-based indexes of a 16-character CF with omocodic letters and
    /// recomputes the check letter.
    static func omocodic(_ codiceFiscale: String, substituting indexes: [Int]) -> String {
        let letters = Array("LMNPQRSTUV")
        var characters = Array(codiceFiscale)
        for index in indexes {
            characters[index] = letters[characters[index].wholeNumberValue!]
        }
        let first15 = String(characters.prefix(15))
        return first15 + String(controlLetter(first15))
    }

    /// ISO 13616 mod 97 of an IBAN (rearranged, letters as 10…35).
    static func ibanRemainder(_ iban: String) -> Int {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            if let digit = character.wholeNumberValue {
                remainder = (remainder * 10 + digit) % 97
            } else {
                remainder = (remainder * 100 + Int(character.asciiValue!) - 55) % 97
            }
        }
        return remainder
    }

    /// Builds an IBAN with correct mod-97 check digits for a country and BBAN.
    static func iban(country: String, bban: String) -> String {
        let check = 98 - ibanRemainder(country + "00" + bban)
        return country + (check < 10 ? "0" : "") + String(check) + bban
    }

    /// Luhn check digit of a partita IVA over its first 10 digits.
    static func partitaIVACheckDigit(_ first10: String) -> Character {
        var sum = 0
        for (offset, character) in first10.enumerated() {
            let digit = character.wholeNumberValue!
            if offset % 2 == 0 {
                sum += digit
            } else {
                sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2
            }
        }
        return Character(String((10 - sum % 10) % 10))
    }

    static func partitaIVA(_ first10: String) -> String {
        first10 + String(partitaIVACheckDigit(first10))
    }
}
