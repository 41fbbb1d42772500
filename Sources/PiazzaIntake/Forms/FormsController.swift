import Foundation
import Hummingbird
import Logging
import PiazzaContent

/// The form routes: `POST /forms/{portal}/{form}` stores an application, a `GET` of the same
/// path goes to the published form, `GET /grazie/{portal}` thanks a post the spam traps caught.
struct FormsController: Sendable {
    let portals: [String: PortalRuntime]
    let limits: DaemonConfig.Limits
    let limiter: RateLimiter
    let metrics: IntakeMetrics
    let secret: SecretKey
    let clientAddress: ClientAddress
    let redirect: Redirect
    let logger: Logger
    let clock: @Sendable () -> Date

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("forms/:portal/:form", only: [.post: submit, .get: formPage])
        router.on("grazie/:portal", only: [.get: thanks])
    }

    /// A served portal's form, as named by the path.
    private struct Target {
        let runtime: PortalRuntime
        let form: FormDefinition

        var portal: String { runtime.portal.id }
    }

    /// `POST /forms/{portal}/{form}`: the form's window, the client's rate, the body, the spam
    /// traps, the answers, then durable storage and a 303 to the receipt. A step that refuses the
    /// post throws the ``PageError`` the citizen sees, and counts its outcome.
    @Sendable func submit(_ request: Request, context: IntakeContext) async throws -> Response {
        let target = try target(context)
        let now = clock()
        try checkWindow(target, now: now)
        try await checkRate(target, client: clientAddress(request, context: context), now: now)
        let posted = try await read(request, target)
        if let trap = spamTrap(posted, form: target.form) {
            count(trap, target)
            return redirect.seeOther("/grazie/\(target.portal)")
        }
        let submission = FormSubmission(values: posted.values, files: posted.files.mapValues(\.metadata))
        switch target.form.validate(submission, now: now) {
        case .invalid(let errors):
            count(.invalid, target)
            var values = target.form.echoedValues(of: submission)
            if values["_key"]?.first?.isEmpty ?? true { values["_key"] = [RandomToken.make()] }
            let page = try target.runtime.pages.form(target.form, values: values, errors: errors, now: now)
            return .page(.unprocessableContent, page)
        case .valid(let application):
            return try await store(application, posted: posted, target, now: now)
        }
    }

    /// A GET of a posting URL (a reload, a shared link) goes to the published form page.
    @Sendable func formPage(_ request: Request, context: IntakeContext) throws -> Response {
        let target = try target(context)
        return redirect.seeOther(target.runtime.portal.config.baseURL + "/" + Portal.formURL(id: target.form.id))
    }

    /// `GET /grazie/{portal}`: a served portal's thanks; another name is an unknown portal, 404.
    @Sendable func thanks(_ request: Request, context: IntakeContext) throws -> Response {
        guard let runtime = portals[try context.parameters.require("portal")] else { throw PageError.unknownPortal() }
        return .page(.ok, try runtime.pages.message("Grazie", "Abbiamo ricevuto il modulo."))
    }

    private func target(_ context: IntakeContext) throws -> Target {
        guard let runtime = portals[try context.parameters.require("portal")] else { throw PageError.unknownPortal() }
        guard let form = runtime.portal.form(id: try context.parameters.require("form")) else {
            throw PageError.unknownForm(portal: runtime.portal.id)
        }
        return Target(runtime: runtime, form: form)
    }

    private func checkWindow(_ target: Target, now: Date) throws(PageError) {
        switch target.form.windowState(at: now) {
        case .open: return
        case .closed: throw refused(.closed, target, .closed(target.form, portal: target.portal))
        case .notYetOpen: throw refused(.closed, target, .notYetOpen(target.form, portal: target.portal))
        }
    }

    private func checkRate(_ target: Target, client: String, now: Date) async throws(PageError) {
        guard await limiter.allow(client, now: now) else {
            throw refused(.rateLimited, target, .rateLimited(portal: target.portal))
        }
    }

    /// The post read by ``PostedForm/read(_:limits:fileLimit:byteLimit:portal:)``; a post too large is counted.
    private func read(_ request: Request, _ target: Target) async throws -> PostedForm {
        do {
            return try await PostedForm.read(
                request, limits: limits, fileLimit: limits.fileBytes, byteLimit: target.form.postedByteLimit(forName:),
                portal: target.portal)
        } catch let error as PageError where error.status == .contentTooLarge {
            throw refused(.tooLarge, target, error)
        }
    }

    /// The outcome of a post a spam trap caught, which is thanked and dropped: the hidden
    /// `sito_web` filled in, or sent faster than `min_fill_seconds`.
    ///
    /// `_ts` is how long the page was open before it was sent, in milliseconds, measured by the
    /// page's script on the citizen's own clock (so clock skew does not matter); without
    /// JavaScript it is empty and the check is skipped.
    private func spamTrap(_ posted: PostedForm, form: FormDefinition) -> IntakeMetrics.Outcome? {
        if !(posted.values["sito_web"]?.allSatisfy(\.isEmpty) ?? true) { return .honeypot }
        if let elapsed = posted.values["_ts"]?.first.flatMap(Double.init),
            elapsed >= 0, elapsed < Double(form.minFillSeconds) * 1000
        {
            return .tooFast
        }
        return nil
    }

    /// Stores a valid application, or answers with the receipt of the same submission sent before.
    private func store(_ application: ValidatedApplication, posted: PostedForm, _ target: Target, now: Date)
        async throws -> Response
    {
        let checks = ApplicationChecks(form: target.form, portal: target.runtime.portal.config)
        do {
            let draft = try ApplicationDraft(
                formID: target.form.id, submittedAt: now, channel: .online, application: application,
                checks: checks.evaluate(application, submittedAt: now), household: checks.householdCheck(application),
                fiscalCodes: target.form.applicantFiscalCodes(application),
                benefitCents: checks.benefitCents(application),
                idempotencyKey: {
                    secret.submissionKey(
                        posted.values["_key"]?.first ?? "", portal: target.portal, form: target.form, answers: $0)
                },
                uploads: application.files.compactMap { name, file in
                    posted.files[name].map { ApplicationDraft.Upload(field: name, file: file, bytes: $0.bytes) }
                })
            let receipt = try await target.runtime.database.storeApplication(draft)
            if receipt.isNew {
                count(.stored, target)
                logger.info(
                    "application stored",
                    metadata: [
                        "portal": "\(target.portal)", "form": "\(target.form.id)", "number": "\(receipt.number)",
                    ])
            } else {
                count(.duplicate, target)
            }
            return redirect.seeOther("/r/\(receipt.token)")
        } catch {
            logger.error(
                "application not stored",
                metadata: ["portal": "\(target.portal)", "form": "\(target.form.id)", "error": "\(type(of: error))"])
            throw refused(.failed, target, .notStored(portal: target.portal))
        }
    }

    private func count(_ outcome: IntakeMetrics.Outcome, _ target: Target) {
        metrics.count(outcome, portal: target.portal, form: target.form.id)
    }

    /// `error`, once the refused post is counted.
    private func refused(_ outcome: IntakeMetrics.Outcome, _ target: Target, _ error: PageError) -> PageError {
        count(outcome, target)
        return error
    }
}
