import Foundation
import Hummingbird
import PiazzaRender

/// The pages of one portal's cases: `GET /operator/{portal}/` (the queue of a form, `?modulo=`
/// chooses it, `?dopo=` the page), `GET /operator/{portal}/pratiche/{numero}` (the case page) and
/// `POST /operator/{portal}/pratiche/{numero}/stato` (a step of the workflow, ``Workflow``).
extension OperatorController {
    func addCaseRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal", only: [.get: queue])
        router.on("operator/:portal/pratiche/:numero", only: [.get: casePage])
        router.on("operator/:portal/pratiche/:numero/stato", only: [.post: changeState])
        addCaseFileRoutes(to: router)
    }

    /// The session and the portal a route names: the one place every portal route checks access.
    ///
    /// - Returns: `nil` without a live session (the caller sends the browser to the login page).
    /// - Throws: the same 404 as an unknown path when the portal is not served or the user does not
    ///   reach it (``OperatorSession/reaches(portal:)``): another portal's existence is not disclosed.
    func reach(_ request: Request, context: IntakeContext) async throws -> (OperatorSession, PortalRuntime)? {
        guard let session = try await session(of: request) else { return nil }
        return (session, try portal(for: session, context: context))
    }

    /// The portal a route names, when `session` reaches it; the 404 of ``reach(_:context:)`` otherwise.
    func portal(for session: OperatorSession, context: IntakeContext) throws -> PortalRuntime {
        guard let id = context.parameters.get("portal"), let runtime = portals[id], session.reaches(portal: id) else {
            throw PageError(status: .notFound)
        }
        return runtime
    }

    /// The numero pratica of a case route, as stored (``CaseNumber``: `2026-42` is `2026-0000042`); what is
    /// no numero pratica as written, for the case's 404.
    static func caseNumber(_ context: IntakeContext) throws -> String {
        let typed = try context.parameters.require("numero")
        return CaseNumber.canonical(typed) ?? typed
    }

    /// The case page; an address with the numero pratica written short (`…/pratiche/2026-42`, typed by an
    /// operator) goes on to the case's own address (303).
    @Sendable func casePage(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let number = try Self.caseNumber(context)
        if number != context.parameters.get("numero") {
            return redirect.seeOther("/operator/\(runtime.portal.id)/pratiche/\(number)")
        }
        // Logged before it is read: a page never shows what the log does not hold (a number this
        // portal lacks is logged too, as the attempt it is).
        try await recordRead(
            request, AuditEvent(at: clock(), actor: session.name, action: .viewCase, caseNumber: number),
            in: runtime.database)
        return try await casePage(
            .ok, number: number, runtime: runtime, session: session,
            refusal: restoredDraft(session: session, runtime: runtime, number: number))
    }

    /// Moves a case along the workflow (fields `stato`, `motivo`, `versione`), then back to the case page
    /// (303); a step the workflow refuses, or posted from a page showing an earlier version of the case
    /// (``CaseVersion``), gets the case page again with the reason and the text typed, 422, nothing written.
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 404 for a portal the user does not
    ///   reach or a number the portal does not have.
    @Sendable func changeState(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try portal(for: session, context: context)
        let number = try Self.caseNumber(context)
        guard let state = form.values["stato"]?.first.flatMap(ApplicationState.init(rawValue:)) else {
            return try await casePage(
                .unprocessableContent, number: number, runtime: runtime, session: session,
                refusal: .workflow("Scegli uno degli stati proposti nella pagina."))
        }
        let reason = form.values["motivo"]?.first
        let change = try await runtime.database.changeState(
            number: number, to: state, reason: reason, actor: session.name, at: clock(),
            seen: form.values["versione"]?.first, effects: runtime.acceptance)
        switch change {
        case .changed:
            logger.info("application state changed", metadata: ["portal": "\(runtime.portal.id)", "state": "\(state)"])
            return redirect.seeOther("/operator/\(runtime.portal.id)/pratiche/\(number)")
        case .notFound:
            throw Self.caseNotFound(number, portal: runtime.portal.id)
        case .refused(let refusal):
            return try await casePage(
                .unprocessableContent, number: number, runtime: runtime, session: session,
                refusal: .workflow(refusal.message, typed: (state.rawValue, reason ?? "")))
        }
    }

    /// The case page of `number`, with the forms of the steps allowed now, of the benefit and of a
    /// message, and `refusal` above the form it concerns.
    func casePage(
        _ status: HTTPResponse.Status, number: String, runtime: PortalRuntime, session: OperatorSession,
        refusal: CaseRefusal?
    ) async throws -> Response {
        // The version is read before what the page shows: a change in between makes the page newer than its
        // version, and a post from it is refused once more, never applied unseen.
        guard let version = try await runtime.database.caseVersion(number: number),
            let file = try await runtime.database.caseFile(number: number, benefitForms: runtime.benefitForms)
        else {
            throw Self.caseNotFound(number, portal: runtime.portal.id)
        }
        let stored = file.stored
        let application = stored.application
        let form = runtime.portal.form(id: application.formID)
        let caseURL = pages.root + runtime.portal.id + "/pratiche/" + number
        let steps = Workflow.next(from: application.state)
        let typed = refusal?.typedStep
        let workflow = OperatorWorkflowView(
            actionURL: caseURL + "/stato", csrf: session.csrf,
            steps: steps.map {
                .init(
                    state: $0.rawValue, action: Self.actionLabel($0), needsReason: Workflow.needsReason($0),
                    reason: typed?.state == $0.rawValue ? typed?.reason ?? "" : "")
            },
            error: refusal?.workflow,
            warning: steps.isEmpty
                ? nil : runtime.acceptance.expiredVoucher(formID: application.formID, on: clock())?.message,
            version: version.token)
        let issue = try await issueViews(stored, runtime: runtime)
        let page = try renderer(runtime, for: session).renderOperatorCase(
            Pages.receiptView(stored, form: form, actors: true),
            checks: application.checks.map { .init(message: $0.message, isWarning: $0.status == .warning) },
            channel: Self.channelLabel(application.channel),
            queueURL: pages.root + runtime.portal.id + "/?modulo=" + application.formID, workflow: workflow,
            file: caseFileView(
                file, form: form, caseURL: caseURL, runtime: runtime, session: session, refusal: refusal),
            term: termView(stored, form: form, portal: runtime.portal),
            payment: try await paymentView(application, caseURL: caseURL, runtime: runtime, session: session),
            voucher: issue.voucher, enrolment: issue.enrolment)
        return .page(status, page, headers: Self.privateHeaders)
    }

    /// What the accepted case created, for its page (``PortalDatabase/issue(ofApplication:)``).
    private func issueViews(_ stored: StoredApplication, runtime: PortalRuntime) async throws
        -> (voucher: VoucherView?, enrolment: OperatorEnrolmentView?)
    {
        guard let id = stored.application.id else { return (nil, nil) }
        switch try await runtime.database.issue(ofApplication: id) {
        case .voucher(let account):
            return (
                try Pages.voucherView(account, number: stored.application.number, token: stored.application.token),
                nil
            )
        case .merchant(let enrolled):
            return (
                nil,
                OperatorEnrolmentView(
                    name: enrolled.merchant.name, partitaIVA: enrolled.merchant.partitaIVA,
                    measures: enrolled.measures.map { measureTitle($0, runtime.portal) },
                    enrolledAt: Pages.dateTime(enrolled.merchant.enrolledAt))
            )
        case nil: return (nil, nil)
        }
    }

    static func caseNotFound(_ number: String, portal: String) -> PageError {
        PageError(
            .notFound, portal: portal, "Pratica non trovata",
            "Nessuna domanda di questo portale ha il numero \(number). Controlla il numero e riprova.")
    }

    /// The button that moves a case to `state`.
    static func actionLabel(_ state: ApplicationState) -> String {
        switch state {
        case .submitted: "Segna come inviata"
        case .takenInCharge: "Prendi in carico"
        case .integrationRequested: "Richiedi integrazione"
        case .integrated: "Segna come integrata"
        case .accepted: "Accogli"
        case .rejected: "Respingi"
        case .withdrawn: "Segna come ritirata"
        }
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
