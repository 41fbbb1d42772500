extension PortalRenderer {
    /// The operators' queue of one form (`/operator/{portal}/`), in the portal's look: the filter
    /// form, its problems (an error summary linking each field, `aria-invalid` and a message at the
    /// field), and the list, not shown while a filter is wrong.
    public func renderOperatorQueue(_ queue: OperatorQueueView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Domande – \(queue.formTitle)", description: nil, links: daemonLinks, layout: "operator",
            breadcrumb: [], section: "")
        let filter = queue.filter
        var fields: [String: Any] = [:]
        for name in ["cerca", "dal", "al", "stato", "canale", "controlli", "scadute"] {
            fields[name] =
                [
                    "value": filter.values[name] ?? "", "checked": filter.values[name] != nil,
                    "error": filter.problems.first { $0.field == name }?.message ?? false,
                ] as [String: Any]
        }
        let options = { (options: [OperatorQueueView.Option]) in
            options.map { ["value": $0.value, "label": $0.label, "selected": $0.isSelected] as [String: Any] }
        }
        let context: [String: Any] = [
            "formTitle": queue.formTitle, "assistedURL": queue.assistedURL,
            "forms": queue.forms.map(\.context),
            "filter": [
                "action": filter.actionURL, "formID": filter.formID, "fields": fields,
                "states": options(filter.states), "channels": options(filter.channels),
                "termDays": filter.termDays, "reset": filter.resetURL, "hasProblems": !filter.problems.isEmpty,
                "problemCount": filter.problems.count,
                "problems": filter.problems.map { ["field": $0.field, "message": $0.message] },
            ] as [String: Any],
            "filtered": queue.isFiltered,
            "entries": queue.entries.map {
                [
                    "number": $0.number, "url": $0.url, "submittedAt": $0.submittedAt, "state": $0.state,
                    "channel": $0.channel, "takenInCharge": $0.takenInCharge ?? false,
                    "deadline": $0.deadline ?? false, "overdue": $0.isOverdue,
                ] as [String: Any]
            },
            "hasEntries": !queue.entries.isEmpty,
            "next": queue.nextURL ?? false,
            "emptySearch": queue.emptySearch.map { ["searched": $0.searched, "help": $0.help] } ?? false,
        ]
        return try render("operator-queue", base: base, ["queue": context])
    }
}
