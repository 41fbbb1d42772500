extension CalendarDefinition {
    /// Every slot of the calendar: each weekly rule on its weekdays from `from` to `until`, minus the days a
    /// closure covers for its resource, plus the extra slots (which closures do not remove: an extra slot is
    /// written on purpose). Two slots of one resource that overlap are an error at the rule written later,
    /// and only the first is kept.
    func expandSlots(sink: DiagnosticSink) -> [Slot] {
        var candidates: [(slot: Slot, location: SourceLocation)] = []
        for rule in recurrences {
            let capacity = resource(id: rule.resource)?.capacity ?? capacity
            var day = rule.from
            while day <= rule.until {
                if rule.weekdays.contains(Weekday(of: day)),
                    !closures.contains(where: { $0.covers(day, resource: rule.resource) })
                {
                    let slot = Slot(
                        resource: rule.resource, date: day, start: rule.start, end: rule.end, capacity: capacity)
                    candidates.append((slot, rule.location))
                }
                day = day.adding(days: 1)
            }
        }
        for extra in extraSlots {
            let slot = Slot(
                resource: extra.resource, date: extra.date, start: extra.start, end: extra.end,
                capacity: resource(id: extra.resource)?.capacity ?? capacity)
            candidates.append((slot, extra.location))
        }
        var kept: [Slot] = []
        var reported = Set<SourceLocation>()
        var lastOfResource: [String: (slot: Slot, location: SourceLocation)] = [:]
        // In start order, an overlap is always with the resource's previous kept slot.
        let ordered = candidates.enumerated().sorted { ($0.element.slot, $0.offset) < ($1.element.slot, $1.offset) }
        for (_, candidate) in ordered {
            if let previous = lastOfResource[candidate.slot.resource],
                candidate.slot.startInstant < previous.slot.endInstant
            {
                let later = max(candidate.location, previous.location)
                let earlier = min(candidate.location, previous.location)
                if reported.insert(later).inserted {
                    sink.error(
                        later.file, later.line, later.column,
                        "slot \(candidate.slot.id) overlaps \(previous.slot.id) of the same resource (rule at line \(earlier.line)); change the times, days or dates"
                    )
                }
                continue
            }
            lastOfResource[candidate.slot.resource] = candidate
            kept.append(candidate.slot)
        }
        return kept
    }
}
