/// The codice fiscale of a natural person (persona fisica): 16 uppercase letters and digits.
///
/// Layout: surname (3 letters), name (3 letters), year of birth (2), month letter, day of birth (2, plus 40
/// for women), Belfiore code of the place of birth (a letter and 3 digits; `Z###` is a foreign state),
/// check letter. Input is normalised by removing white space and uppercasing.
///
/// Omocodic codes — where the Agenzia delle Entrate replaced some digits with letters
/// (0→L, 1→M, 2→N, 3→P, 4→Q, 5→R, 6→S, 7→T, 8→U, 9→V) to tell apart people with the same code — are
/// accepted. ``canonical`` maps them back to the original digits, which is the form to use to recognise
/// the same person across applications.
///
/// ```swift
/// let cf = try CodiceFiscale("rssmra45d25f205n")
/// cf.value              // "RSSMRA45D25F205N"
/// cf.birthDate.italian  // "25/04/1945"
/// cf.sex                // .male
/// cf.belfiore           // "F205" (Milano)
/// ```
///
/// An 11-digit codice fiscale belongs to a company or organisation and is rejected here; use
/// ``FiscalCode`` to accept both kinds.
public struct CodiceFiscale: Sendable, Hashable, CustomStringConvertible {
    /// The normalised code exactly as entered (uppercase, no spaces), possibly omocodic.
    public let value: String
    /// The de-omocodified code (original digits restored, check letter recomputed).
    public let canonicalValue: String
    /// The date of birth. The century is chosen as the most recent one that does not place the birth after
    /// the reference date given when parsing.
    public let birthDate: ItalianDate
    /// The sex declared in the code (day of birth plus 40 for women).
    public let sex: Sex

    /// Indexes (0-based) of the characters that omocodia may turn into letters, in substitution order
    /// (right to left).
    public static let omocodicIndexes: [Int] = [14, 13, 12, 10, 9, 7, 6]

    /// Letters that replace the digits 0–9 in omocodic codes.
    static let omocodicLetters: [UInt8] = Array("LMNPQRSTUV".utf8)

    /// Month letters for January … December.
    static let monthLetters: [UInt8] = Array("ABCDEHLMPRST".utf8)

    /// Parses and validates a codice fiscale.
    ///
    /// - Parameters:
    ///   - text: The code as typed; spaces are removed and letters uppercased.
    ///   - referenceDate: The date used to choose the century of the two-digit year of birth: the birth year
    ///     is the most recent one that is not after this date. ``init(_:)`` uses today in Italy.
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty``, ``IdentifierError/Code/length``,
    ///   ``IdentifierError/Code/format``, ``IdentifierError/Code/checkCharacter`` or
    ///   ``IdentifierError/Code/date``.
    public init(_ text: String, referenceDate: ItalianDate) throws(IdentifierError) {
        try self.init(bytes: ASCII.compactUppercased(text), referenceDate: referenceDate)
    }

    /// Parses and validates a codice fiscale, choosing the century of the year of birth relative to today in
    /// Italy; same as ``init(_:referenceDate:)`` with today's date.
    public init(_ text: String) throws(IdentifierError) {
        try self.init(text, referenceDate: .today())
    }

    /// Parses and validates a codice fiscale; same as ``init(_:referenceDate:)``. ``parse(_:)`` uses today.
    public static func parse(_ text: String, referenceDate: ItalianDate) throws(IdentifierError) -> CodiceFiscale {
        try CodiceFiscale(text, referenceDate: referenceDate)
    }

    /// Whether `text` is a valid codice fiscale of a natural person. ``isValid(_:)`` uses today.
    public static func isValid(_ text: String, referenceDate: ItalianDate) -> Bool {
        (try? CodiceFiscale(text, referenceDate: referenceDate)) != nil
    }

