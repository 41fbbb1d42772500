import Foundation

/// A decimal number typed in an Italian form field (for `number` fields such as surface areas or quantities).
///
/// Reads `,` and `.` by the one rule for typed numbers and amounts (see `NumberText`, docs/FORMS.md): a decimal
/// comma (`12,5`), thousands grouped by dots, spaces or apostrophes (`1.500,25`, `1 500`, `1'500`), a dot that
/// cannot group thousands as a decimal point (`12.5`, `0.125`), an optional sign. A lone dot followed by exactly
/// 3 digits (`1.125`) is refused as ambiguous, with a message offering `1125` and `1,125`.
/// The value is kept exactly as a `Decimal` (at most 38 significant digits).
public struct ItalianNumber: Sendable, Hashable, CustomStringConvertible {
    /// The exact value.
    public let value: Decimal

    /// Parses a number.
    ///
    /// - Parameters:
    ///   - text: The number as typed, e.g. `"1.500,25"`, `"12.5"`, `"-3"`.
    ///   - allowNegative: Whether a leading minus sign is accepted. Defaults to `true`.
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty``, ``IdentifierError/Code/format``,
    ///   ``IdentifierError/Code/negative`` or ``IdentifierError/Code/range`` (too many digits).
    public init(_ text: String, allowNegative: Bool = true) throws(IdentifierError) {
        var scalars = NumberText.scalars(text)
        let negative = NumberText.stripSign(&scalars) ?? false
        guard !scalars.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci un numero, ad esempio 12,5.")
        }
        let parts = try NumberText.split(
            NumberText.bytes(scalars), maximumFractionDigits: nil,
            formatMessage: "Scrivi un numero usando solo cifre e la virgola per i decimali, ad esempio 12,5.")
        let integer = parts.integer.drop(while: { $0 == UInt8(ascii: "0") })
        guard integer.count + parts.fraction.count <= 38 else {
            throw IdentifierError(code: .range, message: "Il numero ha troppe cifre. Controlla il valore inserito.")
        }
        let literal = ASCII.string(parts.integer) + (parts.fraction.isEmpty ? "" : "." + ASCII.string(parts.fraction))
        guard var value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else {
            throw IdentifierError(code: .range, message: "Il numero ha troppe cifre. Controlla il valore inserito.")
        }
        if negative, !value.isZero {
            guard allowNegative else {
                throw IdentifierError(
                    code: .negative, message: "Il numero non può essere negativo: togli il segno meno.")
            }
            value.negate()
        }
        self.value = value
    }

    /// Wraps an exact value, such as one read back from storage, to show it with ``italian``.
    ///
    /// Stored values are never re-read as typed text: `12.345` stored is twelve and 345 thousandths, which
    /// ``init(_:allowNegative:)`` would read as twelve thousand three hundred forty-five.
    public init(_ value: Decimal) {
        self.value = value
    }

    /// Parses a number and returns its value; see ``init(_:allowNegative:)``.
    public static func parse(_ text: String, allowNegative: Bool = true) throws(IdentifierError) -> Decimal {
        try ItalianNumber(text, allowNegative: allowNegative).value
    }

    /// The Italian form: a decimal comma, the integer part in groups of three digits separated by dots, and
    /// every decimal digit of the value (never rounded): `"12,345"`, `"1.234,5"`, `"12.345"` (twelve thousand
    /// three hundred forty-five), `"-0,5"`. ``init(_:allowNegative:)`` reads the text back to the same value, or
    /// refuses it as ambiguous when its only separator is one thousands dot (`"12.345"`): never to another value.
    public var italian: String {
        let plain = value.description  // e.g. "-1500.25"
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? String(plain.dropFirst()) : plain
        let pieces = unsigned.split(separator: ".", maxSplits: 1)
        var result = NumberText.groupThousands(String(pieces.first ?? "0"))
        if pieces.count == 2 { result += "," + pieces[1] }
        return (negative ? "-" : "") + result
    }

    /// The Italian form (``italian``).
    public var description: String { italian }
}
