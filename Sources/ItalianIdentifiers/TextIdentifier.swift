/// A value that is parsed from the text a citizen types and written back as one normalised string, such as
/// ``CAP``, ``IBAN`` or ``ItalianDate``.
///
/// A conforming type only provides the validating ``init(_:)`` and ``normalizedText``; the protocol extension
/// adds ``parse(_:)``, ``isValid(_:)`` and a `Codable` conformance that stores the value as a single string
/// and validates it again when decoding.
///
/// ```swift
/// func check<T: TextIdentifier>(_ type: T.Type, _ field: String) -> Bool {
///     T.isValid(field)
/// }
/// check(CAP.self, "00118")  // true
/// ```
public protocol TextIdentifier: Codable {
    /// Parses and validates `text`.
    ///
    /// - Throws: ``IdentifierError`` with a citizen-facing Italian message if `text` is not valid.
    init(_ text: String) throws(IdentifierError)

    /// The normalised text of the value, used for encoding; ``init(_:)`` accepts it back unchanged.
    var normalizedText: String { get }
}

extension TextIdentifier {
    /// Parses and validates `text`; same as ``init(_:)``.
    public static func parse(_ text: String) throws(IdentifierError) -> Self {
        try Self(text)
    }

    /// Whether `text` is valid, that is whether ``init(_:)`` accepts it.
    public static func isValid(_ text: String) -> Bool {
        (try? Self(text)) != nil
    }

    /// Decodes the value from a string, validating it with ``init(_:)``.
    ///
    /// - Throws: `DecodingError.dataCorrupted` carrying the Italian ``IdentifierError/message`` if the string
    ///   is not valid.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the value as the string ``normalizedText``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalizedText)
    }
}