    init(bytes: [UInt8], referenceDate: ItalianDate) throws(IdentifierError) {
        try Self.validateShape(bytes)
        guard ControlCharacter.compute(bytes[0..<15]) == bytes[15] else {
            throw IdentifierError(
                code: .checkCharacter,
                message: "Il codice fiscale non è valido: l'ultima lettera non corrisponde agli altri caratteri. "
                    + "Probabilmente c'è un errore di battitura: confrontalo con la tessera sanitaria."
            )
        }
        let canonical = Self.deomocodified(bytes)

        let yy = ASCII.integer(canonical[6...7])!
        let month = Self.monthLetters.firstIndex(of: canonical[8])! + 1
        var day = ASCII.integer(canonical[9...10])!
        let sex: Sex
        switch day {
        case 1...31:
            sex = .male
        case 41...71:
            sex = .female
            day -= 40
        default:
            throw IdentifierError(
                code: .date,
                message: "Il giorno di nascita nel codice fiscale (10° e 11° carattere) non è valido: deve essere "
                    + "tra 01 e 31, o tra 41 e 71 per le donne. Controlla il codice fiscale."
            )
        }
        let candidates = [2000 + yy, 1900 + yy].compactMap { year in
            try? ItalianDate(year: year, month: month, day: day)
        }
        guard let latest = candidates.first else {
            throw IdentifierError(
                code: .date,
                message: "La data di nascita nel codice fiscale non esiste (\(day) \(ItalianDate.monthNames[month - 1])"
                    + "). Controlla il codice fiscale."
            )
        }
        self.birthDate = candidates.first(where: { $0 <= referenceDate }) ?? latest
        self.sex = sex
        self.value = ASCII.string(bytes)
        self.canonicalValue = ASCII.string(canonical)
    }

    private init(value: String, canonicalValue: String, birthDate: ItalianDate, sex: Sex) {
        self.value = value
        self.canonicalValue = canonicalValue
        self.birthDate = birthDate
        self.sex = sex
    }

