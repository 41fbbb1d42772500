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
/// (present, absent or justified); bookings not marked yet are counted apart. A family is
/// ``family(of:)``; the children served are, for each enrolment that came (``enrolment(of:)``: a
/// family enrols each child with an application, or several children with one), the most seats it
/// brought to one slot, summed over the family's enrolments.
///
/// The same figures are broken down three ways (issue 15: hours per tutor, per family, per month):
/// per resource, per month of the period (Rome's calendar months, each cut to the period), and per
/// family, where a family's slots held are the slots it came to and its hours are theirs.
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
        var attendancePerMille: Int? { Rendicontazione.perMille(present, of: present + absent + justified) }

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
    /// One per calendar month the period touches, in order, labelled `maggio 2026`; months without
    /// slots are there with zeros.
    var months: [Figures]
    /// One per family with a confirmed booking in the slots counted, labelled by ``familyLabels(_:)``,
    /// in the order of their labels. Their ``Figures/costCents`` is `nil`: a slot's cost is the
    /// comune's whoever comes, and is not shared out.
    var families: [Figures]
    var total: Figures

    /// `part` over `whole` in tenths of a percent, rounded half up (`833` is 83,3 %); `nil` when `whole` is 0.
    static func perMille(_ part: Int, of whole: Int) -> Int? {
        whole == 0 ? nil : (part * 1000 + whole / 2) / whole
    }

    /// Tenths of a percent as a percent with one decimal and a dot: `833` is `83.3`.
    static func percent(perMille: Int) -> String { "\(perMille / 10).\(perMille % 10)" }

    /// The period shown when none is asked: from the first of the month of `today` to `today`.
    static func defaultPeriod(today: ContentDate) -> (from: ContentDate, until: ContentDate) {
        (today.adding(days: 1 - today.day), today)
    }

    /// The report of `calendar` from `from` to `until` at `now`, with the bookings read from `database`.
    ///
    /// - Throws: GRDB's error when the read fails.
    static func read(
        _ calendar: CalendarDefinition, from: ContentDate, until: ContentDate, now: Date, database: PortalDatabase
    ) async throws -> Rendicontazione {
        let slots = slots(of: calendar, from: from, until: until, now: now)
        let bookings = try await database.confirmedBookings(calendar: calendar.id, slots: Set(slots.map(\.id)))
        return Rendicontazione(calendar: calendar, from: from, until: until, now: now, bookings: bookings)
    }

    /// What identifies a family across bookings: its codice fiscale when it gave one, else its name
    /// and contact together, as typed.
    ///
    /// The codice fiscale is the applicant's of the accepted application a calendar with
    /// `requires_form` checks, so it holds across the names a parent may type and across the
    /// applications of one parent (one per child); open calendars ask only a name and a contact, and
    /// those two together are the rule that refuses the same family twice in a slot
    /// (``PortalDatabase/storeBooking(_:capacity:orWait:)``). A family that types its name another
    /// way on an open calendar counts as two.
    static func family(of booking: BookingRecord) -> String {
        booking.fiscalCode.map { "cf:" + $0 } ?? "nome:" + booking.name + "\n" + booking.contact
    }

    /// What identifies the children of one booking across slots: the accepted application it names
    /// (its seats are at most the children that application enrols), else the family.
    static func enrolment(of booking: BookingRecord) -> String {
        booking.applicationNumber.map { "pratica:" + $0 } ?? family(of: booking)
    }

    /// What the report shows of each family, by ``family(of:)``: the name of its first booking in
    /// `bookings`, and
    /// only when another family has that name too, its contact after it (`Famiglia Rossi (049 1234567)`),
    /// so that the two rows can be told apart. Never the codice fiscale.
    static func familyLabels(_ bookings: [BookingRecord]) -> [String: String] {
        var first: [String: BookingRecord] = [:]
        for booking in bookings where first[family(of: booking)] == nil { first[family(of: booking)] = booking }
        let families = Dictionary(grouping: first.values, by: \.name)
        return first.mapValues { families[$0.name]!.count > 1 ? "\($0.name) (\($0.contact))" : $0.name }
    }

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
        months = Self.months(from: from, until: until).map { month in
            Self.figures(
                month.italianMonth,
                counted.filter { $0.slot.date.year == month.year && $0.slot.date.month == month.month },
                costPerHour: calendar.costPerHour)
        }
        let counts = counted.flatMap(\.bookings)
        families = Self.familyLabels(counts).map { family, label in
            Self.figures(
                label,
                counted.map { ($0.slot, $0.bookings.filter { Self.family(of: $0) == family }) }.filter {
                    !$0.bookings.isEmpty
                }, costPerHour: nil)
        }
        .sorted { ($0.label.lowercased(), $0.label) < ($1.label.lowercased(), $1.label) }
        total = Self.figures("Totale", counted, costPerHour: calendar.costPerHour)
    }

    /// The first day of each month from the one of `from` to the one of `until`.
    static func months(from: ContentDate, until: ContentDate) -> [ContentDate] {
        var months: [ContentDate] = []
        var month = from.adding(days: 1 - from.day)
        while month <= until {
            months.append(month)
            month = month.adding(days: ContentDate.numberOfDays(inMonth: month.month, year: month.year))
        }
        return months
    }

    private static func figures(
        _ label: String, _ slots: [(slot: Slot, bookings: [BookingRecord])], costPerHour: Money?
    ) -> Figures {
        var figures = Figures(label: label)
        var families: Set<String> = []
        var childrenByEnrolment: [String: Int] = [:]
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
                    families.insert(Self.family(of: booking))
                    let enrolment = Self.enrolment(of: booking)
                    childrenByEnrolment[enrolment] = max(childrenByEnrolment[enrolment] ?? 0, booking.seats)
                case .absent: figures.absent += booking.seats
                case .justified: figures.justified += booking.seats
                case nil: figures.unmarked += booking.seats
                }
            }
        }
        figures.families = families.count
        figures.children = childrenByEnrolment.values.reduce(0, +)
        // Rounded to the cent once, over all the minutes, not slot by slot.
        figures.costCents = costPerHour.map { (figures.minutes * $0.cents + 30) / 60 }
        return figures
    }
}
