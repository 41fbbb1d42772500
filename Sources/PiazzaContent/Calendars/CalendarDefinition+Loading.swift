import Foundation
import ItalianIdentifiers

extension CalendarDefinition {
    /// The longest date range of one weekly rule: a school year with room to spare. Keeps expansion bounded.
    public static let longestRangeDays = 400

    /// Reads and checks a calendar file and expands its slots; problems go to `sink`.
    static func load(id: String, source: String, text: String, sink: DiagnosticSink) -> CalendarDefinition? {
        let empty =
            "the calendar file is empty (or only comments); write the calendar, starting with `title: ...` (see docs/CALENDARS.md)"
        guard let node = YAMLSource(file: source, lineOffset: 0).parse(text, into: sink, ifEmpty: empty),
            let reader = YAMLReader(node, file: source, lineOffset: 0, context: "calendar", sink: sink)
        else { return nil }
        let title = reader.string("title", required: true, hint: "Pomeriggi con il tutor")
        let description = reader.string("description", required: true, hint: "what is booked, in one sentence")
        let isEducation = reader.bool("education") ?? false
        let capacity = reader.int("capacity", required: true, range: 1...10_000)
        let party = readPartySize(reader, capacity: capacity ?? 1)
        let window = reader.mapping("booking_window", context: "`booking_window` of the calendar")
        let opensDaysBefore = window?.int("opens_days_before", range: 0...366) ?? 30
        let closesHoursBefore = window?.int("closes_hours_before", range: 0...720) ?? 0
        window?.finish()
        let cancelHoursBefore = reader.int("cancel_hours_before", range: 0...720) ?? closesHoursBefore
        let waitlist = reader.bool("waitlist") ?? false
        var eligibility = Eligibility.open
        if let form = reader.string("requires_form"), let place = reader.location(ofKey: "requires_form") {
            eligibility = .acceptedApplication(form: form, location: place)
        }
        let costPerHour = reader.amount("cost_per_hour")
        let retentionMonths = reader.int("retention_months", range: 1...120)
        let resources = readResources(reader)
        let known = Set(resources.map(\.id))
        let ruleNodes = reader.sequence("slots") ?? []
        let extraNodes = reader.sequence("extra_slots") ?? []
        let recurrences = ruleNodes.compactMap { readRecurrence($0, parent: reader, known) }
        let extras = extraNodes.compactMap { readExtra($0, parent: reader, known) }
        let closures = (reader.sequence("closures") ?? []).compactMap { readClosure($0, parent: reader, known) }
        if ruleNodes.isEmpty && extraNodes.isEmpty {
            reader.error("the calendar has no slots; add `slots:` (weekly) or `extra_slots:` (single days)")
        }
        reader.finish()
        guard let title, let description, let capacity, !resources.isEmpty else { return nil }
        var calendar = CalendarDefinition(
            id: id, source: source, title: title, description: description, isEducation: isEducation,
            resources: resources, recurrences: recurrences, extraSlots: extras, closures: closures,
            capacity: capacity, partySize: party, opensDaysBefore: opensDaysBefore,
            closesHoursBefore: closesHoursBefore, cancelHoursBefore: cancelHoursBefore, waitlist: waitlist,
            eligibility: eligibility, costPerHour: costPerHour, slots: [])
        calendar.retentionMonths = retentionMonths ?? defaultRetentionMonths
        calendar.slots = calendar.expandSlots(sink: sink)
        return calendar
    }

    private static func readPartySize(_ reader: YAMLReader, capacity: Int) -> ClosedRange<Int> {
        guard let nested = reader.mapping("party_size", context: "`party_size` of the calendar") else { return 1...1 }
        let low = nested.int("min", range: 1...10_000) ?? 1
        let high = nested.int("max", range: 1...10_000) ?? low
        nested.finish()
        guard low <= high else {
            nested.error("`party_size` has `min` (\(low)) above `max` (\(high)); swap them")
            return 1...1
        }
        if high > capacity, let node = nested.node("max") {
            nested.error(
                at: node, "`max` of `party_size` (\(high)) is more than the `capacity` of a slot (\(capacity))")
        }
        return low...high
    }

