import Foundation
import ItalianIdentifiers

/// A booking calendar, from `calendars/<id>.yaml`: resources, weekly slots and their exceptions,
/// seats, and the rules of booking. See docs/CALENDARS.md.
public struct CalendarDefinition: Sendable, Hashable, Identifiable {
    /// Who may book the calendar's slots.
    public enum Eligibility: Sendable, Hashable {
        /// Anyone.
        case open
        /// Holders of an accepted application to this form (checked by numero pratica and codice fiscale).
        case acceptedApplication(form: String, location: SourceLocation)
    }

    /// The file name without `.yaml`; part of the booking URL.
    public var id: String
    /// Path relative to the content root.
    public var source: String
    public var title: String
    public var description: String
    /// Schema.org `EducationEvent` for lessons, `Event` otherwise.
    public var isEducation: Bool
    public var resources: [CalendarResource]
    public var recurrences: [Recurrence]
    public var extraSlots: [ExtraSlot]
    public var closures: [Closure]
    /// Seats of a slot, unless its resource says otherwise.
    public var capacity: Int
    /// How many seats one booking may take (a family books 1–3 children).
    public var partySize: ClosedRange<Int>
    /// Bookings open at 00:00 in Rome this many days before the slot's day.
    public var opensDaysBefore: Int
    /// Bookings close this many hours before the slot starts.
    public var closesHoursBefore: Int
    /// A booking may be cancelled until this many hours before the slot starts.
    public var cancelHoursBefore: Int
    /// Whether a full slot offers to join a waiting list.
    public var waitlist: Bool
    public var eligibility: Eligibility
    /// What an hour of a slot costs the comune, for the report.
    public var costPerHour: Money?
    /// Months after a slot's end from which the daemon blanks the name, contact and codice fiscale of its
    /// bookings not tied to an application (`retention_months`; a booking with a numero pratica follows
    /// its case's retention). The seats, state and attendance stay for the rendicontazione.
    public var retentionMonths = Self.defaultRetentionMonths

    /// `retention_months` when the file does not say: the rendicontazione of a year is made in the
    /// next one, and counts and attendance are kept without names; beyond that a family's name and
    /// phone serve no purpose of the booking (GDPR art. 5(1)(e), research/domain.md §3.8).
    public static let defaultRetentionMonths = 12
    /// Every slot, expanded from the rules at load time, in start order.
    public internal(set) var slots: [Slot]

    /// A resource by id.
    public func resource(id: String) -> CalendarResource? { resources.first { $0.id == id } }

    /// A slot by id.
    public func slot(id: String) -> Slot? { slots.first { $0.id == id } }

    /// Where booking a slot stands at an instant.
    public enum BookingState: Sendable, Hashable {
        case notYetOpen, open, closed
    }

    /// The instant bookings for `slot` open: 00:00 in Rome ``opensDaysBefore`` days before its day.
    public func bookingOpens(for slot: Slot) -> Date {
        ContentDateTime(date: slot.date.adding(days: -opensDaysBefore), hour: 0, minute: 0).instant
    }

    /// The instant bookings for `slot` close: ``closesHoursBefore`` hours before it starts.
    public func bookingCloses(for slot: Slot) -> Date {
        slot.startInstant.addingTimeInterval(-Double(closesHoursBefore) * 3600)
    }

    /// The last instant a booking of `slot` may be cancelled.
    public func cancelDeadline(for slot: Slot) -> Date {
        slot.startInstant.addingTimeInterval(-Double(cancelHoursBefore) * 3600)
    }

    /// Whether `slot` can be booked at `instant`; the one rule for the page and the daemon.
    public func bookingState(of slot: Slot, at instant: Date) -> BookingState {
        if instant < bookingOpens(for: slot) { return .notYetOpen }
        if instant >= bookingCloses(for: slot) { return .closed }
        return .open
    }
}
