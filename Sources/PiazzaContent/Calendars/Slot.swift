import Foundation

/// One bookable occurrence of a calendar: a resource, a day, a start and an end.
public struct Slot: Sendable, Hashable, Identifiable, Comparable {
    /// Stable and readable: the day and start time in Rome and the resource, `2026-12-03T15:00-tutor-anna`.
    /// The same content always gives the same ids, so a booking's slot survives rebuilds.
    public var id: String
    public var resource: String
    /// The day in Rome.
    public var date: ContentDate
    /// Wall-clock times in Rome.
    public var start: ClockTime
    public var end: ClockTime
    /// The instants (UTC) the wall-clock times stand for on that day.
    public var startInstant: Date
    public var endInstant: Date
    /// Seats.
    public var capacity: Int

    /// The id of the slot of `resource` starting at `start` on `date`.
    public static func id(date: ContentDate, start: ClockTime, resource: String) -> String {
        "\(date.iso)T\(start)-\(resource)"
    }

    /// Builds the slot; the instants come from Europe/Rome's rules for that day.
    init(resource: String, date: ContentDate, start: ClockTime, end: ClockTime, capacity: Int) {
        self.id = Self.id(date: date, start: start, resource: resource)
        self.resource = resource
        self.date = date
        self.start = start
        self.end = end
        self.startInstant = ContentDateTime(date: date, hour: start.hour, minute: start.minute).instant
        self.endInstant = ContentDateTime(date: date, hour: end.hour, minute: end.minute).instant
        self.capacity = capacity
    }

    /// Length in minutes.
    public var minutes: Int { Int(endInstant.timeIntervalSince(startInstant) / 60) }

    /// By start, then resource.
    public static func < (lhs: Slot, rhs: Slot) -> Bool {
        (lhs.startInstant, lhs.resource) < (rhs.startInstant, rhs.resource)
    }
}

extension Slot {
    /// The start as a Rome date and time (`2026-12-03T15:00:00+01:00` in ``ContentDateTime/iso``).
    public var startTime: ContentDateTime { ContentDateTime(date: date, hour: start.hour, minute: start.minute) }

    /// The end as a Rome date and time.
    public var endTime: ContentDateTime { ContentDateTime(date: date, hour: end.hour, minute: end.minute) }

    /// The slot's day of the week.
    public var weekday: Weekday { Weekday(of: date) }

    /// The `id` of the slot's article on the calendar page (`turno-2026-12-03T15-00-tutor-anna`), for links to it.
    public var htmlID: String { "turno-" + id.replacingOccurrences(of: ":", with: "-") }
}
