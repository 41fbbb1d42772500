import Foundation
import Testing

@testable import PiazzaIntake

/// Stored instants are the text `Date.ISO8601FormatStyle(includingFractionalSeconds: true)` writes, byte for
/// byte: rows written before ``Timestamp/string(_:)`` was hand-written compare and sort with the rows after it.
@Suite("Timestamp")
struct TimestampTests {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    @Test("instants from 2001 to 9999, whole and fractional milliseconds, are written as Foundation writes them")
    func asFoundation() {
        // Edges (the reference date, leap days, the last instant written by hand and the first after it, before
        // 2001), whole milliseconds whose double is just below them (…370.123 is written .122), and a spread.
        var seconds: [Double] = [
            978_307_200, 978_307_199.999, 978_307_200.000_1, 951_782_400, 951_868_799.999, 1_709_164_800.5,
            1_764_627_370.123, 1_764_627_370.999_999_9, 253_402_300_799.999, 253_402_300_800, 0, -1.5,
        ]
        // 2001 to 2130, in steps that land on every millisecond and microsecond ending and every time of day.
        for step in 0..<20_000 {
            let millisecond = 978_307_200 + Double(step * 204_810_941_617 % 4_102_444_800_000) / 1000
            seconds += [millisecond, millisecond + Double(step % 1000) / 1_000_000]
        }
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)
            #expect(Timestamp.string(date) == date.formatted(Self.style), "\(value)")
        }
    }

    @Test("what is written reads back to the same millisecond")
    func roundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_764_627_370.5)
        #expect(Timestamp.string(date) == "2025-12-01T22:16:10.500Z")
        #expect(try #require(Timestamp.date(Timestamp.string(date))) == date)
    }
}
