import Foundation
import ItalianIdentifiers

/// A moment written in content as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, in the Europe/Rome zone.
public struct ContentDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The day part.
    public let date: ContentDate
    /// Hour and minute in Rome.
    public let hour: Int
    public let minute: Int
    /// The absolute instant.
    public let instant: Date

    /// The time zone every content date refers to.
    public static let rome = TimeZone(identifier: "Europe/Rome")!

    /// Parses `YYYY-MM-DD` (midnight, or 23:59 when `endOfDay`) or `YYYY-MM-DD HH:MM`.
    public init?(_ text: String, endOfDay: Bool = false) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), let date = ContentDate(iso: String(parts[0])) else { return nil }
        var hour = endOfDay ? 23 : 0
        var minute = endOfDay ? 59 : 0
        if parts.count == 2 {
            let time = parts[1].split(separator: ":")
            guard time.count == 2, time[0].count == 2, time[1].count == 2, let h = Int(time[0]), let m = Int(time[1]),
                (0...23).contains(h), (0...59).contains(m)
            else { return nil }
            hour = h
            minute = m
        }
        self.init(date: date, hour: hour, minute: minute)
    }

    /// A moment from its parts in Rome.
    public init(date: ContentDate, hour: Int, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.rome
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute,
            second: endSecond(hour, minute))
        self.date = date
        self.hour = hour
        self.minute = minute
        self.instant = calendar.date(from: components)!
    }

    /// `15/12/2026 alle 12:00`.
    public var italian: String { String(format: "%@ alle %02d:%02d", date.italian, hour, minute) }

    /// `15 dicembre 2026, ore 12:00`.
    public var longItalian: String { String(format: "%@, ore %02d:%02d", date.longItalian, hour, minute) }

    /// ISO 8601 with Rome's offset at that moment, e.g. `2026-12-15T12:00:00+01:00`.
    public var iso: String {
        let offset = Self.rome.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        return String(
            format: "%@T%02d:%02d:00%@%02d:%02d", date.iso, hour, minute, sign, abs(offset) / 3600,
            abs(offset) % 3600 / 60)
    }

    public var description: String { iso }

    public static func < (lhs: ContentDateTime, rhs: ContentDateTime) -> Bool { lhs.instant < rhs.instant }

    /// The calendar day in Rome of an instant.
    public static func romeDay(of instant: Date) -> ContentDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = rome
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return ItalianDate(instant, timeZone: rome)
    }
}

/// 23:59 closes at the end of the minute, so a bando "until 23:59" accepts 23:59:30.
private func endSecond(_ hour: Int, _ minute: Int) -> Int { hour == 23 && minute == 59 ? 59 : 0 }
