import Foundation
import PiazzaContent
import PiazzaRender

/// The dashboard's bookings panel (PRODUCT.md §8: booking occupancy, attendance): per calendar of
/// the portal, the current month in Rome.
extension DashboardPage {
    /// One calendar's month.
    struct CalendarMonth: Sendable, Hashable {
        var title: String
        /// The month's slots, past and to come.
        var slots: Int
        /// Their seats, and the confirmed seats booked in them.
        var capacity: Int
        var seatsBooked: Int
        /// The slots started so far (``Rendicontazione``'s total): held, and the attendance rate.
        var started: Rendicontazione.Figures

        /// Seats booked over capacity, in tenths of a percent; `nil` for a month without slots.
        var occupancyPerMille: Int? { Rendicontazione.perMille(seatsBooked, of: capacity) }

        /// The figures of `calendar` in the month of `now`.
        ///
        /// - Throws: GRDB's error when the read fails.
        static func read(_ calendar: CalendarDefinition, now: Date, database: PortalDatabase) async throws -> Self {
            let today = ContentDateTime.romeDay(of: now)
            let first = today.adding(days: 1 - today.day)
            let last = first.adding(days: ContentDate.numberOfDays(inMonth: first.month, year: first.year) - 1)
            let slots = calendar.slots.filter { $0.date >= first && $0.date <= last }
            let bookings = try await database.confirmedBookings(calendar: calendar.id, slots: Set(slots.map(\.id)))
            return CalendarMonth(
                title: calendar.title, slots: slots.count, capacity: slots.map(\.capacity).reduce(0, +),
                seatsBooked: bookings.map(\.seats).reduce(0, +),
                started: Rendicontazione(calendar: calendar, from: first, until: last, now: now, bookings: bookings)
                    .total)
        }
    }

    /// The panel of `months` (one per calendar), for the month of `now`.
    static func bookings(_ months: [CalendarMonth], now: Date) -> OperatorDashboardView.Section {
        let month = ContentDateTime.romeDay(of: now).italianMonth
        func percent(_ perMille: Int?) -> String {
            perMille.map { Rendicontazione.percent(perMille: $0).replacingOccurrences(of: ".", with: ",") + " %" }
                ?? "–"
        }
        let bars = months.map {
            OperatorDashboardView.Bar(
                label: $0.title, value: $0.occupancyPerMille ?? 0, valueText: percent($0.occupancyPerMille))
        }
        return .init(
            id: "prenotazioni", heading: "Prenotazioni e presenze",
            chartTitle: "Posti prenotati sulla capienza dei turni di \(month), per calendario",
            chartDescription: OperatorDashboardView.Section.describing(bars, none: "Nessun calendario."), bars: bars,
            table: .init(
                caption: "Turni di \(month) per calendario: occupazione dei posti e presenze dei turni già iniziati",
                headers: [
                    "Calendario", "Turni del mese", "Turni svolti", "Posti prenotati", "Capienza", "Occupazione",
                    "Tasso di presenza",
                ],
                rows: months.map {
                    [
                        $0.title, String($0.slots), String($0.started.slotsHeld), String($0.seatsBooked),
                        String($0.capacity), percent($0.occupancyPerMille), percent($0.started.attendancePerMille),
                    ]
                }))
    }
}
