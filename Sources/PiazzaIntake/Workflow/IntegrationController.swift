import Foundation
import Hummingbird
import ItalianIdentifiers
import Logging

/// `POST /r/{token}/integrazione`: the citizen's reply to an integration request, from the form on
/// the receipt page (field `risposta`, text). The reply becomes the `integrata` step of the
/// workflow (``Workflow``), by `cittadino`, with the text as its note; then a 303 back to the
/// receipt. The token is the secret, as for the receipt itself; posts count against the same
/// per-address rate as the intake's.
struct IntegrationController: Sendable {
    let portals: [String: PortalRuntime]
    let limiter: RateLimiter
    let clientAddress: ClientAddress
    let redirect: Redirect
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Who the history names for a reply.
    static let actor = "cittadino"

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("r/:token/integrazione", only: [.post: reply])
    }

    /// - Throws: ``PageError`` 404 for an unknown token, 429 over the rate, 400 for a body that does
    ///   not parse, 409 when no integration is requested (answered already, or never asked), 422 for
    ///   an empty or too long reply; nothing is written then.
    @Sendable func reply(_ request: Request, context: IntakeContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard RandomToken.isWellFormed(token) else { throw notFound }
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let stored = try await runtime.database.application(token: token) else { continue }
            let portal = runtime.portal.id
            guard await limiter.allow(clientAddress(request, context: context), now: clock()) else {
                throw PageError.rateLimited(portal: portal)
            }
            let text = try await Self.read(request, portal: portal)
            guard stored.application.state == .integrationRequested else {
                throw PageError(
                    .conflict, portal: portal, "Risposta non inviata",
                    "Questa domanda non è in attesa di integrazione: la risposta è già arrivata o non è stata "
                        + "chiesta. Torna alla pagina della domanda per vederne lo stato.")
            }
            guard !TypedText.normalized(text, multiline: true).isEmpty else {
                throw Self.unprocessable(portal, "Scrivi la tua risposta prima di inviarla.")
            }
            let change = try await runtime.database.changeState(
                number: stored.application.number, to: .integrated, reason: text, actor: Self.actor, at: clock())
            switch change {
            case .changed:
                logger.info("integration reply stored", metadata: ["portal": "\(portal)"])
                return redirect.seeOther("/r/\(token)")
            case .notFound: throw notFound
            case .refused(let refusal): throw Self.unprocessable(portal, refusal.message)
            }
        }
        throw notFound
    }

    /// The `risposta` field of a form-encoded body of up to 64 KiB (room for ``Workflow/reasonLimit``
    /// characters of up to 16 UTF-8 bytes each, the bound of ``TypedText/checkLength(_:limit:)``).
    private static func read(_ request: Request, portal: String) async throws -> String {
        let limit = Workflow.reasonLimit * 16
        guard let body = try? await request.body.collect(upTo: limit + 1024),
            let form = try? PostedForm.urlEncoded(body.readableBytesView, byteLimit: { $0 == "risposta" ? limit : nil })
        else {
            throw PageError(.badRequest, portal: portal, "Richiesta non valida", "Ricarica la pagina e riprova.")
        }
        return form.values["risposta"]?.first ?? ""
    }

    private static func unprocessable(_ portal: String, _ text: String) -> PageError {
        PageError(
            .unprocessableContent, portal: portal, "Risposta non inviata",
            text + " Torna indietro, correggi la risposta e inviala di nuovo.")
    }

    private var notFound: PageError { ReceiptsController.notFound(portals) }
}
