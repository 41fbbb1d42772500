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

    /// Parses `YYYY-MM-DD` (midnight, or 23:59 when `endOfDay`) or `YYYY-MM-DD HH:MM`; `nil` for anything else
    /// (``parse(_:endOfDay:)`` says why).
    public init?(_ text: String, endOfDay: Bool = false) {
        guard let value = try? Self.parse(text, endOfDay: endOfDay) else { return nil }
        self = value
    }

    /// Parses `YYYY-MM-DD` (midnight, or 23:59 when `endOfDay`) or `YYYY-MM-DD HH:MM`, the day by the one date
    /// rule (``ItalianDate/parse(iso:)``).
    ///
    /// - Throws: ``ContentDateProblem/malformed`` for another shape, ``ContentDateProblem/impossible(_:)`` for a
    ///   day that does not exist or an hour past 23, a minute past 59, with the reason.
    public static func parse(_ text: String, endOfDay: Bool = false) throws(ContentDateProblem) -> ContentDateTime {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count) else { throw .malformed }
        let date = try ContentDate.parse(iso: String(parts[0]))
        guard parts.count == 2 else {
            return ContentDateTime(date: date, hour: endOfDay ? 23 : 0, minute: endOfDay ? 59 : 0)
        }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2, time.allSatisfy({ $0.count == 2 && $0.allSatisfy { ("0"..."9").contains($0) } }),
            let hour = Int(time[0]), let minute = Int(time[1])
        else { throw .malformed }
        guard hour <= 23 else { throw .impossible("there is no hour \(time[0]); hours go from 00 to 23") }
        guard minute <= 59 else { throw .impossible("there is no minute \(time[1]); minutes go from 00 to 59") }
        return ContentDateTime(date: date, hour: hour, minute: minute)
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
        ItalianDate(instant, timeZone: rome)
    }
}

/// 23:59 closes at the end of the minute, so a bando "until 23:59" accepts 23:59:30.
private func endSecond(_ hour: Int, _ minute: Int) -> Int { hour == 23 && minute == 59 ? 59 : 0 }
