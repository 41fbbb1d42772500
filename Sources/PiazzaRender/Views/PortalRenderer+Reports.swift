extension PortalRenderer {
    /// The payments list (``OperatorPaymentsView``), in the portal's look.
    public func renderOperatorPayments(_ view: OperatorPaymentsView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Pagamenti", description: nil, links: daemonLinks, layout: "operator", breadcrumb: [], section: "")
        let context: [String: Any] = [
            "filters": view.filters.map(\.context),
            "entries": view.entries.map {
                [
                    "number": $0.number, "caseURL": $0.caseURL, "formTitle": $0.formTitle, "iban": $0.iban,
                    "amount": $0.amount, "causale": $0.causale, "state": $0.state, "isDue": $0.isDue,
                    "paidOn": $0.paidOn, "reference": $0.reference,
                ] as [String: Any]
            },
            "hasEntries": !view.entries.isEmpty, "hasDue": view.entries.contains { $0.isDue },
            "actionURL": view.actionURL, "csrf": view.csrf, "csvURL": view.csvURL, "xlsxURL": view.xlsxURL,
            "next": view.nextURL ?? false,
            "notice": view.notice ?? false, "errors": view.errors, "hasErrors": !view.errors.isEmpty,
            "date": view.date, "reference": view.reference,
        ]
        return try render("operator-payments", base: base, ["payments": context])
    }

    /// The exports page (``OperatorExportsView``), in the portal's look.
    public func renderOperatorExports(_ view: OperatorExportsView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Esportazioni", description: nil, links: daemonLinks, layout: "operator", breadcrumb: [],
            section: "")
        let context: [String: Any] = [
            "forms": view.forms.map { ["id": $0.id, "title": $0.title, "outcomesURL": $0.outcomesURL] },
            "actionURL": view.actionURL,
        ]
        return try render("operator-exports", base: base, ["exports": context])
    }
}
