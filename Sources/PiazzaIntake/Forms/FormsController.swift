import Foundation
import Hummingbird
import PiazzaContent
import PiazzaRender

/// The form routes: `POST /forms/{portal}/{form}` stores an application, a `GET` of the same
/// path goes to the published form, `GET /grazie/{portal}` thanks a post the spam traps caught.
struct FormsController: Sendable {
    let portals: [String: PortalRuntime]
    let limiter: RateLimiter
    /// Which pages may post (``PostOrigins``).
    let origins: PostOrigins
    let metrics: IntakeMetrics
    /// Reads, validates and stores the post, as for an assisted submission.
    let intake: ApplicationIntake
    let clientAddress: ClientAddress
    let redirect: Redirect
    let clock: @Sendable () -> Date
    /// Every served form with its portal, by portal id and form id, made once.
    private let targets: [String: [String: Target]]

    init(
        portals: [String: PortalRuntime], limiter: RateLimiter, origins: PostOrigins, metrics: IntakeMetrics,
        intake: ApplicationIntake, clientAddress: ClientAddress, redirect: Redirect,
        clock: @escaping @Sendable () -> Date
    ) {
        self.portals = portals
        self.limiter = limiter
        self.origins = origins
        self.metrics = metrics
        self.intake = intake
        self.clientAddress = clientAddress
        self.redirect = redirect
        self.clock = clock
        targets = portals.mapValues { runtime in
            Dictionary(uniqueKeysWithValues: runtime.portal.forms.map { ($0.id, Target(runtime: runtime, form: $0)) })
        }
    }

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("forms/:portal/:form", only: [.post: submit, .get: formPage])
        router.on("grazie/:portal", only: [.get: thanks])
    }

    /// A served portal's form, as named by the path.
    ///
    /// A class, made once per form: a request takes one reference to it instead of copying the portal's runtime and
    /// the form out of their dictionaries, which retained and released every field of both (shared by both cores)
    /// on every post.
    private final class Target: Sendable {
        let runtime: PortalRuntime
        let form: FormDefinition
        /// The published form page.
        let formURL: String
        /// The link back to the form from the 413 and 400 pages, made once rather than for every post.
        let back: MessagePage.Link

        init(runtime: PortalRuntime, form: FormDefinition) {
            self.runtime = runtime
            self.form = form
            formURL = runtime.portal.config.baseURL + "/" + Portal.formURL(id: form.id)
            back = MessagePage.Link(text: "Torna al modulo «\(form.title)»", url: formURL)
        }

        var portal: String { runtime.portal.id }
    }

    /// `POST /forms/{portal}/{form}`: the page it comes from (``PostOrigins``), the form's window, the client's rate, the body, the spam
    /// traps, the answers, then durable storage and a 303 to the receipt. A step that refuses the
    /// post throws the ``PageError`` the citizen sees, and counts its outcome.
    @Sendable func submit(_ request: Request, context: IntakeContext) async throws -> Response {
        let target = try target(context)
        try origins.check(request, portal: target.runtime.portal)
        let now = clock()
        try checkWindow(target, now: now)
        try checkRate(target, client: clientAddress(request, context: context), now: now)
        let posted = try await intake.read(request, form: target.form, portal: target.portal, back: target.back)
        if let trap = spamTrap(posted, form: target.form) {
            count(trap, target)
            return redirect.seeOther("/grazie/\(target.portal)")
        }
        switch try await intake.submit(posted, form: target.form, runtime: target.runtime, by: .citizen, at: now) {
        case .invalid(let values, let errors):
            let page = try target.runtime.pages.form(target.form, values: values, errors: errors, now: now)
            return .page(.unprocessableContent, page)
        case .stored(let receipt):
            return redirect.seeOther("/r/\(receipt.token)")
        }
    }

    /// A GET of a posting URL (a reload, a shared link) goes to the published form page.
    @Sendable func formPage(_ request: Request, context: IntakeContext) throws -> Response {
        redirect.seeOther(try target(context).formURL)
    }

    /// `GET /grazie/{portal}`: a served portal's thanks; another name is an unknown portal, 404.
    @Sendable func thanks(_ request: Request, context: IntakeContext) throws -> Response {
        guard let runtime = portals[try context.parameters.require("portal")] else { throw PageError.unknownPortal() }
        return .page(.ok, try runtime.pages.message("Grazie", "Abbiamo ricevuto il modulo."))
    }

    private func target(_ context: IntakeContext) throws -> Target {
        let portal = try context.parameters.require("portal")
        guard let forms = targets[portal] else { throw PageError.unknownPortal() }
        guard let target = forms[try context.parameters.require("form")] else {
            throw PageError.unknownForm(portal: portal)
        }
        return target
    }

    private func checkWindow(_ target: Target, now: Date) throws(PageError) {
        switch target.form.windowState(at: now) {
        case .open: return
        case .closed: throw refused(.closed, target, .closed(target.form, portal: target.portal))
        case .notYetOpen: throw refused(.closed, target, .notYetOpen(target.form, portal: target.portal))
        }
    }

    private func checkRate(_ target: Target, client: String, now: Date) throws(PageError) {
        guard limiter.allow(client, now: now) else {
            throw refused(.rateLimited, target, .rateLimited(portal: target.portal))
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

    private func count(_ outcome: IntakeMetrics.Outcome, _ target: Target) {
        metrics.count(outcome, portal: target.portal, form: target.form.id)
    }

    /// `error`, once the refused post is counted.
    private func refused(_ outcome: IntakeMetrics.Outcome, _ target: Target, _ error: PageError) -> PageError {
        count(outcome, target)
        return error
    }
}
