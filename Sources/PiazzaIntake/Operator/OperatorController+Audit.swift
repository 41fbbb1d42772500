import Foundation
import Hummingbird
import ItalianIdentifiers
import PiazzaRender

/// The admins' routes over the audit logs and personal data: `GET /operator/accessi` (the login
/// log), `GET /operator/{portal}/registro` (the portal's audit log) and `GET|POST
/// /operator/{portal}/interessato` (everything the portal holds about one codice fiscale, as a JSON
/// download). `?prima=` pages the logs. Anyone but an admin gets the 404 of an unknown path.
extension OperatorController {
    /// Entries per audit page.
    static let auditPageSize = 100

    func addAuditRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/accessi", only: [.get: loginLog])
        router.on("operator/:portal/registro", only: [.get: auditLog])
        router.on("operator/:portal/interessato", only: [.get: subjectAccessForm, .post: subjectAccess])
    }

    /// Records a login attempt in the users database's log (``AuditAction/login``, `.loginFailed`,
    /// `.loginLocked`): the name when it is an account's, the client address as the detail.
    func auditLogin(_ action: AuditAction, name: String, address: String) async throws {
        let known = try await accounts.user(named: name) != nil
        try await accounts.appendAudit(
            AuditEvent(at: clock(), actor: known ? name : AuditEvent.unknownActor, action: action, detail: address))
    }

    /// Records an export (``AuditAction/export``, `what` as the detail) in the portal's log, before
    /// its first byte is sent; nothing for a request that receives none (``delivers(_:)``).
    func auditExport(_ request: Request, _ session: OperatorSession, runtime: PortalRuntime, _ what: String)
        async throws
    {
        try await recordRead(
            request, AuditEvent(at: clock(), actor: session.name, action: .export, detail: what), in: runtime.database)
    }

    /// Whether `request` receives what its route sends, so that a read is recorded (a page, a case, an
    /// export, a download, a SEPA file made; ``recordRead(_:_:in:)``) and the session's last use moves
    /// (``session(of:)``): not for a `HEAD`, which Hummingbird answers through the `GET` route
    /// (`EndpointResponder.autoGenerateHeadEndpoint`) and whose body it drops, so nothing left the daemon
    /// and nothing is written. The one rule of every `GET` that writes.
    static func delivers(_ request: Request) -> Bool {
        request.method != .head
    }

    /// An admin's session: `nil` without one (the caller sends the browser to the login page).
    ///
    /// - Throws: the 404 of an unknown path for anyone else: the pages' existence is not disclosed.
    private func admin(_ request: Request) async throws -> OperatorSession? {
        guard let session = try await session(of: request) else { return nil }
        guard session.role == .admin else { throw PageError(status: .notFound) }
        return session
    }

    @Sendable func loginLog(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await admin(request) else { return redirect.seeOther("/operator/login") }
        try await recordRead(request, AuditEvent(at: clock(), actor: session.name, action: .viewAudit), in: accounts)
        let view = try await auditView(
            "Registro degli accessi", store: accounts, request: request, pageURL: pages.root + "accessi", caseBase: nil)
        return .page(.ok, try pages.logins(view, header: header(session, portal: nil)), headers: Self.privateHeaders)
    }

    @Sendable func auditLog(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await admin(request) else { return redirect.seeOther("/operator/login") }
        let runtime = try portal(for: session, context: context)
        try await recordRead(
            request, AuditEvent(at: clock(), actor: session.name, action: .viewAudit), in: runtime.database)
        let base = pages.root + runtime.portal.id + "/"
        let view = try await auditView(
            "Registro delle attività", store: runtime.database, request: request, pageURL: base + "registro",
            caseBase: base + "pratiche/")
        return .page(.ok, try renderer(runtime, for: session).renderOperatorAudit(view), headers: Self.privateHeaders)
    }

    /// A page of `store`'s log before `?prima=`, with links to the cases under `caseBase`.
    private func auditView(
        _ title: String, store: some AuditLogStore, request: Request, pageURL: String, caseBase: String?
    ) async throws -> OperatorAuditView {
        let before = request.uri.queryParameters.get("prima").flatMap { Int64($0) }
        let entries = try await store.auditPage(before: before, limit: Self.auditPageSize + 1)
        let shown = entries.prefix(Self.auditPageSize)
        return OperatorAuditView(
            title: title,
            entries: shown.map { entry in
                OperatorAuditView.Entry(
                    seq: String(entry.seq), at: Timestamp.date(entry.at).map(Pages.dateTime) ?? entry.at,
                    actor: entry.actor, action: AuditAction(rawValue: entry.action)?.label ?? entry.action,
                    caseNumber: entry.caseNumber,
                    caseURL: caseBase.flatMap { base in entry.caseNumber.map { base + $0 } },
                    detail: entry.detail)
            },
            nextURL: entries.count > Self.auditPageSize ? shown.last.map { pageURL + "?prima=\($0.seq)" } : nil)
    }

    @Sendable func subjectAccessForm(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await admin(request) else { return redirect.seeOther("/operator/login") }
        let runtime = try portal(for: session, context: context)
        return try subjectAccessPage(.ok, runtime: runtime, session: session, typed: "", error: nil)
    }

    /// The JSON of ``PortalDatabase/subjectAccess(_:contact:actor:at:attachmentURL:)`` as a download, for
    /// the `codice_fiscale` posted (and the optional `recapito`, the contact of bookings that hold no
    /// code); a code that does not parse gets the form again with what to fix, 422.
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 404 for anyone but an admin.
    @Sendable func subjectAccess(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        guard session.role == .admin else { throw PageError(status: .notFound) }
        let runtime = try portal(for: session, context: context)
        let typed = form.values["codice_fiscale"]?.first ?? ""
        let contact = String((form.values["recapito"]?.first ?? "").prefix(200))
        let code: FiscalCode
        do {
            code = try FiscalCode(typed)
        } catch {
            return try subjectAccessPage(
                .unprocessableContent, runtime: runtime, session: session, typed: typed, contact: contact,
                error: error.message)
        }
        let base = pages.root + runtime.portal.id + "/pratiche/"
        let url: @Sendable (String, Int64) -> String = { number, id in base + number + "/allegati/\(id)" }
        let export = try await runtime.database.subjectAccess(
            code, contact: contact, actor: session.name, at: clock(), attachmentURL: url)
        logger.info("subject access exported", metadata: ["portal": "\(runtime.portal.id)"])
        var headers = Self.privateHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"interessato-\(runtime.portal.id).json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try export.json())))
    }

    private func subjectAccessPage(
        _ status: HTTPResponse.Status, runtime: PortalRuntime, session: OperatorSession, typed: String,
        contact: String = "", error: String?
    ) throws -> Response {
        let view = OperatorSubjectAccessView(
            actionURL: pages.root + runtime.portal.id + "/interessato", csrf: session.csrf, typed: typed,
            typedContact: contact, error: error)
        return .page(
            status, try renderer(runtime, for: session).renderOperatorSubjectAccess(view), headers: Self.privateHeaders)
    }
}
