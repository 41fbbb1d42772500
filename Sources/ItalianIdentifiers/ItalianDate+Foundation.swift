import Foundation
import Synchronization

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
        guard timeZone == nil || timeZone == Self.italianTimeZone else {
            self = Self.day(of: date, in: Self.calendar(in: timeZone!))
            return
        }
        if let day = Self.lastItalianDay.withLock({ $0?.date(of: date) }) {
            self = day
            return
        }
        let day = Self.day(of: date, in: Self.italianCalendar)
        if let interval = Self.italianCalendar.dateInterval(of: .day, for: date) {
            Self.lastItalianDay.withLock { $0 = Day(interval: interval, date: day) }
        }
        self = day
    }

    private static func day(of date: Date, in calendar: Calendar) -> ItalianDate {
        let components = calendar.dateComponents([.year, .month, .day], from: date)
        return ItalianDate(
            uncheckedYear: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1)
    }

    /// A day in Italian time and the instants it spans.
    private struct Day {
        let interval: DateInterval
        let date: ItalianDate

        /// `date` when `instant` falls within the day, else `nil`.
        func date(of instant: Date) -> ItalianDate? {
            instant >= interval.start && instant < interval.end ? date : nil
        }
    }

    /// The Italian day last asked for: a valid submission asks for the day of the same instant five times
    /// (validation's today, the checks' submission day, the household's and the applicant's codici fiscali, their
    /// century), and `Calendar.dateComponents` was ≈ 1.5 % of the daemon's CPU under `bench/intake.sh`; a
    /// comparison with the day's bounds answers all but the first of each day.
    private static let lastItalianDay = Mutex<Day?>(nil)

    /// Today's date in Italy (time zone Europe/Rome).
    public static func today() -> ItalianDate {
        ItalianDate(Date())
    }

    /// The instant at midnight at the start of this date in `timeZone` (Italian time by default).
    public func date(timeZone: TimeZone? = nil) -> Date? {
        Self.calendar(for: timeZone).date(from: DateComponents(year: year, month: month, day: day))
    }
}
