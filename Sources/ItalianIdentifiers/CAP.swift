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

    /// Parses and validates a CAP; same as ``init(_:)``.
    public static func parse(_ text: String) throws(IdentifierError) -> CAP {
        try CAP(text)
    }

    /// Whether `text` is a valid CAP.
    public static func isValid(_ text: String) -> Bool {
        (try? CAP(text)) != nil
    }

    /// The 5 digits (``value``).
    public var description: String { value }

    /// Orders codes as text (`"00118"` before `"20121"`).
    public static func < (lhs: CAP, rhs: CAP) -> Bool { lhs.value < rhs.value }
}

extension CAP: Codable {
    /// Decodes a CAP from a string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the CAP as a 5-character string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
