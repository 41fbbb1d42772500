/// An International Bank Account Number.
///
/// Input is normalised by removing white space and uppercasing. Every IBAN is checked with the ISO 13616
/// mod-97 rule and against the expected length for its country. Italian (and San Marino) IBANs are also
/// checked for their structure — CIN letter, ABI (5 digits), CAB (5 digits), account number
/// (12 letters or digits) — and for the CIN control letter.
///
/// Supported countries are those of the SEPA area (see ``supportedCountries``); other countries are rejected
/// with ``IdentifierError/Code/country``.
///
/// ```swift
/// let iban = try IBAN("it60 x054 2811 1010 0000 0123 456")
/// iban.value      // "IT60X0542811101000000123456"
/// iban.formatted  // "IT60 X054 2811 1010 0000 0123 456"
/// iban.abi        // "05428"
/// ```
public struct IBAN: Sendable, Hashable, CustomStringConvertible {
    /// The compact IBAN: uppercase, without spaces.
    public let value: String

    /// IBAN length by ISO 3166 country code, for the countries of the SEPA area.
    public static let lengthsByCountry: [String: Int] = [
        "AD": 24, "AL": 28, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
        "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
        "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
        "VA": 22,
    ]

    /// The country codes whose IBANs are accepted, sorted.
    public static var supportedCountries: [String] { lengthsByCountry.keys.sorted() }

    /// Countries whose IBAN follows the Italian layout (CIN, ABI, CAB, account number).
    static let italianLayoutCountries: Set<String> = ["IT", "SM"]

