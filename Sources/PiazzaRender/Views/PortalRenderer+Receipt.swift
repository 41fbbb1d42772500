import PiazzaContent

extension PortalRenderer {
    /// The receipt and status page of an application, served by the daemon at `/r/{token}`.
    public func renderReceipt(_ receipt: ReceiptView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Ricevuta della domanda \(receipt.number)", description: nil, links: daemonLinks,
            layout: "receipt", breadcrumb: [("Home", "")], section: "")
        func answer(_ item: ReceiptView.Answer) -> [String: Any] {
            [
                "label": item.label, "value": item.value, "hasRows": !item.rows.isEmpty,
                "rows": item.rows.enumerated().map { index, row in
                    ["number": index + 1, "answers": row.map(answer)] as [String: Any]
                },
            ]
        }
        let context: [String: Any] = [
            "number": receipt.number, "formTitle": receipt.formTitle, "submittedAt": receipt.submittedAt,
            "state": receipt.state, "benefit": receipt.benefit ?? false, "token": receipt.token,
            "history": receipt.history.map {
                ["date": $0.date, "state": $0.state, "note": $0.note ?? false] as [String: Any]
            },
            "answers": receipt.answers.map(answer),
        ]
        return try render("receipt", base: base, ["receipt": context])
    }
}
