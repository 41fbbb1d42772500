import PiazzaContent

extension PortalRenderer {
    /// The receipt and status page of an application, served by the daemon at `/r/{token}`, with the voucher
    /// the case issued, if any.
    public func renderReceipt(_ receipt: ReceiptView, voucher: VoucherView? = nil) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Ricevuta della domanda \(receipt.number)", description: nil, links: daemonLinks,
            layout: "receipt", breadcrumb: [("Home", "")], section: "")
        return try render(
            "receipt", base: base,
            ["receipt": receiptContext(receipt), "voucher": voucher.map(voucherContext) ?? false])
    }

    /// The keys of an application as the citizen saw it: shared by the receipt and the operators' case page.
    func receiptContext(_ receipt: ReceiptView) -> [String: Any] {
        func answer(_ item: ReceiptView.Answer) -> [String: Any] {
            [
                "label": item.label, "value": item.value, "hasRows": !item.rows.isEmpty,
                "rows": item.rows.enumerated().map { index, row in
                    ["number": index + 1, "answers": row.map(answer)] as [String: Any]
                },
            ]
        }
        return [
            "number": receipt.number, "formTitle": receipt.formTitle, "submittedAt": receipt.submittedAt,
            "state": receipt.state, "benefit": receipt.benefit ?? false,
            "benefitLabel": receipt.benefitLabel, "token": receipt.token,
            "integrationRequest": receipt.integrationRequest ?? false,
            // The files of an integration reply follow the intake's rule for a file field.
            "replyAccept": FileRule().accept.joined(separator: ","), "replyHint": FileRule().summary,
            "messages": receipt.messages.map { ["date": $0.date, "text": $0.text] },
            "hasMessages": !receipt.messages.isEmpty,
            "history": receipt.history.map {
                ["date": $0.date, "state": $0.state, "note": $0.note ?? false, "actor": $0.actor ?? false]
                    as [String: Any]
            },
            "answers": receipt.answers.map(answer),
        ]
    }
}
