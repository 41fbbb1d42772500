/// A codice fiscale of either kind: 16 characters for a natural person, 11 digits for a company,
/// organisation or public body (validated as a ``PartitaIVA``).
///
/// ```swift
/// switch try FiscalCode("00743110157") {
/// case .person(let cf): print(cf.birthDate)
/// case .organization(let piva): print(piva.officeCode)
/// }
/// ```
public enum FiscalCode: Sendable, Hashable, CustomStringConvertible {
    /// The codice fiscale of a natural person (16 characters).
    case person(CodiceFiscale)
    /// The 11-digit codice fiscale of a company or organisation, which has the same rules as a partita IVA.
    case organization(PartitaIVA)

    /// Parses a codice fiscale of either kind. Text made of exactly 11 digits (after removing spaces) is
    /// validated as a partita IVA; anything else as the codice fiscale of a person.
    ///
    /// - Parameter referenceDate: Used to decode the century of a person's birth year; defaults to today.
    /// - Throws: ``IdentifierError`` from ``CodiceFiscale`` or ``PartitaIVA``.
    public init(_ text: String, referenceDate: ItalianDate = .today()) throws(IdentifierError) {
        let bytes = ASCII.compactUppercased(text)
        guard !bytes.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci il codice fiscale.")
        }
        if bytes.allSatisfy(ASCII.isDigit) {
            guard bytes.count == 11 else {
                throw IdentifierError(
                    code: .length,
                    message: "Il codice fiscale deve avere 16 caratteri per le persone, oppure 11 cifre per società "
                        + "ed enti: ne hai inseriti \(bytes.count)."
                )
            }
            self = .organization(try PartitaIVA(bytes: bytes))
        } else {
            self = .person(try CodiceFiscale(bytes: bytes, referenceDate: referenceDate))
        }
    }

    /// Parses a codice fiscale of either kind; same as ``init(_:referenceDate:)``.
    public static func parse(_ text: String, referenceDate: ItalianDate = .today()) throws(IdentifierError)
        -> FiscalCode
    {
        try FiscalCode(text, referenceDate: referenceDate)
    }

    /// The normalised code (16 characters or 11 digits).
    public var value: String {
        switch self {
        case .person(let codiceFiscale): codiceFiscale.value
        case .organization(let partitaIVA): partitaIVA.value
        }
    }

    /// The form to use to recognise the same holder: the de-omocodified code for a person, the 11 digits
    /// otherwise.
    public var canonicalValue: String {
        switch self {
        case .person(let codiceFiscale): codiceFiscale.canonicalValue
        case .organization(let partitaIVA): partitaIVA.value
        }
    }

    /// The person's code, if this is a person.
    public var person: CodiceFiscale? {
        if case .person(let codiceFiscale) = self { codiceFiscale } else { nil }
    }

    /// The organisation's number, if this is an organisation.
    public var organization: PartitaIVA? {
        if case .organization(let partitaIVA) = self { partitaIVA } else { nil }
    }

    /// The normalised code (``value``).
    public var description: String { value }
}
