extension PortalRenderer {
    /// The operators' queue of one form (`/operator/{portal}/`), in the portal's look.
    public func renderOperatorQueue(_ queue: OperatorQueueView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Domande – \(queue.formTitle)", description: nil, links: daemonLinks, layout: "operator",
            breadcrumb: [], section: "")
        let context: [String: Any] = [
            "formTitle": queue.formTitle,
            "forms": queue.forms.map { ["title": $0.title, "url": $0.url, "current": $0.isCurrent] as [String: Any] },
            "entries": queue.entries.map {
                [
                    "number": $0.number, "url": $0.url, "submittedAt": $0.submittedAt, "state": $0.state,
                    "channel": $0.channel,
                ]
            },
            "hasEntries": !queue.entries.isEmpty,
            "next": queue.nextURL ?? false,
        ]
        return try render("operator-queue", base: base, ["queue": context])
    }

    /// The operators' case page (`/operator/{portal}/pratiche/{numero}`): the application as the
    /// citizen saw it on the receipt, the automatic checks, the channel, the history with who made
    /// each step, and the forms of the state changes allowed now.
    public func renderOperatorCase(
        _ receipt: ReceiptView, checks: [OperatorCheckView], channel: String, queueURL: String,
        workflow: OperatorWorkflowView
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
            "hasSteps": !workflow.steps.isEmpty,
            "steps": workflow.steps.map {
                ["state": $0.state, "action": $0.action, "needsReason": $0.needsReason] as [String: Any]
            },
        ]
        return try render("operator-case", base: base, ["case": context])
    }
}