    private static func readResources(_ reader: YAMLReader) -> [CalendarResource] {
        var resources: [CalendarResource] = []
        for item in reader.sequence("resources", required: true) ?? [] {
            guard let nested = reader.reader(for: item, context: "a resource") else { continue }
            let id = nested.string("id", required: true, hint: "tutor-anna")
            let name = nested.string("name", required: true, hint: "what citizens read, e.g. Anna, tutor")
            let place = nested.string("place")
            let capacity = nested.int("capacity", range: 1...10_000)
            let account = nested.string("account")
            nested.finish()
            guard let id, let name else { continue }
            if let account, account.range(of: "^[a-z0-9][a-z0-9._-]{0,63}$", options: .regularExpression) == nil {
                nested.error(
                    at: nested.node("account")!,
                    "account '\(account)' is not a back-office user name; write the name given to `piazza user add` "
                        + "(lowercase letters, digits, '.', '_' or '-', e.g. anna.rossi)")
                continue
            }
            if id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) == nil {
                nested.error(at: nested.node("id")!, "resource id '\(id)' must use only a-z, 0-9 and -")
                continue
            }
            if resources.contains(where: { $0.id == id }) {
                nested.error(at: nested.node("id")!, "resource id '\(id)' is used twice; rename one")
                continue
            }
            resources.append(CalendarResource(id: id, name: name, place: place, capacity: capacity, account: account))
        }
        if let node = reader.node("resources"), node.sequence?.isEmpty == true {
            reader.error(at: node, "`resources` needs at least one resource (a tutor, a room, a guide)")
        }
        return resources
    }

    /// The `resource:` of a slot rule, extra slot or closure; an error when it is not declared in `resources`.
    private static func readResourceID(_ reader: YAMLReader, _ known: Set<String>, required: Bool) -> String?? {
        guard let id = reader.string("resource", required: required, hint: "the id of a resource") else {
            return required ? nil : .some(nil)
        }
        guard known.contains(id) else {
            reader.error(
                at: reader.node("resource")!,
                "resource '\(id)' is not declared in `resources`; declared: \(known.sorted().joined(separator: ", "))")
            return nil
        }
        return .some(id)
    }

    /// `start` and `end` of a slot: `HH:MM`, outside the hour daylight saving time skips or repeats, end after start.
    private static func readTimes(_ reader: YAMLReader) -> (ClockTime, ClockTime)? {
        func time(_ key: String) -> ClockTime? {
            guard let text = reader.string(key, required: true, hint: "HH:MM") else { return nil }
            let node = reader.node(key)!
            guard let time = ClockTime(text) else {
                reader.error(
                    at: node, "`\(key)` in \(reader.context) is '\(text)', not a time; write HH:MM, e.g. 15:00")
                return nil
            }
            if time.isInDaylightSavingChangeHour {
                reader.error(
                    at: node,
                    "`\(key)` \(text) is in the hour Rome's clock skips or repeats when daylight saving time changes (02:00-02:59); choose another time"
                )
                return nil
            }
            return time
        }
        let start = time("start")
        let end = time("end")
        guard let start, let end else { return nil }
        guard start < end else {
            reader.error(
                at: reader.node("end")!, "`end` (\(end)) is not after `start` (\(start)); a slot ends on its day")
            return nil
        }
        return (start, end)
    }

    /// `from` and `until`, both included, at most ``longestRangeDays`` apart; `date` alone when `single`.
    private static func readRange(_ reader: YAMLReader, allowSingleDate: Bool) -> (ContentDate, ContentDate)? {
        if allowSingleDate, reader.keyNode("date") != nil {
            guard let date = reader.date("date") else { return nil }
            return (date, date)
        }
        let from = reader.date("from", required: true)
        let until = reader.date("until", required: true)
        guard let from, let until else { return nil }
        guard from <= until else {
            reader.error(at: reader.node("until")!, "`until` (\(until.iso)) is before `from` (\(from.iso)); swap them")
            return nil
        }
        if until.daysSince1970 - from.daysSince1970 > longestRangeDays {
            reader.error(
                at: reader.node("until")!,
                "`from` to `until` spans more than \(longestRangeDays) days; write one rule per school year")
            return nil
        }
        return (from, until)
    }

    private static func readRecurrence(_ node: YAMLNode, parent: YAMLReader, _ known: Set<String>) -> Recurrence? {
        guard let reader = parent.reader(for: node, context: "a slot rule") else { return nil }
        defer { reader.finish() }
        let resource = readResourceID(reader, known, required: true)
        var weekdays = Set<Weekday>()
        for name in reader.strings("weekdays", required: true) ?? [] {
            guard let day = Weekday(name: name) else {
                let list = reader.node("weekdays")!
                reader.error(
                    at: list.sequence?.first { $0.scalar?.string == name } ?? list,
                    "'\(name)' is not a day of the week; use: \(Weekday.allCases.map(\.name).joined(separator: ", "))")
                continue
            }
            weekdays.insert(day)
        }
        let times = readTimes(reader)
        let range = readRange(reader, allowSingleDate: false)
        guard let resource = resource ?? nil, let times, let range, !weekdays.isEmpty else { return nil }
        return Recurrence(
            resource: resource, weekdays: weekdays, start: times.0, end: times.1, from: range.0, until: range.1,
            location: reader.location(of: node))
    }

    private static func readExtra(_ node: YAMLNode, parent: YAMLReader, _ known: Set<String>) -> ExtraSlot? {
        guard let reader = parent.reader(for: node, context: "an extra slot") else { return nil }
        defer { reader.finish() }
        let resource = readResourceID(reader, known, required: true)
        let date = reader.date("date", required: true)
        let times = readTimes(reader)
        guard let resource = resource ?? nil, let date, let times else { return nil }
        return ExtraSlot(
            resource: resource, date: date, start: times.0, end: times.1, location: reader.location(of: node))
    }

    private static func readClosure(_ node: YAMLNode, parent: YAMLReader, _ known: Set<String>) -> Closure? {
        guard let reader = parent.reader(for: node, context: "a closure") else { return nil }
        defer { reader.finish() }
        let resource = readResourceID(reader, known, required: false)
        let reason = reader.string("reason")
        let range = readRange(reader, allowSingleDate: true)
        guard let resource, let range else { return nil }
        return Closure(from: range.0, until: range.1, resource: resource, reason: reason)
    }
}
