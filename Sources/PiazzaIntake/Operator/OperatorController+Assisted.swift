import Foundation
import Hummingbird
import PiazzaContent

/// Assisted submission (issue 14 item 5): `GET /operator/{portal}/moduli/{form}/nuova` renders the
/// portal's form for an operator to fill on a citizen's behalf, `POST` of the same path stores it
/// through ``ApplicationIntake``, the online form's own path, with channel `assisted` and the
/// operator's name, then 303 to the receipt (`/r/{token}`), to print or hand over. The portal is
/// checked with ``portal(for:context:)``; the post carries the session's token.
extension OperatorController {
    func addAssistedRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/moduli/:form/nuova", only: [.get: assistedForm, .post: submitAssisted])
    }

    /// The address of the assisted form of `form` in `portal`.
    static func assistedURL(root: String, portal: String, form: String) -> String {
        root + portal + "/moduli/" + form + "/nuova"
    }

    /// The empty form, with a new submission key (a double click stores one application).
    ///
    /// - Throws: ``PageError`` 404 for a portal the user does not reach or a form it does not have.
    @Sendable func assistedForm(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let form = try assistedTarget(runtime, context: context)
        return try assistedPage(.ok, form, runtime: runtime, session: session, values: ["_key": [RandomToken.make()]])
    }

    /// Stores the application the operator filled; invalid answers get the form again with the error
    /// summary, 422, as online.
    ///
    /// - Throws: ``PageError`` 403 without a session or the session's token, 404 for a portal the user
    ///   does not reach or a form it does not have, the form's closed or not-yet-open page outside its
    ///   bando window, and the intake's 413/400/415 and storage errors.
    @Sendable func submitAssisted(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await session(of: request) else { throw Self.forbidden }
        let runtime = try portal(for: session, context: context)
        let form = try assistedTarget(runtime, context: context)
        let now = clock()
        switch form.windowState(at: now) {
        case .open: break
        case .closed: throw PageError.closed(form, portal: runtime.portal.id)
        case .notYetOpen: throw PageError.notYetOpen(form, portal: runtime.portal.id)
        }
        let posted = try await intake.read(
            request, form: form, portal: runtime.portal.id, extra: ["_csrf": 64])
        guard ConstantTime.equal(posted.values["_csrf"]?.first ?? "", session.csrf) else { throw Self.forbidden }
        switch try await intake.submit(posted, form: form, runtime: runtime, by: .operator(name: session.name), at: now)
        {
        case .invalid(let values, let errors):
            return try assistedPage(
                .unprocessableContent, form, runtime: runtime, session: session, values: values, errors: errors)
        case .stored(let receipt):
            return redirect.seeOther("/r/\(receipt.token)")
        }
    }

    private func assistedTarget(_ runtime: PortalRuntime, context: IntakeContext) throws -> FormDefinition {
        guard let form = runtime.portal.form(id: try context.parameters.require("form")) else {
            throw PageError.unknownForm(portal: runtime.portal.id)
        }
        return form
    }

    private func assistedPage(
        _ status: HTTPResponse.Status, _ form: FormDefinition, runtime: PortalRuntime, session: OperatorSession,
        values: [String: [String]], errors: [FieldError] = []
    ) throws -> Response {
        // The file limits the daemon enforces, as on the citizen's form with errors (``Pages/form(_:values:errors:now:)``).
        let page = try renderer(runtime, for: session).renderAssistedForm(
            runtime.pages.limits.enforced(form), values: values, errors: errors, now: clock(),
            action: Self.assistedURL(root: pages.root, portal: runtime.portal.id, form: form.id), csrf: session.csrf)
        return .page(status, page, headers: Self.privateHeaders)
    }
}
