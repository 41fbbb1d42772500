import PiazzaContent

extension PortalRenderer {
    /// The receipt and status page of an application, served by the daemon at `/r/{token}`, with the voucher
    /// the case issued, if any.
    public func renderReceipt(_ receipt: ReceiptView, voucher: VoucherView? = nil) throws(ThemeError) -> String {
        var base = baseContext(
            title: "Ricevuta della domanda \(receipt.number)", description: nil, links: daemonLinks,
            layout: "receipt", breadcrumb: [("Home", "")], section: "")
        if receipt.reply?.errors.isEmpty == false { base["pageTitle"] = "Errori nella risposta: \(base["pageTitle"]!)" }
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
            "reply": receipt.reply.map(replyContext) ?? false,
            "messages": receipt.messages.map { ["date": $0.date, "text": $0.text] },
            "hasMessages": !receipt.messages.isEmpty,
            "history": receipt.history.map {
                ["date": $0.date, "state": $0.state, "note": $0.note ?? false, "actor": $0.actor ?? false]
                    as [String: Any]
            },
            "answers": receipt.answers.map(answer),
        ]
    }

    /// The reply form's keys: as a form page with errors (``renderForm(_:values:errors:now:)``), a summary
    /// linking each field and the message at the field.
    private func replyContext(_ reply: ReceiptView.Reply) -> [String: Any] {
        func error(_ name: String) -> Any { reply.errors.first { $0.name == name }?.message ?? false }
        func htmlID(_ name: String) -> String { name.replacingOccurrences(of: "_", with: "-") }
        return [
            "text": reply.text, "textLimit": reply.textLimit, "textError": error(ReceiptView.Reply.textName),
            "fileCount": reply.files.count, "fileHint": reply.fileRule.summary,
            "accept": reply.fileRule.accept.joined(separator: ","),
            "files": reply.files.map {
                ["id": htmlID($0.name), "name": $0.name, "label": $0.label, "error": error($0.name)] as [String: Any]
            },
            "hasErrors": !reply.errors.isEmpty, "errorCount": reply.errors.count,
            "errors": reply.errors.map { ["href": "#" + htmlID($0.name), "label": $0.label, "message": $0.message] },
        ]
    }
}
