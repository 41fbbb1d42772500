import Foundation
import PiazzaContent

extension PortalRenderer {
    /// How far ahead a calendar page lists slots, from the day it is built: the page stays short and
    /// each rebuild (daily) moves the window on.
    public static let calendarWeeksShown = 8

    /// The slots a calendar page lists at `now`: those not started yet, up to ``calendarWeeksShown``
    /// weeks ahead, whose booking has not closed. The one rule for the page and its JSON-LD.
    public func listedSlots(of calendar: CalendarDefinition) -> [Slot] {
        let last = ContentDateTime.romeDay(of: now).adding(days: Self.calendarWeeksShown * 7)
        return calendar.slots.filter { slot in
            slot.date <= last && calendar.bookingState(of: slot, at: now) != .closed
        }
    }

    /// The published page of a calendar (`prenotazioni/<id>/`): its slots grouped by week (Monday to
    /// Sunday), the seats of each at build time, and a plain booking form per slot open for booking.
    public func renderCalendarPage(_ calendar: CalendarDefinition) throws(ThemeError) -> String {
        let links = PageLinks.relative(to: Portal.calendarURL(id: calendar.id))
        var base = baseContext(
            title: calendar.title, description: calendar.description, links: links, layout: "calendar",
            breadcrumb: [("Home", ""), ("Servizi", "servizi/")], section: "servizi")
        let slots = listedSlots(of: calendar)
        base["jsonLD"] = slots.isEmpty ? false : JSONLD.events(calendar, slots: slots, portal: portal)
        let privacyURL = links.url(Page.url(forID: "privacy.md"))
        var weeks: [[String: Any]] = []
        var currentWeek: ContentDate?
        for slot in slots {
            let monday = slot.date.adding(days: 1 - slot.weekday.rawValue)
            if monday != currentWeek {
                currentWeek = monday
                let sunday = monday.adding(days: 6)
                weeks.append([
                    "id": "settimana-\(monday.iso)",
                    "title": "Settimana dal \(monday.day) \(Self.monthName(monday)) al \(sunday.longItalian)",
                    "slots": [[String: Any]](),
                ])
            }
            var week = weeks.removeLast()
            week["slots"] = (week["slots"] as! [[String: Any]]) + [slotContext(slot, calendar, privacyURL: privacyURL)]
            weeks.append(week)
        }
        var form: Any = false
        if case .acceptedApplication(let id, _) = calendar.eligibility, let definition = portal.form(id: id) {
            form = ["title": definition.title, "url": links.url(Portal.formURL(id: id))]
        }
        let party = calendar.partySize
        let context: [String: Any] = [
            "description": calendar.description,
            "availabilityURL": portal.availabilityURL(for: calendar),
            "weeks": weeks,
            "isEmpty": weeks.isEmpty,
            "weeksShown": Self.calendarWeeksShown,
            "requiresForm": form,
            "seatsText": party.lowerBound == party.upperBound
                ? "Ogni prenotazione è per \(Self.seats(party.lowerBound))."
                : "Ogni prenotazione è da \(party.lowerBound) a \(Self.seats(party.upperBound)).",
            "windowText": "Si prenota da \(Self.days(calendar.opensDaysBefore)) prima"
                + (calendar.closesHoursBefore == 0
                    ? " fino all'inizio." : " fino a \(Self.hours(calendar.closesHoursBefore)) prima dell'inizio."),
            "cancelText": calendar.cancelHoursBefore == 0
                ? "Puoi annullare la prenotazione fino all'inizio."
                : "Puoi annullare la prenotazione fino a \(Self.hours(calendar.cancelHoursBefore)) prima dell'inizio.",
        ]
        return try render("calendar", base: base, ["calendar": context])
    }

    private func slotContext(_ slot: Slot, _ calendar: CalendarDefinition, privacyURL: String) -> [String: Any] {
        let resource = calendar.resource(id: slot.resource)
        let htmlID = slot.htmlID
        let state = calendar.bookingState(of: slot, at: now)
        let party = calendar.partySize
        let opens = ContentDateTime(date: slot.date.adding(days: -calendar.opensDaysBefore), hour: 0, minute: 0)
        return [
            "id": slot.id,
            "htmlID": htmlID,
            "dayText": "\(slot.weekday.name) \(slot.date.longItalian)",
            "startText": slot.start.description,
            "endText": slot.end.description,
            "startISO": slot.startTime.iso,
            "resourceName": resource?.name ?? slot.resource,
            "place": resource?.place ?? false,
            "capacity": String(slot.capacity),
            "isOpen": state == .open,
            "opensText": opens.date.longItalian,
            "action": portal.bookingAction(for: calendar, slot: slot),
            "hasPartyChoice": party.count > 1,
            "partyOptions": party.map { ["value": String($0)] },
            "partyFixed": party.count > 1 ? false : String(party.lowerBound),
            "requiresForm": calendar.eligibility != .open,
            "privacyURL": privacyURL,
        ]
    }

    private static func monthName(_ date: ContentDate) -> String {
        String(date.longItalian.split(separator: " ")[1])
    }

    private static func seats(_ count: Int) -> String { count == 1 ? "1 posto" : "\(count) posti" }
    private static func days(_ count: Int) -> String { count == 1 ? "1 giorno" : "\(count) giorni" }
    private static func hours(_ count: Int) -> String { count == 1 ? "1 ora" : "\(count) ore" }
}
