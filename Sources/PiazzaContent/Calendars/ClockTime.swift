/// A wall-clock time of day in Europe/Rome, written in calendars as `HH:MM` (`15:00`, `09:30`).
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0–23.
    public let hour: Int
    /// 0–59.
    public let minute: Int

    /// Parses exactly `HH:MM` on the 24-hour clock; `nil` for any other shape (`9:30`, `15.00`, `24:00`).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    /// Whether Rome's clock skips or repeats this time on a daylight-saving change day: 02:00–02:59 does
    /// not exist on the last Sunday of March and happens twice on the last Sunday of October.
    public var isInDaylightSavingChangeHour: Bool { hour == 2 }

    /// `15:00`.
    public var description: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }
}