    /// Parses and validates an IBAN.
    ///
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty``, ``IdentifierError/Code/format``,
    ///   ``IdentifierError/Code/country``, ``IdentifierError/Code/length``, ``IdentifierError/Code/checksum``
    ///   or ``IdentifierError/Code/cin``.
    public init(_ text: String) throws(IdentifierError) {
        let bytes = ASCII.compactUppercased(text)
        guard !bytes.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci l'IBAN.")
        }
        guard bytes.allSatisfy(ASCII.isAlphanumeric) else {
            throw IdentifierError(
                code: .format,
                message: "L'IBAN può contenere solo lettere e cifre (gli spazi sono ammessi)."
            )
        }
        guard bytes.count >= 4, bytes[0..<2].allSatisfy(ASCII.isLetter), bytes[2..<4].allSatisfy(ASCII.isDigit)
        else {
            throw IdentifierError(
                code: .format,
                message: "L'IBAN deve iniziare con la sigla del Paese e due cifre, ad esempio IT60."
            )
        }
        let country = ASCII.string(bytes[0..<2])
        guard let expectedLength = Self.lengthsByCountry[country] else {
            throw IdentifierError(
                code: .country,
                message: "L'IBAN inizia con \(country), che non è la sigla di un Paese dell'area SEPA accettato. "
                    + "Controlla le prime due lettere."
            )
        }
        guard bytes.count == expectedLength else {
            let name = country == "IT" ? "italiano" : "di questo Paese (\(country))"
            throw IdentifierError(
                code: .length,
                message: "Un IBAN \(name) deve avere \(expectedLength) caratteri: ne hai inseriti \(bytes.count)."
            )
        }
        let isItalianLayout = Self.italianLayoutCountries.contains(country)
        if isItalianLayout {
            guard ASCII.isLetter(bytes[4]), bytes[5..<15].allSatisfy(ASCII.isDigit) else {
                throw IdentifierError(
                    code: .format,
                    message: "L'IBAN non è valido: dopo le prime 4 posizioni devono esserci una lettera (CIN) e "
                        + "10 cifre (codici ABI e CAB)."
                )
            }
        }
        let checkDigits = ASCII.integer(bytes[2..<4])!
        guard (2...98).contains(checkDigits), Self.mod97(bytes[4...] + bytes[0..<4]) == 1 else {
            throw IdentifierError(
                code: .checksum,
                message: "L'IBAN non è valido: i caratteri non corrispondono alle cifre di controllo. "
                    + "Probabilmente c'è un errore di battitura: copialo dall'estratto conto o dall'app della banca."
            )
        }
        if isItalianLayout {
            guard ControlCharacter.compute(bytes[5...]) == bytes[4] else {
                throw IdentifierError(
                    code: .cin,
                    message: "L'IBAN non è valido: la lettera dopo le prime 4 posizioni (CIN) non corrisponde "
                        + "alle cifre che seguono. Copialo dall'estratto conto o dall'app della banca."
                )
            }
        }
        self.value = ASCII.string(bytes)
    }

    /// The remainder modulo 97 of the number obtained by replacing letters with 10…35, computed digit by digit.
    static func mod97<C: Sequence>(_ bytes: C) -> Int where C.Element == UInt8 {
        var remainder = 0
        for byte in bytes {
            if ASCII.isDigit(byte) {
                remainder = (remainder * 10 + ASCII.digitValue(byte)) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
            }
        }
        return remainder
    }

    /// Computes the two ISO 13616 check digits for a country code and a BBAN (the part after the check
    /// digits). Spaces are ignored and letters uppercased. Returns `nil` if the input contains characters
    /// other than ASCII letters and digits or the country code is not two letters.
    ///
    /// ```swift
    /// IBAN.checkDigits(countryCode: "IT", bban: "X0542811101000000123456")  // "60"
    /// ```
    public static func checkDigits(countryCode: String, bban: String) -> String? {
        let country = ASCII.compactUppercased(countryCode)
        let bbanBytes = ASCII.compactUppercased(bban)
        guard country.count == 2, country.allSatisfy(ASCII.isLetter), !bbanBytes.isEmpty,
            bbanBytes.allSatisfy(ASCII.isAlphanumeric)
        else { return nil }
        let check = 98 - mod97(bbanBytes + country + Array("00".utf8))
        return check < 10 ? "0\(check)" : String(check)
    }

    /// Computes the CIN letter of an Italian bank account from ABI (5 digits), CAB (5 digits) and account
    /// number (12 letters or digits) written together (22 characters; spaces ignored).
    ///
    /// Returns `nil` unless exactly 22 ASCII letters or digits are given.
    ///
    /// ```swift
    /// IBAN.cin(forABICABAccount: "0542811101000000123456")  // "X"
    /// ```
    public static func cin(forABICABAccount text: String) -> Character? {
        let bytes = ASCII.compactUppercased(text)
        guard bytes.count == 22, let letter = ControlCharacter.compute(bytes) else { return nil }
        return Character(Unicode.Scalar(letter))
    }

    /// The ISO 3166 country code, e.g. `"IT"`.
    public var countryCode: String { String(value.prefix(2)) }

    /// The two check digits (characters 3–4).
    public var checkDigits: String { String(value.dropFirst(2).prefix(2)) }

    /// The Basic Bank Account Number: everything after the check digits.
    public var bban: String { String(value.dropFirst(4)) }

    /// Whether the IBAN belongs to an Italian account (country code `IT`).
    public var isItalian: Bool { countryCode == "IT" }

    /// Whether the IBAN has the Italian layout (CIN, ABI, CAB, account number): Italy and San Marino.
    public var hasItalianLayout: Bool { Self.italianLayoutCountries.contains(countryCode) }

    /// The CIN control letter (character 5) of an Italian-layout IBAN, otherwise `nil`.
    public var cin: Character? { hasItalianLayout ? value.dropFirst(4).first : nil }

    /// The ABI code identifying the bank (characters 6–10) of an Italian-layout IBAN, otherwise `nil`.
    public var abi: String? { hasItalianLayout ? String(value.dropFirst(5).prefix(5)) : nil }

    /// The CAB code identifying the branch (characters 11–15) of an Italian-layout IBAN, otherwise `nil`.
    public var cab: String? { hasItalianLayout ? String(value.dropFirst(10).prefix(5)) : nil }

    /// The account number (characters 16–27) of an Italian-layout IBAN, otherwise `nil`.
    public var accountNumber: String? { hasItalianLayout ? String(value.dropFirst(15)) : nil }

    /// The IBAN in groups of 4 characters separated by spaces (the printed form), e.g.
    /// `"IT60 X054 2811 1010 0000 0123 456"`.
    public var formatted: String {
        var result = ""
        for (offset, character) in value.enumerated() {
            if offset > 0, offset % 4 == 0 { result.append(" ") }
            result.append(character)
        }
        return result
    }

    /// The compact IBAN (``value``).
    public var description: String { value }
}

extension IBAN: TextIdentifier {
    /// The compact IBAN (``value``), used for encoding.
    public var normalizedText: String { value }
}
