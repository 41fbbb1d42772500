import ItalianIdentifiers

/// A numero pratica as people type it, the one rule of every place a citizen or an operator writes one:
/// the booking form of a calendar with `requires_form` (`numero_pratica`), the operators' queue search
/// (`cerca`) and the address of a case page (`/operator/{portal}/pratiche/{numero}`).
///
/// The stored form is `YYYY-NNNNNNN` (``ApplicationRecord/number(year:seq:)``, PRODUCT.md §6); people may
/// leave out the zeros after the dash (`2026-42` is `2026-0000042`), and type it in any width of digits,
/// any dash and with spaces anywhere (`2026 - 42`), read by the rule of typed identifiers (``TypedText/identifier(_:)``).
enum CaseNumber {
    /// How a numero pratica is written, for the messages that ask for one.
    static let example = "2026-0000042, o più breve 2026-42"

    /// The stored form of `text` (`2026-0000042`), or `nil` when `text` is not a numero pratica: four
    /// digits of the year, a dash, 1 to 7 digits of the counter, nothing else.
    static func canonical(_ text: String) -> String? {
        let parts = TypedText.identifier(text).filter { $0 != " " }
            .split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...7).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let year = Int(parts[0]),
            let seq = Int(parts[1])
        else { return nil }
        return ApplicationRecord.number(year: year, seq: seq)
    }
}
