import Foundation
import Hummingbird
import ItalianIdentifiers
import Logging
import PiazzaContent
import PiazzaRender

/// `POST /r/{token}/integrazione`: the citizen's reply to an integration request, from the form on
/// the receipt page (field `risposta`, text, and up to three files, ``fileFields``). The reply becomes the `integrata` step of the
/// workflow (``Workflow``), by `cittadino`, with the text as its note; then a 303 back to the
/// receipt. The token is the secret, as for the receipt itself; posts count against the same
/// per-address rate as the intake's.
struct IntegrationController: Sendable {
    let portals: [String: PortalRuntime]
    /// The intake's body and file limits, which a reply's files share.
    let limits: DaemonConfig.Limits
    let limiter: RateLimiter
    let clientAddress: ClientAddress
    let redirect: Redirect
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Who the history names for a reply.
    static let actor = "cittadino"

    /// The `files.field` of the files sent with a reply.
    static let filesField = "integrazione"

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("r/:token/integrazione", only: [.post: reply])
    }

    /// The rule of the files sent with a reply: the intake's default for a file field (``FileRule``), lowered to
    /// `limits.file_bytes` as the daemon enforces it (``DaemonConfig/Limits/enforced(_:)-(FileRule)``).
    static let fileRule = FileRule()

    /// The file inputs of the reply form, each optional, with their labels.
    static let fileInputs = [
        (name: "allegato_1", label: "Primo documento"), (name: "allegato_2", label: "Secondo documento"),
        (name: "allegato_3", label: "Terzo documento"),
    ]

    /// The posted names of ``fileInputs``.
    static let fileFields = fileInputs.map(\.name)

    /// The label of the reply's text, as the receipt page shows it.
    static let textLabel = "La tua risposta"

    /// - Throws: ``PageError`` 404 for an unknown token, 429 over the rate, 400 or 415 for a body that
    ///   does not parse, 413 for a body over `limits.body_bytes`, 409 when no integration is requested
    ///   (answered already, or never asked). A reply the daemon refuses (an empty or too long text, a file the
    ///   reply's rule refuses, ``fileRule`` within `limits.file_bytes`: a larger file is read without its bytes)
    ///   answers 422 with the receipt page again, the text kept and each problem at its field, as a form page
    ///   does; nothing is written then.
    @Sendable func reply(_ request: Request, context: IntakeContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard RandomToken.isWellFormed(token) else { throw notFound }
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let stored = try await runtime.database.application(token: token) else { continue }
            let portal = runtime.portal.id
            guard limiter.allow(clientAddress(request, context: context), now: clock()) else {
                throw PageError.rateLimited(portal: portal)
            }
            // The intake's reading of a post: the same body and file limits, files sniffed (``PostedForm``).
            let posted: PostedForm
            do {
                posted = try await PostedForm.read(
                    request, limits: limits, fileLimit: limits.fileBytes, byteLimit: Self.byteLimit(forName:),
                    portal: portal, keepsOversized: true)
            } catch let error as PageError where Self.unreadStatuses.contains(error.status) {
                // Nothing of the body was read, the text neither; the citizen stays on the receipt all the same, the
                // error at the documents (too large) or at the reply (not a form).
                guard stored.application.state == .integrationRequested else { throw error }
                let problem =
                    error.status == .contentTooLarge
                    ? Self.tooLarge(bodyBytes: limits.bodyBytes)
                    : FieldError(
                        .invalid, name: ReceiptView.Reply.textName, label: Self.textLabel,
                        message: "La risposta è arrivata incompleta o danneggiata e non è stata inviata: scrivila di "
                            + "nuovo, allega di nuovo i documenti e inviala.")
                let page = try await ReceiptsController.receiptPage(stored, in: runtime, replyErrors: [problem])
                return .page(error.status, page, headers: [.init("X-Robots-Tag")!: "noindex"])
            }
            guard stored.application.state == .integrationRequested else { throw Self.notWaiting(portal) }
            let typed = posted.values[ReceiptView.Reply.textName]?.first
            // What was typed, as it would be kept, cut to the limit the page allows: shown again if refused.
            let kept = String(TypedText.normalized(typed ?? "", multiline: true).prefix(Workflow.reasonLimit))
            var errors: [FieldError] = []
            var text = ""
            do throws(Workflow.Refusal) {
                text = try Workflow.note(typed, missing: "Scrivi la tua risposta prima di inviarla.")
            } catch {
                errors.append(
                    FieldError(
                        kept.isEmpty ? .missing : .tooLong, name: ReceiptView.Reply.textName, label: Self.textLabel,
                        message: error.message))
            }
            // A file over the daemon's limit came without its bytes: the enforced rule names that limit.
            let rule = limits.enforced(Self.fileRule)
            var files: [ApplicationDraft.Upload] = []
            for input in Self.fileInputs {
                guard let file = posted.files[input.name] else { continue }
                if let refusal = file.refusal(rule, bodyBytes: limits.bodyBytes) {
                    errors.append(
                        FieldError(
                            .file, name: input.name, label: input.label,
                            message: "\(refusal) (File scelto: «\(file.filename)».)"))
                } else {
                    files.append(ApplicationDraft.Upload(field: input.name, file: file.metadata, bytes: file.bytes))
                }
            }
            if !errors.isEmpty {
                let page = try await ReceiptsController.receiptPage(
                    stored, in: runtime, reply: kept, replyErrors: errors)
                return .page(.unprocessableContent, page, headers: [.init("X-Robots-Tag")!: "noindex"])
            }
            let change = try await runtime.database.recordIntegrationReply(
                number: stored.application.number, text: text, files: files, actor: Self.actor, at: clock())
            switch change {
            case .changed:
                logger.info("integration reply stored", metadata: ["portal": "\(portal)", "files": "\(files.count)"])
                return redirect.seeOther("/r/\(token)")
            case .notFound: throw notFound
            // The case stopped waiting between the read above and the write.
            case .refused: throw Self.notWaiting(portal)
            }
        }
        throw notFound
    }

    /// What a reply post may carry: `risposta` up to ``Workflow/reasonLimit`` characters of up to 16
    /// UTF-8 bytes each (the bound of ``TypedText/checkLength(_:limit:)``), the ``fileFields``; nothing else is read.
    static func byteLimit(forName name: String) -> Int? {
        if name == ReceiptView.Reply.textName { return Workflow.reasonLimit * 16 }
        return fileFields.contains(name) ? fileRule.maxBytes : nil
    }

    /// Why a reply over `limits.body_bytes` (`bodyBytes`, in whole megabytes as the intake's 413 says it) was not
    /// read, at the first file input: its files together were too large.
    static func tooLarge(bodyBytes: Int) -> FieldError {
        FieldError(
            .file, name: fileInputs[0].name, label: "Documenti da allegare",
            message:
                "La risposta con i documenti supera di molto \(FileRule.byteText(bodyBytes)) in tutto e non è stata "
                + "inviata: allega file più piccoli (per esempio foto meno grandi o PDF a risoluzione più bassa) o "
                + "mandane uno per volta, e scrivi di nuovo la risposta.")
    }

    /// The statuses of a reply whose body was not read (413, 400, 415): answered with the receipt page again.
    private static let unreadStatuses: Set<HTTPResponse.Status> = [
        .contentTooLarge, .badRequest, .unsupportedMediaType,
    ]

    /// The answer to a reply for a case that is not waiting for one.
    private static func notWaiting(_ portal: String) -> PageError {
        PageError(
            .conflict, portal: portal, "Risposta non inviata",
            "Questa domanda non è in attesa di integrazione: la risposta è già arrivata o non è stata "
                + "chiesta. Torna alla pagina della domanda per vederne lo stato.")
    }

    private var notFound: PageError { ReceiptsController.notFound(portals) }
}
