import ItalianIdentifiers

/// A calendar date written in content as `YYYY-MM-DD` (Europe/Rome, no time).
///
/// The same value type the form validators use, so content dates and citizens' dates compare.
public typealias ContentDate = ItalianDate

/// Why a text of content is not a date: what every date of front matter, forms, calendars and portal.yaml
/// is told, from ``ItalianDate/parse(iso:)`` and ``ContentDateTime/parse(_:endOfDay:)``.
public enum ContentDateProblem: Error, Sendable, Hashable {
    /// Not written in the format asked for (`30/01/2026`, `2026-1-30`, `domani`).
    case malformed
    /// Written in the format, but no such day or time: the reason and the fix in words, e.g. `November 2026 has
    /// 30 days; check the day and the month` or `there is no month 13; months go from 01 to 12`.
    case impossible(String)
    /// A real day, but its year is outside ``ItalianDate/acceptedYears`` (`9999-12-31`, `0001-01-01`).
    case outOfRange

    /// What is wrong with `text` and how to fix it, to follow "`key` is": for a malformed text `malformed` (what
    /// it is not and the format, e.g. `not a real date; write it as YYYY-MM-DD, e.g. 2026-03-31`), for an
    /// impossible one the reason, as the daemon tells citizens ("Questa data non esiste: novembre 2026 ha 30
    /// giorni"): `'2026-11-31', which does not exist: November 2026 has 30 days; check the day and the month`.
    public func explanation(of text: String, malformed: String) -> String {
        switch self {
        case .malformed:
            if let iso = Self.yearFirst(text) {
                "'\(text)', a date written day first; write it year first: \(iso)"
            } else {
                "'\(text)', \(malformed)"
            }
        case .impossible(let reason): "'\(text)', which does not exist: \(reason)"
        case .outOfRange:
            "'\(text)', outside the years piazza accepts (\(ItalianDate.acceptedYears.lowerBound) to "
                + "\(ItalianDate.acceptedYears.upperBound)); check the year"
        }
    }
}

extension ContentDateProblem {
    /// `text` written day first as Italians write a date (`18/11/2026`, `1.3.2026`, `18-11-2026`), optionally with
    /// a time after a space (`18/11/2026 12:00`), written year first as content dates are (`2026-11-18`,
    /// `2026-11-18 12:00`): the fix a malformed date's error can give whole. `nil` for any other text, and for a
    /// day that does not exist (its error is told once the date is written year first).
    static func yearFirst(_ text: String) -> String? {
        let pieces = text.split(separator: " ", maxSplits: 1)
        guard let day = pieces.first else { return nil }
        let time = pieces.count == 2 ? " " + pieces[1] : ""
        for separator: Character in ["/", ".", "-"] {
            let parts = day.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } })
            else { continue }
            func twoDigits(_ part: Substring) -> String { part.count == 1 ? "0" + part : String(part) }
            let iso = "\(parts[2])-\(twoDigits(parts[1]))-\(twoDigits(parts[0]))"
            guard (try? ItalianDate.parse(iso: iso)) != nil else { return nil }
            return iso + time
        }
        return nil
    }
}

extension ItalianDate {
    /// Parses exactly `YYYY-MM-DD`, as content files write dates; `nil` for any other shape or an
    /// impossible date such as 2025-02-30 (``parse(iso:)`` says why).
    public init?(iso text: String) {
        guard let date = try? Self.parse(iso: text) else { return nil }
        self = date
    }

    /// Parses exactly `YYYY-MM-DD`: the one rule for every date written in content.
    ///
    /// - Throws: ``ContentDateProblem/malformed`` for any other shape (`30/01/2026`, `2026-1-30`),
    ///   ``ContentDateProblem/impossible(_:)`` for a day that does not exist, with the reason: month 00 or 13,
    ///   day 00, a day past the month's end (`November 2026 has 30 days`, `February 2026 has 28 days (2026 is not
    ///   a leap year)`), year 0000; ``ContentDateProblem/outOfRange`` for a year outside ``acceptedYears``.
    public static func parse(iso text: String) throws(ContentDateProblem) -> ItalianDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .malformed }
        guard year > 0 else { throw .impossible("there is no year 0000; write the year with 4 digits, e.g. 2026") }
        guard (1...12).contains(month) else {
            throw .impossible("there is no month \(parts[1]); months go from 01 to 12")
        }
        let days = numberOfDays(inMonth: month, year: year)
        guard (1...days).contains(day) else {
            let name = "\(englishMonthNames[month - 1]) \(parts[0])"
            let leap = month == 2 && days == 28 ? " (\(parts[0]) is not a leap year)" : ""
            throw .impossible(
                day == 0
                    ? "there is no day 00; days go from 01 to \(days)"
                    : "\(name) has \(days) days\(leap); check the day and the month")
        }
        guard acceptedYears.contains(year) else { throw .outOfRange }
        // Checked above: year 1900–2100, month 1–12, day within the month.
        return try! ItalianDate(year: year, month: month, day: day)
    }

    /// The months in English, for the CLI's messages.
    private static let englishMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `31 marzo 2026`, as running text writes dates.
    public var longItalian: String { italianLong }
}
