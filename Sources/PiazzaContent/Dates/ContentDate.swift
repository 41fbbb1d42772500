import ItalianIdentifiers

/// A calendar date written in content as `YYYY-MM-DD` (Europe/Rome, no time).
///
/// The same value type the form validators use, so content dates and citizens' dates compare.
public typealias ContentDate = ItalianDate

extension ItalianDate {
    /// Parses exactly `YYYY-MM-DD`, as content files write dates; `nil` for any other shape or an
    /// impossible date such as 2025-02-30.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = try? ItalianDate(year: year, month: month, day: day)
        else { return nil }
        self = date
    }

    /// `31 marzo 2026`, as running text writes dates.
    public var longItalian: String { italianLong }
}
