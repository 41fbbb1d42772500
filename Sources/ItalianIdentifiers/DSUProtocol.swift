/// The protocol number of a DSU (Dichiarazione Sostitutiva Unica), the declaration behind an ISEE,
/// as printed by INPS: `INPS-ISEE-aaaa-XXXXXXXXX-NN`, e.g. `INPS-ISEE-2024-12345678A-00`.
///
/// Surrounding white space is ignored and letters are uppercased.
public struct DSUProtocol: Sendable, Hashable, CustomStringConvertible {
    /// The normalised protocol number (uppercase).
    public let value: String

    /// The year in the protocol number (the four digits after `INPS-ISEE-`).
    public let year: Int

    /// Parses and validates a DSU protocol number.
    ///
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty`` or ``IdentifierError/Code/format``.
    public init(_ text: String) throws(IdentifierError) {
        let bytes = ASCII.trimmedUppercased(text)
        guard !bytes.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci il numero di protocollo della DSU.")
        }
        let prefix = Array("INPS-ISEE-".utf8)
        let dash = UInt8(ascii: "-")
        // INPS-ISEE- (10) + yyyy (4) + - (1) + 9 + - (1) + 2 = 27
        guard bytes.count == 27, bytes.starts(with: prefix),
            bytes[10..<14].allSatisfy(ASCII.isDigit), bytes[14] == dash,
            bytes[15..<24].allSatisfy(ASCII.isAlphanumeric), bytes[24] == dash,
            bytes[25..<27].allSatisfy(ASCII.isDigit)
        else {
            throw IdentifierError(
                code: .format,
                message: "Il numero di protocollo della DSU deve avere la forma INPS-ISEE-aaaa-XXXXXXXXX-NN, "
                    + "ad esempio INPS-ISEE-2024-12345678A-00. Lo trovi sull'attestazione ISEE."
            )
        }
        self.value = ASCII.string(bytes)
        self.year = ASCII.integer(bytes[10..<14])!
    }

    /// The 9-character identifier after the year.
    public var identifier: String { String(value.dropFirst(15).prefix(9)) }

    /// The two-digit progressive number at the end.
    public var progressive: String { String(value.suffix(2)) }

    /// The normalised protocol number (``value``).
    public var description: String { value }
}

extension DSUProtocol: TextIdentifier {
    /// The normalised protocol number (``value``), used for encoding.
    public var normalizedText: String { value }
}
