import Foundation
import Hummingbird
import PiazzaRender

/// The pages of one portal's cases: `GET /operator/{portal}/` (the queue of a form, `?modulo=`
/// chooses it, `?dopo=` the page) and `GET /operator/{portal}/pratiche/{numero}` (the case page).
extension OperatorController {
    /// Applications per queue page.
    static let pageSize = 50

    func addCaseRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal", only: [.get: queue])
        router.on("operator/:portal/pratiche/:numero", only: [.get: casePage])
    }

    /// The session and the portal a route names: the one place every portal route checks access.
    ///
    /// - Returns: `nil` without a live session (the caller sends the browser to the login page).
    /// - Throws: the same 404 as an unknown path when the portal is not served or the user does not
    ///   reach it (``OperatorSession/reaches(portal:)``): another portal's existence is not disclosed.
    func reach(_ request: Request, context: IntakeContext) async throws -> (OperatorSession, PortalRuntime)? {
        guard let session = try await session(of: request) else { return nil }
        guard let id = context.parameters.get("portal"), let runtime = portals[id], session.reaches(portal: id) else {
            throw PageError(status: .notFound)
        }
        return (session, runtime)
    }

    @Sendable func queue(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (_, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let forms = runtime.portal.forms.sorted { $0.id < $1.id }
        let chosen = request.uri.queryParameters.get("modulo")
        guard let form = chosen.map({ id in forms.first { $0.id == id } }) ?? forms.first else {
            throw PageError(status: .notFound)
        }
        let base = pages.root + runtime.portal.id + "/"
        let after = request.uri.queryParameters.get("dopo")
        let entries = try await runtime.database.queue(formID: form.id, after: after, limit: Self.pageSize + 1)
        let shown = entries.prefix(Self.pageSize)
        let view = OperatorQueueView(
            forms: forms.map { .init(title: $0.title, url: base + "?modulo=" + $0.id, isCurrent: $0.id == form.id) },
            formTitle: form.title,
            entries: shown.map {
                .init(
                    number: $0.number, url: base + "pratiche/" + $0.number, submittedAt: Pages.dateTime($0.submittedAt),
                    state: Pages.stateLabel($0.state), channel: Self.channelLabel($0.channel))
            },
            nextURL: entries.count > Self.pageSize
                ? shown.last.map { base + "?modulo=" + form.id + "&dopo=" + $0.number } : nil)
        return .page(.ok, try runtime.pages.renderer.renderOperatorQueue(view), headers: Self.privateHeaders)
    }

    @Sendable func casePage(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (_, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let number = try context.parameters.require("numero")
        guard let stored = try await runtime.database.application(number: number) else {
            throw PageError(
                .notFound, portal: runtime.portal.id, "Pratica non trovata",
                "Nessuna domanda di questo portale ha il numero \(number). Controlla il numero e riprova.")
        }
        let application = stored.application
        let form = runtime.portal.form(id: application.formID)
        let page = try runtime.pages.renderer.renderOperatorCase(
            Pages.receiptView(stored, form: form),
            checks: application.checks.map { .init(message: $0.message, isWarning: $0.status == .warning) },
            channel: Self.channelLabel(application.channel),
            queueURL: pages.root + runtime.portal.id + "/?modulo=" + application.formID)
        return .page(.ok, page, headers: Self.privateHeaders)
    }

    /// Case data is never indexed (`no-store` comes with every page).
    static let privateHeaders: HTTPFields = [.init("X-Robots-Tag")!: "noindex"]

    static func channelLabel(_ channel: SubmissionChannel) -> String {
        switch channel {
        case .online: "online"
        case .assisted: "assistita"
        }
    }
}
