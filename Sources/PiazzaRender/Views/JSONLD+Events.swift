import Foundation
import PiazzaContent

extension JSONLD {
    /// A calendar's listed slots as schema.org `EducationEvent` (lessons) or `Event`, in one `@graph`,
    /// each with its place, `maximumAttendeeCapacity` and `remainingAttendeeCapacity` at build time.
    static func events(_ calendar: CalendarDefinition, slots: [Slot], portal: Portal) -> String {
        let config = portal.config
        let page = config.baseURL + "/" + Portal.calendarURL(id: calendar.id)
        let organizer: [String: Any] = [
            "@type": "GovernmentOrganization",
            "name": config.comuni.map { "Comune di \($0.name)" }.joined(separator: ", "),
        ]
        let events: [Any] = slots.map { slot in
            let resource = calendar.resource(id: slot.resource)
            var event: [String: Any] = [
                "@type": calendar.isEducation ? "EducationEvent" : "Event",
                "@id": page + "#turno-" + slot.id.replacingOccurrences(of: ":", with: "-"),
                "name": calendar.title + " – " + (resource?.name ?? slot.resource),
                "description": calendar.description,
                "startDate": slot.startTime.iso,
                "endDate": slot.endTime.iso,
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "eventStatus": "https://schema.org/EventScheduled",
                "maximumAttendeeCapacity": slot.capacity,
                "remainingAttendeeCapacity": slot.capacity,
                "organizer": organizer,
                "url": page,
            ]
            if let place = resource?.place { event["location"] = ["@type": "Place", "name": place] }
            return event
        }
        return encode(["@context": "https://schema.org", "@graph": events])
    }
}
