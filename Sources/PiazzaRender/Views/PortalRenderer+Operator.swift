extension PortalRenderer {
    /// The operators' case page (`/operator/{portal}/pratiche/{numero}`): the application as the
    /// citizen saw it on the receipt, the automatic checks, the channel, the history with who made
    /// each step, the take-charge day and the deadline (`term`), and the forms of the state changes
    /// allowed now; `file` adds the attachments, the
    /// household, the full history and the benefit and message forms. An accepted case shows what it
    /// created: the household's `voucher` (code, balance, validity, purchases) or the shop's `enrolment`.
    public func renderOperatorCase(
        _ receipt: ReceiptView, checks: [OperatorCheckView], channel: String, queueURL: String,
        workflow: OperatorWorkflowView, file: OperatorCaseFileView, term: OperatorTermView,
        payment: OperatorCasePaymentView? = nil, voucher: VoucherView? = nil, enrolment: OperatorEnrolmentView? = nil
    ) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Pratica \(receipt.number)", description: nil, links: daemonLinks, layout: "operator",
            breadcrumb: [], section: "")
        var context = receiptContext(receipt)
        context["checks"] = checks.map { ["message": $0.message, "warning": $0.isWarning] as [String: Any] }
        context["hasChecks"] = !checks.isEmpty
        context["channel"] = channel
        context["queueURL"] = queueURL
        context["workflow"] = [
            "actionURL": workflow.actionURL, "csrf": workflow.csrf, "error": workflow.error ?? false,
            "warning": workflow.warning ?? false, "hasSteps": !workflow.steps.isEmpty,
            "steps": workflow.steps.map {
                ["state": $0.state, "action": $0.action, "needsReason": $0.needsReason, "reason": $0.reason]
                    as [String: Any]
            },
        ]
        // Every form of the case that changes it posts the version the page shows.
        context["caseVersion"] = workflow.version
        context["file"] = file.context
        context["term"] = [
            "takenInCharge": term.takenInCharge ?? false, "deadline": term.deadline ?? false, "days": term.days,
            "overdue": term.isOverdue,
        ]
        context["payment"] = payment?.context ?? false
        context["voucher"] = voucher.map(voucherContext) ?? false
        context["enrolment"] =
            enrolment.map {
                [
                    "name": $0.name, "partitaIVA": $0.partitaIVA, "enrolledAt": $0.enrolledAt,
                    "measures": $0.measures.joined(separator: ", "),
                ]
            } ?? false
        return try render("operator-case", base: base, ["case": context])
    }
}
