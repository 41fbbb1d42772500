/// An amount in euro, stored exactly as an integer number of cents.
///
/// Parses amounts as Italians type them, by the one rule for typed numbers and amounts (see `NumberText`,
/// docs/FORMS.md):
/// - decimal comma, thousands grouped by dots, spaces or apostrophes: `1.500,75`, `1500,75`, `1 500,5`, `1'500`;
/// - a dot that cannot group thousands is a decimal point: `1500.75`, `1.5`;
/// - a lone dot followed by 3 digits can only group thousands, since amounts have at most 2 decimals: `1.500` is
///   one thousand five hundred;
/// - an optional euro sign (`€` or `EUR`) before or after the number: `€ 1.500`, `1500 €`.
///
/// Rejected: empty text, letters, more than 2 decimals and — unless `allowNegative` is `true` — negative
/// amounts.
///
/// Formatting uses the Italian convention `1.500,75 €`, with a normal space (U+0020) before the euro sign,
/// so that the text is easy to copy, search and compare in tests. HTML templates that must not break the
/// line there can replace it with `&nbsp;`.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in cents (1 € = 100 cents). Negative for negative amounts.
    public let cents: Int

    /// Zero euro.
    public static let zero = Money(cents: 0)

    /// The largest amount text may give, 999.999.999,99 €: far above any benefit, price or income typed
    /// in a portal, and small enough that a sum of up to 92 million such amounts fits in `Int` (sums of
    /// typed amounts never overflow).
    public static let maximum = Money(cents: 99_999_999_999)

    /// Creates an amount from a number of cents.
    public init(cents: Int) {
        self.cents = cents
    }

    /// Creates an amount from whole euros and cents, e.g. `Money(euros: 1500, cents: 75)` for 1.500,75 €.
    /// For negative amounts pass both values negative (or `cents` zero).
    public init(euros: Int, cents: Int = 0) {
        self.cents = euros * 100 + cents
    }

    /// Parses an amount in euro.
    ///
    /// - Parameters:
    ///   - text: The amount as typed, e.g. `"1.500,75"`, `"€ 1.500"`, `"1500.75"`.
    ///   - allowNegative: Whether a leading minus sign is accepted. Defaults to `false`.
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty``, ``IdentifierError/Code/format``,
    ///   ``IdentifierError/Code/negative`` or ``IdentifierError/Code/range`` (above ``maximum``, either sign).
    public init(_ text: String, allowNegative: Bool = false) throws(IdentifierError) {
        var scalars = NumberText.scalars(text)
        var negative = NumberText.stripSign(&scalars)
        var hasCurrency = Self.stripLeadingCurrency(&scalars)
        if negative == nil { negative = NumberText.stripSign(&scalars) }
        if !hasCurrency { hasCurrency = Self.stripTrailingCurrency(&scalars) }
        guard !scalars.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci un importo, ad esempio 1.500,00.")
        }
        let parts = try NumberText.split(
            NumberText.bytes(scalars), maximumFractionDigits: 2,
            formatMessage: "L'importo può contenere solo cifre, il punto per le migliaia e la virgola per i "
                + "centesimi, ad esempio 1.500,50.")
        guard parts.fraction.count <= 2 else {
            throw IdentifierError(
                code: .format,
                message: "L'importo può avere al massimo 2 cifre dopo la virgola (i centesimi), ad esempio 1.500,50."
            )
        }
        let fraction = parts.fraction + Array(repeating: UInt8(ascii: "0"), count: 2 - parts.fraction.count)
        guard let euros = ASCII.integer(parts.integer),
            case (let scaled, false) = euros.multipliedReportingOverflow(by: 100),
            case (let total, false) = scaled.addingReportingOverflow(ASCII.integer(fraction)!),
            total <= Self.maximum.cents
        else {
            throw IdentifierError(
                code: .range,
                message: "L'importo è troppo grande: il massimo è \(Self.maximum.italian). Controlla le cifre inserite."
            )
        }
        if negative == true, total != 0 {
            guard allowNegative else {
                throw IdentifierError(
                    code: .negative,
                    message: "L'importo non può essere negativo: togli il segno meno."
                )
            }
            self.cents = -total
        } else {
            self.cents = total
        }
    }

    /// Parses an amount in euro; same as ``init(_:allowNegative:)``.
    public static func parse(_ text: String, allowNegative: Bool = false) throws(IdentifierError) -> Money {
        try Money(text, allowNegative: allowNegative)
    }

    private static func stripLeadingCurrency(_ scalars: inout ArraySlice<Unicode.Scalar>) -> Bool {
        if scalars.first == "€" {
            scalars.removeFirst()
        } else if scalars.count >= 3, String(String.UnicodeScalarView(scalars.prefix(3))).uppercased() == "EUR" {
            scalars.removeFirst(3)
        } else {
            return false
        }
        NumberText.trim(&scalars)
        return true
    }

    private static func stripTrailingCurrency(_ scalars: inout ArraySlice<Unicode.Scalar>) -> Bool {
        if scalars.last == "€" {
            scalars.removeLast()
        } else if scalars.count >= 3, String(String.UnicodeScalarView(scalars.suffix(3))).uppercased() == "EUR" {
            scalars.removeLast(3)
        } else {
            return false
        }
        NumberText.trim(&scalars)
        return true
    }

    /// The whole-euro part, truncated toward zero (`1.500,75 €` → 1500).
    public var euros: Int { cents / 100 }

    /// The Italian form with the euro sign after a normal space: `"1.500,75 €"`, `"-3,00 €"`.
    public var italian: String { formatted(currencySymbol: true) }

    /// The Italian form, with or without the trailing `" €"`: `"1.500,75"`.
    public func formatted(currencySymbol: Bool = true) -> String {
        let magnitude = cents.magnitude
        let whole = NumberText.groupThousands(String(magnitude / 100))
        let fraction = magnitude % 100
        let sign = cents < 0 ? "-" : ""
        let number = "\(sign)\(whole),\(fraction < 10 ? "0" : "")\(fraction)"
        return currencySymbol ? number + " €" : number
    }

    /// A plain machine-readable form with a dot and two decimals and no grouping: `"1500.75"`.
    public var plainDecimal: String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(cents < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The Italian form (``italian``).
    public var description: String { italian }

    /// Orders amounts by value.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// The sum of two amounts.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }

    /// The difference of two amounts.
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
}

extension Money: Codable {
    /// Decodes an amount from an integer number of cents.
    public init(from decoder: any Decoder) throws {
        self.init(cents: try decoder.singleValueContainer().decode(Int.self))
    }

    /// Encodes the amount as an integer number of cents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}
