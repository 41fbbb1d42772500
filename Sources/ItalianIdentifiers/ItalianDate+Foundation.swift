import Foundation

extension ItalianDate {
    /// The time zone used for "today" in Italy.
    static var italianTimeZone: TimeZone {
        TimeZone(identifier: "Europe/Rome") ?? TimeZone.current
    }

    /// Creates the calendar date on which `date` falls in `timeZone` (Italian time by default).
    public init(_ date: Date, timeZone: TimeZone? = nil) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone ?? Self.italianTimeZone
        let components = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(uncheckedYear: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1)
    }

    /// Today's date in Italy (time zone Europe/Rome).
    public static func today() -> ItalianDate {
        ItalianDate(Date())
    }

    /// The instant at midnight at the start of this date in `timeZone` (Italian time by default).
    public func date(timeZone: TimeZone? = nil) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone ?? Self.italianTimeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }
}
