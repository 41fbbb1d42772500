import Foundation
import PiazzaContent

/// The iCalendar feed of one resource of a calendar (a tutor, a room, a guide): its slots that
/// have not ended, for the tutor's or the room's calendar app to subscribe to (issue 15).
///
/// The feed is public (a calendar app subscribes without a login), so it says only what the static
/// calendar page says, plus the seats booked: no name, contact or codice fiscale of any family.
/// Each slot is one `VEVENT` with a `UID` stable across requests (portal, calendar and slot id: an
/// app updates the event instead of adding one), the slot's UTC instants, and the seats booked in
/// its summary. The rules of the format are ``BookingICS``'s.
enum ResourceFeed {
    /// The feed of `resource` of `calendar` at `now`.
    ///
    /// - Parameters:
    ///   - seatsTaken: confirmed seats per slot id (``PortalDatabase/seatsTaken(calendar:)``).
    ///   - host: the daemon's host name (``BookingICS/host(of:)``).
    static func document(
        calendar: CalendarDefinition, resource: CalendarResource, portal: String, seatsTaken: [String: Int],
        host: String, now: Date
    ) -> String {
        let name = BookingICS.text("\(calendar.title) – \(resource.name)")
        let stamp = BookingICS.utc(now)
        let events = calendar.slots.filter { $0.resource == resource.id && $0.endInstant > now }.map { slot in
            let booked = seatsTaken[slot.id] ?? 0
            var event = [
                "UID:\(portal)-\(calendar.id)-\(slot.id)@\(host)", "DTSTAMP:\(stamp)",
                "DTSTART:\(BookingICS.utc(slot.startInstant))", "DTEND:\(BookingICS.utc(slot.endInstant))",
                "SUMMARY:" + BookingICS.text("\(calendar.title): \(booked) su \(slot.capacity) posti prenotati"),
                "DESCRIPTION:" + BookingICS.text("\(resource.name)\nPosti prenotati: \(booked) su \(slot.capacity)"),
                "STATUS:CONFIRMED",
            ]
            if let place = resource.place { event.append("LOCATION:" + BookingICS.text(place)) }
            return event
        }
        // NAME and REFRESH-INTERVAL are RFC 7986's; X-WR-CALNAME is what most apps still read.
        return BookingICS.file(
            events, header: ["NAME:\(name)", "X-WR-CALNAME:\(name)", "REFRESH-INTERVAL;VALUE=DURATION:PT1H"])
    }
}
