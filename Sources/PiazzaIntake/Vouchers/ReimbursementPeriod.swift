import Foundation
import PiazzaContent

/// The days for which the comune reimburses the shops their vouchers at once (issue 19, item 4): from
/// ``firstDay`` to ``lastDay``, both included, Rome days (usually a month). A redemption belongs to the
/// period when its instant falls in ``startsAt`` ..< ``endsAt``.
struct ReimbursementPeriod: Sendable, Hashable {
    let firstDay: ContentDate
    let lastDay: ContentDate

    /// The longest period: a year and a day (a statement of a whole year, leap or not).
    static let longestDays = 366

    /// `nil` when `lastDay` is before `firstDay` or the period is longer than ``longestDays``.
    init?(firstDay: ContentDate, lastDay: ContentDate) {
        guard firstDay <= lastDay else { return nil }
        self.firstDay = firstDay
        self.lastDay = lastDay
        guard Self.calendar.dateComponents([.day], from: startsAt, to: endsAt).day ?? 0 <= Self.longestDays else {
            return nil
        }
    }

    /// The month (Rome) of `instant`: the default period of the back office's page.
    static func month(of instant: Date) -> ReimbursementPeriod {
        let day = ContentDateTime.romeDay(of: instant)
        let days = ContentDate.numberOfDays(inMonth: day.month, year: day.year)
        return ReimbursementPeriod(
            firstDay: try! ContentDate(year: day.year, month: day.month, day: 1),
            lastDay: try! ContentDate(year: day.year, month: day.month, day: days))!
    }

    /// The month (Rome) before the one of `instant`: the period the page shows first, the one to pay.
    static func previousMonth(of instant: Date) -> ReimbursementPeriod {
        month(of: month(of: instant).startsAt.addingTimeInterval(-1))
    }

    /// Midnight in Rome starting ``firstDay``.
    var startsAt: Date { ContentDateTime(date: firstDay, hour: 0, minute: 0).instant }

    /// Midnight in Rome ending ``lastDay`` (the start of the next day; 23 or 25 hours after the last
    /// midnight on the days the clocks change).
    var endsAt: Date {
        Self.calendar.date(byAdding: .day, value: 1, to: ContentDateTime(date: lastDay, hour: 0, minute: 0).instant)!
    }

    /// `01/11/2026 – 30/11/2026`, for people.
    var label: String { "\(firstDay.italian) – \(lastDay.italian)" }

    /// `2026-11-01/2026-11-30`: ISO 8601's interval of dates, for the remittance information and file names.
    var iso: String { "\(firstDay.iso)/\(lastDay.iso)" }

    /// `20261101-20261130`: the period in identifiers and file names (no `/`).
    var compact: String {
        firstDay.iso.replacingOccurrences(of: "-", with: "") + "-" + lastDay.iso.replacingOccurrences(of: "-", with: "")
    }

    /// Whether the two periods share a day.
    func overlaps(_ other: ReimbursementPeriod) -> Bool { firstDay <= other.lastDay && other.firstDay <= lastDay }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ContentDateTime.rome
        return calendar
    }()
}
