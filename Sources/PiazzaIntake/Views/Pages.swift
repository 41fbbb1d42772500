import Foundation
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// Every HTML page the daemon answers with, in the portal's look: the citizens' pages in the portal's theme,
/// the back office's in the default theme (``PortalRenderer/backOfficeTheme``).
struct Pages: Sendable {
    let renderer: PortalRenderer
    /// The daemon's limits, which the pages tell as they are enforced (``DaemonConfig/Limits/enforced(_:)``).
    let limits: DaemonConfig.Limits

    init(portal: Portal, theme: Theme, backOfficeTheme: Theme, daemonPath: String, limits: DaemonConfig.Limits) {
        renderer = PortalRenderer(
            portal: portal, theme: theme, backOfficeTheme: backOfficeTheme, daemonPath: daemonPath)
        self.limits = limits
    }

    /// The form again, with the citizen's values and what to fix; its file fields tell the limits the daemon
    /// enforces (``DaemonConfig/Limits/enforced(_:)-(FormDefinition)``).
    func form(_ form: FormDefinition, values: [String: [String]], errors: [FieldError], now: Date) throws(ThemeError)
        -> String
    {
        try renderer.renderForm(limits.enforced(form), values: values, errors: errors, now: now)
    }

    /// A short message page; `link` under the paragraphs, to where the reader can act.
    func message(_ title: String, _ paragraphs: String..., link: MessagePage.Link? = nil) throws(ThemeError) -> String {
        try renderer.renderMessage(MessagePage(title: title, paragraphs: paragraphs, link: link))
    }

    /// The receipt and status page of a stored application, with the office's messages, the reply form while an
    /// integration is requested and, once the case issued one, the voucher (``voucherView(_:number:token:)``).
    ///
    /// - Parameters:
    ///   - reply: the text of a reply the daemon refused, shown again in the reply form; empty otherwise.
    ///   - replyErrors: why the daemon refused it, by posted name (``IntegrationController/fileFields``, `risposta`).
    func receipt(
        _ stored: StoredApplication, form: FormDefinition?, messages: [CaseMessage], voucher: VoucherAccount?,
        reply: String = "", replyErrors: [FieldError] = []
    ) throws -> String {
        let application = stored.application
        var view = Self.receiptView(stored, form: form, messages: messages)
        if view.integrationRequest != nil {
            view.reply = ReceiptView.Reply(
                textLimit: Workflow.reasonLimit, fileRule: limits.enforced(IntegrationController.fileRule),
                files: IntegrationController.fileInputs.map { ReceiptView.Reply.File(name: $0.name, label: $0.label) },
                text: reply, errors: replyErrors)
        }
        return try renderer.renderReceipt(
            view,
            voucher: try voucher.map { try Self.voucherView($0, number: application.number, token: application.token) })
    }

    /// A stored application as the citizen saw it: the receipt, and the operators' case page.
    ///
    /// - Parameter actors: whether the history names who made each step (the operators' page only:
    ///   the citizen's page never carries an operator's name).
    /// - Parameter messages: the office's messages to the citizen, shown with their dates (never their authors).
    static func receiptView(
        _ stored: StoredApplication, form: FormDefinition?, actors: Bool = false, messages: [CaseMessage] = []
    ) -> ReceiptView {
        let application = stored.application
        return ReceiptView(
            number: application.number, formTitle: form?.title ?? application.formID,
            submittedAt: dateTime(application.submittedAt),
            state: stateLabel(application.state),
            history: stored.events.map {
                ReceiptView.Event(
                    date: dateTime($0.at), state: stateLabel($0.state), note: $0.note, actor: actors ? $0.actor : nil)
            },
            answers: answers(application.answers.application.answers, fields: form?.fields ?? []),
            // A rejected or withdrawn case has no benefit to expect; an accepted one has it granted.
            benefit: [.rejected, .withdrawn].contains(application.state)
                ? nil : application.benefitCents.map { Money(cents: $0).italian },
            benefitLabel: application.state == .accepted
                ? "Importo riconosciuto" : "Importo previsto se la domanda sarà accolta",
            token: application.token,
            // The reason of the step that asked, while the request is open.
            integrationRequest: application.state == .integrationRequested
                ? stored.events.last { $0.state == .integrationRequested }?.note : nil,
            messages: messages.map { ReceiptView.Message(date: dateTime($0.at), text: $0.text) })
    }

    /// A minimal escaped page, for answers outside any portal (or when the theme fails).
    static func plain(_ title: String, _ text: String) -> String {
        """
        <!doctype html><html lang="it"><head><meta charset="utf-8"><title>\(Escape.html(title))</title></head>
        <body><main><h1>\(Escape.html(title))</h1><p>\(Escape.html(text))</p></main></body></html>
        """
    }

    /// `25/11/2026 alle 13:05`, in Rome.
    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ContentDateTime.rome
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%02d/%02d/%04d alle %02d:%02d", parts.day!, parts.month!, parts.year!, parts.hour!, parts.minute!)
    }

    /// The states of the application workflow as citizens read them.
    static func stateLabel(_ state: ApplicationState) -> String {
        switch state {
        case .submitted: "Inviata"
        case .takenInCharge: "Presa in carico"
        case .integrationRequested: "Richiesta di integrazione"
        case .integrated: "Integrata"
        case .accepted: "Accolta"
        case .rejected: "Respinta"
        case .withdrawn: "Ritirata"
        }
    }

    /// Answers in form order with their labels; answers to fields no longer in the form keep their names.
    static func answers(_ answers: [Answer], fields: [FormField]) -> [ReceiptView.Answer] {
        let ordered =
            fields.compactMap { field in answers.first { $0.name == field.name }.map { (field as FormField?, $0) } }
            + answers.filter { answer in !fields.contains { $0.name == answer.name } }.map { (nil as FormField?, $0) }
        return ordered.map { field, answer in
            let label = field?.label ?? answer.name
            if case .rows(let rows) = answer.value {
                return ReceiptView.Answer(
                    label: label, value: "\(rows.count)",
                    rows: rows.map { Self.answers($0, fields: field?.fields ?? []) })
            }
            return ReceiptView.Answer(label: label, value: answer.value.italianText(field: field), rows: [])
        }
    }
}
