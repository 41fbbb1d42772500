import Foundation
import Hummingbird
import ItalianIdentifiers
import Logging
import PiazzaContent

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

    /// The rule of the files sent with a reply: the intake's default for a file field (``FileRule``).
    static let fileRule = FileRule()

    /// The file inputs of the reply form, each optional.
    static let fileFields = ["allegato_1", "allegato_2", "allegato_3"]

    /// - Throws: ``PageError`` 404 for an unknown token, 429 over the rate, 400 or 415 for a body that
    ///   does not parse, 413 for a body over `limits.body_bytes`, 409 when no integration is requested
    ///   (answered already, or never asked), 422 for an empty or too long reply or a file the reply's rule
    ///   refuses (``fileRule`` within `limits.file_bytes`: a larger file is read without its bytes and named,
    ///   as the application form does); nothing is written then.
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
            let posted = try await PostedForm.read(
                request, limits: limits, fileLimit: limits.fileBytes, byteLimit: Self.byteLimit(forName:),
                portal: portal, keepsOversized: true)
            guard stored.application.state == .integrationRequested else {
                throw PageError(
                    .conflict, portal: portal, "Risposta non inviata",
                    "Questa domanda non è in attesa di integrazione: la risposta è già arrivata o non è stata "
                        + "chiesta. Torna alla pagina della domanda per vederne lo stato.")
            }
            let text: String
            do throws(Workflow.Refusal) {
                text = try Workflow.note(
                    posted.values["risposta"]?.first, missing: "Scrivi la tua risposta prima di inviarla.")
            } catch {
                throw Self.unprocessable(portal, error.message)
            }
            // The lower of the two limits, as for a form's file field: a file over the daemon's came without its bytes.
            let rule = FileRule(accept: Self.fileRule.accept, maxBytes: min(Self.fileRule.maxBytes, limits.fileBytes))
            var files: [ApplicationDraft.Upload] = []
            for name in Self.fileFields {
                guard let file = posted.files[name] else { continue }
                if let refusal = rule.refusal(of: file.metadata) {
                    throw Self.unprocessable(portal, "Allegato «\(file.filename)»: \(refusal)")
                }
                files.append(ApplicationDraft.Upload(field: name, file: file.metadata, bytes: file.bytes))
            }
            let change = try await runtime.database.recordIntegrationReply(
                number: stored.application.number, text: text, files: files, actor: Self.actor, at: clock())
            switch change {
            case .changed:
                logger.info("integration reply stored", metadata: ["portal": "\(portal)", "files": "\(files.count)"])
                return redirect.seeOther("/r/\(token)")
            case .notFound: throw notFound
            case .refused(let refusal): throw Self.unprocessable(portal, refusal.message)
            }
        }
        throw notFound
    }

    /// What a reply post may carry: `risposta` up to ``Workflow/reasonLimit`` characters of up to 16
    /// UTF-8 bytes each (the bound of ``TypedText/checkLength(_:limit:)``), the ``fileFields``; nothing else is read.
    static func byteLimit(forName name: String) -> Int? {
        if name == "risposta" { return Workflow.reasonLimit * 16 }
        return fileFields.contains(name) ? fileRule.maxBytes : nil
    }

    private static func unprocessable(_ portal: String, _ text: String) -> PageError {
        PageError(
            .unprocessableContent, portal: portal, "Risposta non inviata",
            text + " Torna indietro, correggi la risposta e inviala di nuovo.")
    }

    private var notFound: PageError { ReceiptsController.notFound(portals) }
}
