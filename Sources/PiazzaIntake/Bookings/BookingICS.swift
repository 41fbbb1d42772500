import Foundation
import PiazzaContent

/// A booking as an iCalendar file (RFC 5545), for the family's own calendar app, and the one
/// place of the iCalendar rules piazza writes by (``file(_:header:)``), which the resources' feeds
/// (``ResourceFeed``) use too.
///
/// One `VEVENT` whose start and end are the slot's UTC instants (`DTSTART:20261203T140000Z`), so
/// every app shows them in its own time zone without a `VTIMEZONE`; a cancelled booking is
/// `STATUS:CANCELLED`, a waiting one `TENTATIVE`. Text values are escaped (RFC 5545 §3.3.11), lines end in CRLF and are
/// folded at 75 octets without splitting a UTF-8 character (§3.1).
enum BookingICS {
    /// The file for `booking` in `slot` of `calendar`.
    ///
    /// - Parameter host: the daemon's host name (``host(of:)``), for the event's globally unique `UID`.
    static func document(
        _ booking: BookingRecord, calendar: CalendarDefinition, slot: Slot, host: String, now: Date
    ) -> String {
        let resource = calendar.resource(id: slot.resource)
        var event = [
            "UID:\(booking.token)@\(host)", "DTSTAMP:\(utc(now))", "DTSTART:\(utc(slot.startInstant))",
            "DTEND:\(utc(slot.endInstant))", "SUMMARY:\(text(calendar.title))",
            "DESCRIPTION:\(text(([resource?.name ?? slot.resource, "Posti: \(booking.seats)"]).joined(separator: "\n")))",
            "STATUS:\(status(booking.state))",
        ]
        if let place = resource?.place { event.append("LOCATION:\(text(place))") }
        return file([event])
    }

    /// A whole iCalendar object: `VCALENDAR` with its version and product, the `header` properties,
    /// then one `VEVENT` per entry of `events` (its content lines, escaped already), every line
    /// folded (``folded(_:)``) and ended by CRLF.
    static func file(_ events: [[String]], header: [String] = []) -> String {
        let lines =
            ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//piazza//prenotazioni//IT", "CALSCALE:GREGORIAN"] + header
            + events.flatMap { ["BEGIN:VEVENT"] + $0 + ["END:VEVENT"] } + ["END:VCALENDAR"]
        return lines.map(folded).joined(separator: "\r\n") + "\r\n"
    }

    /// The host name of `portal`'s daemon (its `intake_url`), which makes events' `UID`s globally unique.
    static func host(of portal: Portal) -> String {
        URL(string: portal.config.intakeURL)?.host ?? "piazza"
    }

    /// The event's `STATUS` (RFC 5545 §3.8.1.11): a waiting booking is `TENTATIVE`.
    static func status(_ state: BookingState) -> String {
        switch state {
        case .confirmed: "CONFIRMED"
        case .waiting: "TENTATIVE"
        case .cancelled: "CANCELLED"
        }
    }

    /// `20261203T140000Z`.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
            parts.second!)
    }

    /// A TEXT value: `\`, `;` and `,` escaped with a backslash, line breaks as `\n`.
    static func text(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\", ";", ",": escaped += "\\\(character)"
            case "\n", "\r\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A content line cut into lines of at most 75 octets, each continuation starting with a space.
    static func folded(_ line: String) -> String {
        var result = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(scalar)
            octets += size
        }
        return result
    }
}
