import ItalianIdentifiers

/// The code of a voucher wallet (buono spesa): 12 random characters and a check character, shown grouped
/// for reading aloud, `K7MP-Q4XZ-9TRC-A`, and stored ungrouped, `K7MPQ4XZ9TRCA`.
///
/// - **Alphabet**: Crockford's base32 (https://www.crockford.com/base32.html), the digits and the letters
///   without I, L, O and U: `0123456789ABCDEFGHJKMNPQRSTVWXYZ`. It has no pair that reads alike, it is typed
///   on a phone's keyboard without symbols, and each character has one Italian name ("kappa", "doppia vu").
///   Reading it back, the confusable letters fold as Crockford's decoding does: O → 0, I and L → 1, and U
///   (left out of the alphabet so that no code spells a word) → V.
/// - **Entropy**: 12 characters of 5 bits, 60 bits: guessing one live code among a million issued takes
///   about 2⁶⁰ / 10⁶ ≈ 10¹² tries, against a daemon that answers a few hundred a second.
/// - **Check character**: Damm's algorithm over a totally anti-symmetric quasigroup of order 32
///   (H. M. Damm, *Total anti-symmetrische Quasigruppen*, dissertation, Philipps-Universität Marburg, 2004;
///   *Totally anti-symmetric quasigroups for all orders n ≠ 2, 6*, Discrete Mathematics 307 (2007)
///   715–729). The quasigroup is x ∗ y = 2x + y in the field GF(32) built on x⁵ + x² + 1: it is a Latin
///   square because multiplying by 2 and adding are bijections, and it is totally anti-symmetric because
///   (c ∗ x) ∗ y = (c ∗ y) ∗ x means 4c + 2x + y = 4c + 2y + x, so 3(x − y) = 0, so x = y. Running the 13
///   characters through it from 0 must end at 0; hence every change of one character and every swap of two
///   adjacent different characters, the check character included, gives a code that is refused. Luhn
///   mod N misses one adjacent swap, and Crockford's own mod-37 check needs five more symbols (`*~$=U`)
///   that are awkward to read aloud.
///
/// ```swift
/// let code = VoucherCode.random()
/// code.description                        // "K7MP-Q4XZ-9TRC-A" (grouped, for people)
/// code.canonical                          // "K7MPQ4XZ9TRCA" (for storage and lookups)
/// VoucherCode(typed: "k7mp q4xz 9trc h")  // the same code
/// VoucherCode(typed: "K7MP-Q4XZ-9TRC-B")  // nil: the check character does not match
/// ```
public struct VoucherCode: Hashable, Sendable, CustomStringConvertible {
    /// Crockford's base32 digits in value order, 0…31.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// Random characters before the check character.
    static let randomLength = 12
    /// Characters per group of ``description``.
    static let groupLength = 4

    /// The 13 characters without separators, upper case, the check character last: the form stored and
    /// looked up.
    public let canonical: String

    /// The code in groups of four joined by hyphens, `K7MP-Q4XZ-9TRC-A`, for pages, print and reading aloud.
    public var description: String {
        var groups: [Substring] = []
        var rest = Substring(canonical)
        while !rest.isEmpty {
            groups.append(rest.prefix(Self.groupLength))
            rest = rest.dropFirst(Self.groupLength)
        }
        return groups.joined(separator: "-")
    }

    /// A new code from the system's cryptographically secure generator: `SystemRandomNumberGenerator`
    /// reads the kernel's CSPRNG (getrandom(2) on Linux, arc4random_buf on Apple platforms).
    public static func random() -> VoucherCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new code whose 60 random bits come from `generator` (a seeded one in tests).
    public static func random(using generator: inout some RandomNumberGenerator) -> VoucherCode {
        let bits = generator.next()
        let values = (0..<randomLength).map { UInt8(truncatingIfNeeded: bits >> (5 * $0)) & 31 }
        return VoucherCode(values: values + [checkValue(of: values)])
    }

    /// Reads a code as a shop assistant typed it or heard it: any case, spaces and hyphens (or other dashes)
    /// anywhere, O for 0, I or L for 1, U for V. Characters are read by the one rule of every identifier,
    /// number and amount people type (``TypedText/identifier(_:)``): invisible characters pasted along are
    /// dropped, full-width letters and digits and the digits of other scripts are the ASCII ones, every
    /// dash is `-`; so the till reads code and amount alike.
    ///
    /// - Returns: `nil` when, without separators, the text is not 13 characters of the alphabet or its check
    ///   character does not match the other twelve.
    public init?(typed text: String) {
        var values: [UInt8] = []
        for scalar in TypedText.identifier(text).unicodeScalars where scalar != " " && scalar != "-" {
            guard scalar.isASCII, let value = Self.value(of: UInt8(scalar.value)) else { return nil }
            values.append(value)
        }
        guard values.count == Self.randomLength + 1,
            Self.checkValue(of: values[..<Self.randomLength]) == values[Self.randomLength]
        else { return nil }
        self.init(values: values)
    }

    private init(values: [UInt8]) {
        canonical = String(decoding: values.map { Self.alphabet[Int($0)] }, as: UTF8.self)
    }

    /// The check character's value: Damm's interim digit doubled, the one y with interim ∗ y = 0.
    static func checkValue(of values: some Sequence<UInt8>) -> UInt8 {
        double(values.reduce(0) { double($0) ^ $1 })
    }

    /// 2 · value in GF(32) = GF(2)[x] / (x⁵ + x² + 1): a shift, reduced by 0b100101 when x⁵ appears.
    private static func double(_ value: UInt8) -> UInt8 {
        let shifted = value << 1
        return shifted & 0b10_0000 == 0 ? shifted : shifted ^ 0b10_0101
    }

    /// The value of one typed ASCII character, with Crockford's folding of confusables.
    private static func value(of byte: UInt8) -> UInt8? {
        let upper = (0x61...0x7A).contains(byte) ? byte - 0x20 : byte
        let folded: UInt8 =
            switch upper {
            case UInt8(ascii: "O"): UInt8(ascii: "0")
            case UInt8(ascii: "I"), UInt8(ascii: "L"): UInt8(ascii: "1")
            case UInt8(ascii: "U"): UInt8(ascii: "V")
            default: upper
            }
        return alphabet.firstIndex(of: folded).map(UInt8.init)
    }
}
