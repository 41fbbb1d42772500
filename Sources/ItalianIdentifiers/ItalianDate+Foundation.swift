import Foundation

extension ItalianDate {
    /// The time zone used for "today" in Italy.
    static let italianTimeZone = TimeZone(identifier: "Europe/Rome") ?? TimeZone.current

    /// The Gregorian calendar in Italian time, made once: every valid submission asks for the day in Rome
    /// several times (validation, checks, codici fiscali), and making a `Calendar` and looking the zone up
    /// by name on each call was about 2 % of the daemon's CPU under `bench/intake.sh`.
    private static let italianCalendar = calendar(in: italianTimeZone)

    /// The Gregorian calendar in `timeZone`: the one made once for Italian time, a new one for another zone.
    private static func calendar(for timeZone: TimeZone?) -> Calendar {
        guard let timeZone, timeZone != italianTimeZone else { return italianCalendar }
        return calendar(in: timeZone)
    }

    private static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Creates the calendar date on which `date` falls in `timeZone` (Italian time by default).
    public init(_ date: Date, timeZone: TimeZone? = nil) {
        let components = Self.calendar(for: timeZone).dateComponents([.year, .month, .day], from: date)
        self.init(uncheckedYear: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1)
    }

    /// Today's date in Italy (time zone Europe/Rome).
    public static func today() -> ItalianDate {
        ItalianDate(Date())
    }

    /// The instant at midnight at the start of this date in `timeZone` (Italian time by default).
    public func date(timeZone: TimeZone? = nil) -> Date? {
        Self.calendar(for: timeZone).date(from: DateComponents(year: year, month: month, day: day))
    }
}
