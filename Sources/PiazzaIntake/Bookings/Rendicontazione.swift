import Foundation
import ItalianIdentifiers
import PiazzaContent

/// The rendicontazione of a calendar over a period (PRODUCT.md §7): what the activity delivered and
/// what it costs the comune, per resource (tutor, room, guide) and in total. The one place of these
/// figures, for the back-office page and its CSV.
///
/// The slots counted are those of the period (days in Rome, both ends included) that have started
/// by `now`. A slot is *held* when at least one of its confirmed bookings is marked present; its
/// length counts as hours delivered, and the cost is those hours at the calendar's `cost_per_hour`.
/// Attendance is counted in seats (children): the rate is the seats present over the seats marked
/// (present, absent or justified); bookings not marked yet are counted apart. A family is one
/// codice fiscale, or one name and contact without it; the children served are, for each family
/// that came, the most seats it brought to one slot.
struct Rendicontazione: Sendable, Hashable {
    /// The figures of one resource, or of the whole calendar.
    struct Figures: Sendable, Hashable {
        /// The resource's name; `Totale` for the calendar.
        var label: String
        var slotsHeld = 0
        /// Minutes of the slots held.
        var minutes = 0
        var seatsBooked = 0
        var present = 0
        var absent = 0
        var justified = 0
        var unmarked = 0
        var families = 0
        var children = 0
        /// `nil` when the calendar has no `cost_per_hour`.
        var costCents: Int?

        /// Seats present over seats marked, in tenths of a percent (`833` is 83,3 %); `nil` before any mark.
        var attendancePerMille: Int? {
            let marked = present + absent + justified
            return marked == 0 ? nil : (present * 1000 + marked / 2) / marked
        }

        /// Hours delivered as a decimal with a dot and at most two decimals (`1.5`, `0.33`).
        var hours: String {
            let hundredths = (minutes * 100 + 30) / 60
            let decimals = hundredths % 100
            if decimals == 0 { return String(hundredths / 100) }
            let text = decimals < 10 ? "0\(decimals)" : String(decimals)
            return "\(hundredths / 100)." + (text.hasSuffix("0") ? String(text.dropLast()) : text)
        }
    }

    var calendar: CalendarDefinition
    var from: ContentDate
    var until: ContentDate
    /// One per resource of the calendar, in the order of the file.
    var resources: [Figures]
    var total: Figures

    /// The slots of `calendar` a report from `from` to `until` counts at `now`.
    static func slots(of calendar: CalendarDefinition, from: ContentDate, until: ContentDate, now: Date) -> [Slot] {
        calendar.slots.filter { $0.date >= from && $0.date <= until && $0.startInstant <= now }
    }

    /// - Parameter bookings: the confirmed bookings of ``slots(of:from:until:now:)``.
    init(
        calendar: CalendarDefinition, from: ContentDate, until: ContentDate, now: Date, bookings: [BookingRecord]
    ) {
        self.calendar = calendar
        self.from = from
        self.until = until
        let slots = Self.slots(of: calendar, from: from, until: until, now: now)
        let bySlot = Dictionary(grouping: bookings, by: \.slotID)
        let counted = slots.map { (slot: $0, bookings: bySlot[$0.id] ?? []) }
        resources = calendar.resources.map { resource in
            Self.figures(
                resource.name, counted.filter { $0.slot.resource == resource.id }, costPerHour: calendar.costPerHour)
        }
        total = Self.figures("Totale", counted, costPerHour: calendar.costPerHour)
    }

    private static func figures(
        _ label: String, _ slots: [(slot: Slot, bookings: [BookingRecord])], costPerHour: Money?
    ) -> Figures {
        var figures = Figures(label: label)
        var childrenByFamily: [String: Int] = [:]
        for (slot, bookings) in slots {
            if bookings.contains(where: { $0.attendance == .present }) {
                figures.slotsHeld += 1
                figures.minutes += slot.minutes
            }
            for booking in bookings {
                figures.seatsBooked += booking.seats
                switch booking.attendance {
                case .present:
                    figures.present += booking.seats
                    let family = booking.fiscalCode ?? booking.name + "\n" + booking.contact
                    childrenByFamily[family] = max(childrenByFamily[family] ?? 0, booking.seats)
                case .absent: figures.absent += booking.seats
                case .justified: figures.justified += booking.seats
                case nil: figures.unmarked += booking.seats
                }
            }
        }
        figures.families = childrenByFamily.count
        figures.children = childrenByFamily.values.reduce(0, +)
        // Rounded to the cent once, over all the minutes, not slot by slot.
        figures.costCents = costPerHour.map { (figures.minutes * $0.cents + 30) / 60 }
        return figures
    }
}
