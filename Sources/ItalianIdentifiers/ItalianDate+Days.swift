extension ItalianDate {
    /// Days from 1970-01-01 (negative before it), by the days-from-civil algorithm (H. Hinnant).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after this one (before it when negative), by the civil-from-days algorithm (H. Hinnant).
    ///
    /// A date holds the years 1–9999: a result beyond them is 0001-01-01 or 9999-12-31, the nearest end, so
    /// that no count of days can stop the program. Dates people type are within ``acceptedYears``, which
    /// keeps any period or deadline computed from them far from both ends.
    public func adding(days: Int) -> ItalianDate {
        let (sum, overflow) = daysSince1970.addingReportingOverflow(days)
        let target = overflow ? (days < 0 ? Self.firstDay : Self.lastDay) : min(max(sum, Self.firstDay), Self.lastDay)
        let (year, month, day) = Self.civil(daysSince1970: target)
        return ItalianDate(uncheckedYear: year, month: month, day: day)
    }

    /// The proleptic Gregorian year, month (1–12) and day (1–31) of the day `days` after 1970-01-01 (before it
    /// when negative), by the civil-from-days algorithm (H. Hinnant, *chrono-Compatible Low-Level Date
    /// Algorithms*), counted in 400-year eras from 0000-03-01. No bounds: callers keep `days` within the years
    /// they hold (``adding(days:)`` clamps to 1–9999).
    public static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ``daysSince1970`` of 0001-01-01 and 9999-12-31, the first and last day a date holds.
    private static let firstDay = ItalianDate(uncheckedYear: 1, month: 1, day: 1).daysSince1970
    private static let lastDay = ItalianDate(uncheckedYear: 9999, month: 12, day: 31).daysSince1970
}