    /// Checks length and the kind of character at each position, with a specific message for each problem.
    private static func validateShape(_ bytes: [UInt8]) throws(IdentifierError) {
        guard !bytes.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci il codice fiscale.")
        }
        if bytes.count == 11, bytes.allSatisfy(ASCII.isDigit) {
            throw IdentifierError(
                code: .length,
                message: "Hai inserito 11 cifre, come il codice fiscale di una società o di un ente. "
                    + "Il codice fiscale di una persona ha 16 caratteri, tra lettere e cifre."
            )
        }
        guard bytes.count == 16 else {
            throw IdentifierError(
                code: .length,
                message: "Il codice fiscale deve avere 16 caratteri: ne hai inseriti \(bytes.count)."
            )
        }
        guard bytes.allSatisfy(ASCII.isAlphanumeric) else {
            throw IdentifierError(
                code: .format,
                message: "Il codice fiscale può contenere solo lettere (senza accenti) e cifre."
            )
        }
        func isDigitOrOmocodic(_ byte: UInt8) -> Bool {
            ASCII.isDigit(byte) || omocodicLetters.contains(byte)
        }
        guard bytes[0..<6].allSatisfy(ASCII.isLetter) else {
            throw IdentifierError(
                code: .format,
                message: "I primi 6 caratteri del codice fiscale devono essere lettere (3 per il cognome e 3 per "
                    + "il nome)."
            )
        }
        guard bytes[6...7].allSatisfy(isDigitOrOmocodic) else {
            throw IdentifierError(
                code: .format,
                message: "Il 7° e l'8° carattere del codice fiscale (anno di nascita) devono essere cifre."
            )
        }
        guard monthLetters.contains(bytes[8]) else {
            throw IdentifierError(
                code: .format,
                message: "Il 9° carattere del codice fiscale indica il mese di nascita e deve essere una di queste "
                    + "lettere: A, B, C, D, E, H, L, M, P, R, S, T."
            )
        }
        guard bytes[9...10].allSatisfy(isDigitOrOmocodic) else {
            throw IdentifierError(
                code: .format,
                message: "Il 10° e l'11° carattere del codice fiscale (giorno di nascita) devono essere cifre."
            )
        }
        guard ASCII.isLetter(bytes[11]), bytes[12...14].allSatisfy(isDigitOrOmocodic) else {
            throw IdentifierError(
                code: .format,
                message: "Dal 12° al 15° carattere il codice fiscale contiene il codice del luogo di nascita: "
                    + "una lettera seguita da 3 cifre, ad esempio F205."
            )
        }
        guard ASCII.isLetter(bytes[15]) else {
            throw IdentifierError(
                code: .format,
                message: "L'ultimo carattere del codice fiscale deve essere una lettera."
            )
        }
    }

    /// Restores the digits replaced by omocodia and recomputes the check letter.
    private static func deomocodified(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for index in omocodicIndexes {
            if let digit = omocodicLetters.firstIndex(of: result[index]) {
                result[index] = 0x30 + UInt8(digit)
            }
        }
        result[15] = ControlCharacter.compute(result[0..<15])!
        return result
    }

    /// Computes the check letter (16th character) for the first 15 characters of a codice fiscale.
    ///
    /// Letters are uppercased and spaces ignored. Returns `nil` unless exactly 15 ASCII letters or digits
    /// are given.
    ///
    /// ```swift
    /// CodiceFiscale.checkCharacter(for: "RSSMRA45D25F205")  // "N"
    /// ```
    public static func checkCharacter(for first15: String) -> Character? {
        let bytes = ASCII.compactUppercased(first15)
        guard bytes.count == 15, let check = ControlCharacter.compute(bytes) else { return nil }
        return Character(Unicode.Scalar(check))
    }

    /// The de-omocodified code: the same person with the original digits and check letter.
    /// Equal to `self` when the code is not omocodic. Use this to recognise the same person.
    public var canonical: CodiceFiscale {
        CodiceFiscale(value: canonicalValue, canonicalValue: canonicalValue, birthDate: birthDate, sex: sex)
    }

    /// Whether some digits were replaced by letters (omocodia).
    public var isOmocodic: Bool { value != canonicalValue }

    /// How many of the 7 digit positions have been replaced by letters (0 when not omocodic).
    public var omocodicSubstitutions: Int {
        let bytes = Array(value.utf8)
        return Self.omocodicIndexes.filter { !ASCII.isDigit(bytes[$0]) }.count
    }

    /// The three letters derived from the surname (characters 1–3).
    public var surnameCode: String { String(value.prefix(3)) }

    /// The three letters derived from the given name (characters 4–6).
    public var nameCode: String { String(value.dropFirst(3).prefix(3)) }

    /// The Belfiore code of the place of birth (characters 12–15, with digits restored), e.g. `"F205"` for
    /// Milano. Codes starting with `Z` identify a foreign state.
    public var belfiore: String { String(canonicalValue.dropFirst(11).prefix(4)) }

    /// Whether the person was born abroad (Belfiore code `Z###`).
    public var isForeignBirth: Bool { canonicalValue.utf8.dropFirst(11).first == UInt8(ascii: "Z") }

    /// The code with the first `substitutions` omocodic positions (in the official right-to-left order:
    /// indexes 14, 13, 12, 10, 9, 7, 6) replaced by letters, starting from the canonical code, with the
    /// check letter recomputed. `substitutions` is clamped to 0…7; 0 gives ``canonical``.
    public func omocodicVariant(substitutions: Int) -> CodiceFiscale {
        var bytes = Array(canonicalValue.utf8)
        for index in Self.omocodicIndexes.prefix(max(0, min(substitutions, 7))) {
            bytes[index] = Self.omocodicLetters[ASCII.digitValue(bytes[index])]
        }
        bytes[15] = ControlCharacter.compute(bytes[0..<15])!
        return CodiceFiscale(
            value: ASCII.string(bytes),
            canonicalValue: canonicalValue,
            birthDate: birthDate,
            sex: sex
        )
    }

    /// The 7 omocodic variants of this person's code, with 1 to 7 substitutions, in order.
    public func omocodicVariants() -> [CodiceFiscale] {
        (1...7).map { omocodicVariant(substitutions: $0) }
    }

    /// The normalised code (``value``).
    public var description: String { value }

    /// Two codes are equal when their normalised text is equal. Use ``canonicalValue`` to compare people.
    public static func == (lhs: CodiceFiscale, rhs: CodiceFiscale) -> Bool { lhs.value == rhs.value }

    /// Hashes the normalised text, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension CodiceFiscale: TextIdentifier {
    /// The normalised code as entered (``value``, possibly omocodic), used for encoding.
    public var normalizedText: String { value }
}
