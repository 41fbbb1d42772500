/// An Italian VAT number (partita IVA), also the codice fiscale of companies and organisations: 11 digits.
///
/// Input is normalised by removing white space and an optional `IT` prefix (as in EU VAT numbers).
/// Digits 1–7 are a serial number (not all zero), digits 8–10 the code of the tax office
/// (001–100, 120, 121, 888 or 999) and digit 11 a Luhn check digit.
///
/// ```swift
/// let piva = try PartitaIVA("IT 00743110157")
/// piva.value       // "00743110157"
/// piva.officeCode  // "015"
/// ```
public struct PartitaIVA: Sendable, Hashable, CustomStringConvertible {
    /// The 11 digits, without prefix or spaces.
    public let value: String

    /// Parses and validates a partita IVA.
    ///
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty``, ``IdentifierError/Code/length``,
    ///   ``IdentifierError/Code/format``, ``IdentifierError/Code/officeCode`` or
    ///   ``IdentifierError/Code/checksum``.
    public init(_ text: String) throws(IdentifierError) {
        var bytes = ASCII.compactUppercased(text)
        if bytes.starts(with: "IT".utf8) { bytes.removeFirst(2) }
        try self.init(bytes: bytes)
    }

    init(bytes: [UInt8]) throws(IdentifierError) {
        guard !bytes.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci la partita IVA.")
        }
        guard bytes.allSatisfy(ASCII.isDigit) else {
            throw IdentifierError(
                code: .format,
                message: "La partita IVA può contenere solo cifre (11 cifre, eventualmente precedute da IT)."
            )
        }
        guard bytes.count == 11 else {
            throw IdentifierError(
                code: .length,
                message: "La partita IVA deve avere 11 cifre: ne hai inserite \(bytes.count)."
            )
        }
        guard bytes[0..<7].contains(where: { $0 != UInt8(ascii: "0") }) else {
            throw IdentifierError(
                code: .format,
                message: "La partita IVA non è valida: le prime 7 cifre non possono essere tutte zero."
            )
        }
        guard Self.isValidOfficeCode(ASCII.integer(bytes[7..<10])!) else {
            throw IdentifierError(
                code: .officeCode,
                message: "La partita IVA non è valida: l'8ª, la 9ª e la 10ª cifra non corrispondono a un ufficio "
                    + "delle entrate. Controlla di averla scritta correttamente."
            )
        }
        guard Self.checkDigit(bytes[0..<10]) == bytes[10] else {
            throw IdentifierError(
                code: .checksum,
                message: "La partita IVA non è valida: l'ultima cifra non corrisponde alle altre. "
                    + "Probabilmente c'è un errore di battitura."
            )
        }
        self.value = ASCII.string(bytes)
    }

    /// Whether a three-digit office code is assigned: 001–100, 120, 121, 888, 999.
    static func isValidOfficeCode(_ code: Int) -> Bool {
        (1...100).contains(code) || [120, 121, 888, 999].contains(code)
    }

    /// Luhn check digit over 10 digits, as an ASCII byte.
    static func checkDigit<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
        var sum = 0
        for (offset, byte) in bytes.enumerated() {
            let digit = ASCII.digitValue(byte)
            if offset % 2 == 0 {
                sum += digit  // odd position (1, 3, 5, 7, 9)
            } else {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            }
        }
        return 0x30 + UInt8((10 - sum % 10) % 10)
    }

    /// Computes the check digit (11th digit) for the first 10 digits of a partita IVA.
    ///
    /// Returns `nil` unless exactly 10 digits are given (spaces are ignored).
    ///
    /// ```swift
    /// PartitaIVA.checkDigit(for: "0074311015")  // "7"
    /// ```
    public static func checkDigit(for first10: String) -> Character? {
        let bytes = ASCII.compactUppercased(first10)
        guard bytes.count == 10, bytes.allSatisfy(ASCII.isDigit) else { return nil }
        return Character(Unicode.Scalar(checkDigit(bytes)))
    }

    /// The serial number of the taxpayer (digits 1–7).
    public var serial: String { String(value.prefix(7)) }

    /// The code of the tax office that issued the number (digits 8–10), e.g. `"015"`.
    public var officeCode: String { String(value.dropFirst(7).prefix(3)) }

    /// The check digit (digit 11).
    public var checkDigit: Character { value.last! }

    /// The EU VAT identification number, `"IT"` followed by the 11 digits.
    public var euVATNumber: String { "IT" + value }

    /// The 11 digits (``value``).
    public var description: String { value }
}

extension PartitaIVA: TextIdentifier {
    /// The 11 digits (``value``), used for encoding.
    public var normalizedText: String { value }
}
