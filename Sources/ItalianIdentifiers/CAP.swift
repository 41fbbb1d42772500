/// An Italian postal code (codice di avviamento postale): exactly 5 digits, kept as text so that leading
/// zeros are preserved (e.g. `00118` for Roma).
///
/// Surrounding white space is ignored.
public struct CAP: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 5 digits.
    public let value: String

    /// Parses and validates a CAP.
    ///
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty``, ``IdentifierError/Code/format``
    ///   or ``IdentifierError/Code/length``.
    public init(_ text: String) throws(IdentifierError) {
        let bytes = ASCII.trimmedUppercased(text)
        guard !bytes.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci il CAP.")
        }
        guard bytes.allSatisfy(ASCII.isDigit) else {
            throw IdentifierError(code: .format, message: "Il CAP può contenere solo cifre, ad esempio 00118.")
        }
        guard bytes.count == 5 else {
            throw IdentifierError(
                code: .length,
                message: "Il CAP deve avere 5 cifre: ne hai inserite \(bytes.count). "
                    + "Se inizia con uno zero, scrivi anche lo zero (ad esempio 00118)."
            )
        }
        self.value = ASCII.string(bytes)
    }

    /// The 5 digits (``value``).
    public var description: String { value }

    /// Orders codes as text (`"00118"` before `"20121"`).
    public static func < (lhs: CAP, rhs: CAP) -> Bool { lhs.value < rhs.value }
}

extension CAP: TextIdentifier {
    /// The 5 digits (``value``), used for encoding.
    public var normalizedText: String { value }
}
