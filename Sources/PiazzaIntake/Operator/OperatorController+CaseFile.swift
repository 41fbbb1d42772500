import Foundation
import Hummingbird
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// Which form of the case page a refusal concerns, with its message (and the value typed, kept).
enum CaseRefusal: Sendable {
    /// A refused workflow step, with the state it asked for and the reason typed (kept in its form), when
    /// the refusal concerns a posted step.
    case workflow(String, typed: (state: String, reason: String)? = nil)
    case benefit(String, typed: String)
    case message(String, typed: String)

    /// The message of a refused workflow step.
    var workflow: String? {
        if case .workflow(let message, _) = self { message } else { nil }
    }

    /// The step a refused post asked for and the reason typed.
    var typedStep: (state: String, reason: String)? {
        if case .workflow(_, let typed) = self { typed } else { nil }
    }
}

/// The case file routes: `GET /operator/{portal}/pratiche/{numero}/allegati/{id}` (an upload of
/// that case, downloaded), `POST …/importo` (the benefit amount, with a reason) and `POST
/// …/messaggi` (a message to the citizen, shown on the status page and e-mailed through
/// ``CitizenMailer`` when one is configured). Each checks the portal with ``reach(_:context:)`` or
/// ``portal(for:context:)``; each post carries the session's token.
extension OperatorController {
    func addCaseFileRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/pratiche/:numero/allegati/:id", only: [.get: attachment])
        router.on("operator/:portal/pratiche/:numero/importo", only: [.post: setBenefit])
        router.on("operator/:portal/pratiche/:numero/messaggi", only: [.post: writeMessage])
    }

    /// The upload, when it belongs to the case named by the path in a portal the user reaches: as a
    /// download (`Content-Disposition: attachment`, ``ContentDisposition``) of its sniffed type
    /// (``FileSniffer``; `application/octet-stream` when none was recognised), never rendered inline.
    ///
    /// - Throws: ``PageError`` 404 for a portal the user does not reach, and for a file id that is not
    ///   one of this case's files (another case's, another portal's, or none).
    @Sendable func attachment(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let number = try Self.caseNumber(context)
        guard let id = context.parameters.get("id").flatMap(Int64.init),
            let file = try await runtime.database.attachment(number: number, fileID: id),
            let bytes = runtime.database.uploads.read(file.storedName)
        else {
            throw PageError(
                .notFound, portal: runtime.portal.id, "Allegato non trovato",
                "La pratica \(number) non ha questo allegato. Torna alla pratica e scegli un allegato dall'elenco.")
        }
        try await recordRead(
            request,
            AuditEvent(at: clock(), actor: session.name, action: .download, caseNumber: number, detail: String(id)),
            in: runtime.database)
        logger.info("attachment downloaded", metadata: ["portal": "\(runtime.portal.id)"])
        var headers = Self.privateHeaders
        headers[.contentType] = file.mime.isEmpty ? "application/octet-stream" : file.mime
        // Offered under the sniffed type's extension whatever the citizen named it (UploadedFile.name).
        headers[.contentDisposition] = ContentDisposition.attachment(
            filename: UploadedFile.name(file.originalName, ofType: file.mime.isEmpty ? nil : file.mime))
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Sets the benefit amount (field `importo`, euro as Italians type them: `1.234,50`, ``Money``)
    /// with a required reason (`motivo`), then back to the case page (303). A malformed or negative
    /// amount, one above ``BenefitForms/maximum``, no reason, a case already paid, or one changed since the
    /// page showed it (`versione`, ``CaseVersion``), gets the case page again with what to fix and the amount
    /// typed, 422, nothing written.
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 404 for a portal the user does not
    ///   reach or a number the portal does not have.
    @Sendable func setBenefit(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try portal(for: session, context: context)
        let number = try Self.caseNumber(context)
        let typed = form.values["importo"]?.first ?? ""
        let amount: Money
        let reason: String
        do {
            amount = try Money(typed)
            if let refusal = BenefitForms.amountRefusal(amount) { throw Workflow.Refusal(message: refusal) }
            reason = try Workflow.note(
                form.values["motivo"]?.first,
                missing: "Scrivi il motivo della modifica: resta nella storia della pratica.")
        } catch {
            let message = (error as? IdentifierError)?.message ?? (error as? Workflow.Refusal)?.message ?? ""
            return try await casePage(
                .unprocessableContent, number: number, runtime: runtime, session: session,
                refusal: .benefit(message, typed: typed))
        }
        switch try await runtime.database.setBenefit(
            number: number, cents: amount.cents, reason: reason, actor: session.name, at: clock(),
            seen: form.values["versione"]?.first, benefitForms: runtime.benefitForms)
        {
        case .changed: break
        case .notFound: throw Self.caseNotFound(number, portal: runtime.portal.id)
        case .refused(let message):
            return try await casePage(
                .unprocessableContent, number: number, runtime: runtime, session: session,
                refusal: .benefit(message, typed: typed))
        }
        logger.info("benefit amount changed", metadata: ["portal": "\(runtime.portal.id)"])
        return redirect.seeOther("/operator/\(runtime.portal.id)/pratiche/\(number)")
    }

    /// Stores a message to the citizen (field `testo`) and, when a mail command is configured and the
    /// application has an e-mail address, starts sending it without waiting; then back to the case
    /// page (303). An empty or too long message gets the case page again, 422, nothing written.
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 404 for a portal the user does not
    ///   reach or a number the portal does not have.
    @Sendable func writeMessage(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try portal(for: session, context: context)
        let number = try Self.caseNumber(context)
        let typed = form.values["testo"]?.first ?? ""
        let text: String
        do throws(Workflow.Refusal) {
            text = try Workflow.note(typed, missing: "Scrivi il messaggio prima di inviarlo.")
        } catch {
            return try await casePage(
                .unprocessableContent, number: number, runtime: runtime, session: session,
                refusal: .message(error.message, typed: typed))
        }
        guard
            let application = try await runtime.database.addMessage(
                number: number, text: text, author: session.name, at: clock())
        else { throw Self.caseNotFound(number, portal: runtime.portal.id) }
        logger.info("message to citizen stored", metadata: ["portal": "\(runtime.portal.id)"])
        if let mailer,
            let address = CitizenMailer.address(
                in: application.answers.application, form: runtime.portal.form(id: application.formID))
        {
            mailer.send(
                .init(
                    to: address, number: number, portalName: runtime.portal.config.name, token: application.token,
                    text: text),
                portal: runtime.portal.id)
        }
        return redirect.seeOther("/operator/\(runtime.portal.id)/pratiche/\(number)")
    }

    /// The case page's attachments, household, full history and forms.
    func caseFileView(
        _ file: CaseFile, form: FormDefinition?, caseURL: String, runtime: PortalRuntime, session: OperatorSession,
        refusal: CaseRefusal?
    ) -> OperatorCaseFileView {
        let application = file.stored.application
        let attachments = file.files.map { record in
            OperatorCaseFileView.Attachment(
                label: record.field == IntegrationController.filesField
                    ? "Risposta all'integrazione" : form?.field(postedName: record.field)?.label ?? record.field,
                text: AnswerValue.file(
                    UploadedFile(
                        filename: record.originalName, detectedType: record.mime.isEmpty ? nil : record.mime,
                        size: record.size, sha256: record.sha256)
                ).italianText(field: nil),
                url: caseURL + "/allegati/\(record.id ?? 0)")
        }
        let household = file.household.map {
            OperatorCaseFileView.Related(
                number: $0.number, url: pages.root + runtime.portal.id + "/pratiche/" + $0.number,
                formTitle: runtime.portal.form(id: $0.formID)?.title ?? $0.formID,
                submittedAt: Pages.dateTime($0.submittedAt), state: Pages.stateLabel($0.state))
        }
        var benefitError: String?
        var benefitTyped = application.benefitCents.map { Money(cents: $0).formatted(currencySymbol: false) } ?? ""
        var messageError: String?
        var messageTyped = ""
        switch refusal {
        case .benefit(let message, let typed): (benefitError, benefitTyped) = (message, typed)
        case .message(let message, let typed): (messageError, messageTyped) = (message, typed)
        case .workflow, nil: break
        }
        return OperatorCaseFileView(
            attachments: attachments, household: household, history: Self.history(of: file),
            benefit: .init(
                actionURL: caseURL + "/importo", csrf: session.csrf, error: benefitError, value: benefitTyped),
            grantsAmount: file.grantsAmount, benefitLocked: file.benefitLocked,
            message: .init(
                actionURL: caseURL + "/messaggi", csrf: session.csrf, error: messageError, value: messageTyped),
            mailsTo: CitizenMailer.address(in: application.answers.application, form: form),
            mailEnabled: mailer != nil)
    }

    /// Every event of a case, oldest first: the steps of the workflow, the changes of the benefit
    /// amount and the messages to the citizen, each with who, when and the reason or text.
    static func history(of file: CaseFile) -> [OperatorCaseFileView.Entry] {
        var entries: [(at: Date, entry: OperatorCaseFileView.Entry)] = []
        for event in file.stored.events {
            entries.append(
                (
                    event.at,
                    .init(
                        date: Pages.dateTime(event.at), what: Pages.stateLabel(event.state),
                        actor: event.actor.map(actorLabel) ?? "", note: event.note)
                ))
        }
        for change in file.benefitChanges {
            let before = change.previousCents.map { Money(cents: $0).italian } ?? "nessuno"
            entries.append(
                (
                    change.at,
                    .init(
                        date: Pages.dateTime(change.at),
                        what: "Importo modificato: \(before) → \(Money(cents: change.cents).italian)",
                        actor: change.actor, note: change.reason)
                ))
        }
        for message in file.messages {
            entries.append(
                (
                    message.at,
                    .init(
                        date: Pages.dateTime(message.at), what: "Messaggio al cittadino", actor: message.author,
                        note: message.text)
                ))
        }
        // A stable sort: at the same instant, state steps come before the changes and messages they led to.
        return entries.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(
            \.element.entry)
    }

    /// Who an event names: the channel of a submission in Italian, otherwise the name as stored.
    private static func actorLabel(_ actor: String) -> String {
        SubmissionChannel(rawValue: actor).map(channelLabel) ?? actor
    }
}
