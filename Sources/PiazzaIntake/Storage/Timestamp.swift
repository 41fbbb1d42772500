import Foundation
import ItalianIdentifiers

/// Instants stored as ISO 8601 UTC with milliseconds: `2026-12-01T22:16:10.123Z`.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The instant as `Date.ISO8601FormatStyle(includingFractionalSeconds: true)` writes it, byte for byte.
    ///
    /// Written by hand for the years 2001–9999 (measured: a submission formats four instants on the single
    /// writer, and Foundation's style was ≈ 1 % of the daemon's CPU under `bench/intake.sh`); other instants go
    /// through Foundation. The milliseconds are truncated from the seconds since 2001 as Foundation does, so
    /// that `…370.123` (a double just below it) gives `.122` as the style does.
    static func string(_ date: Date) -> String {
        let interval = date.timeIntervalSinceReferenceDate
        // 2001-01-01 to 9999-12-31T23:59:59.999Z.
        guard interval >= 0, interval < 252_423_993_600 else { return date.formatted(style) }
        let seconds = interval.rounded(.down)
        let milliseconds = min(999, Int(((interval - seconds) * 1000).rounded(.down)))
        let whole = Int(seconds)
        let (days, secondOfDay) = whole.quotientAndRemainder(dividingBy: 86_400)
        // 2001-01-01 is day 11,323 after 1970-01-01.
        let (year, month, day) = ItalianDate.civil(daysSince1970: 11_323 + days)
        // `yyyy-MM-ddTHH:mm:ss.SSSZ`: each number written into its place of the template.
        var bytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            let text = raw.bindMemory(to: UInt8.self)
            for (index, byte) in "0000-00-00T00:00:00.000Z".utf8.enumerated() { text[index] = byte }
            func put(_ value: Int, at end: Int) {
                var (position, rest) = (end, value)
                repeat {
                    text[position] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                    position -= 1
                } while rest > 0
            }
            put(year, at: 3)
            put(month, at: 6)
            put(day, at: 9)
            put(secondOfDay / 3600, at: 12)
            put(secondOfDay / 60 % 60, at: 15)
            put(secondOfDay % 60, at: 18)
            put(milliseconds, at: 22)
            return String(decoding: UnsafeBufferPointer(rebasing: text[0..<24]), as: UTF8.self)
        }
    }

    static func date(_ text: String) -> Date? { try? Date(text, strategy: style) }
}
