import Foundation
import Hummingbird
import Logging

/// The back office: `GET|POST /operator/login`, `POST /operator/logout`, `GET /operator/` (the
/// portals the user reaches), and each portal's cases (`OperatorController+Cases.swift`). Every `POST` carries `_csrf`, compared in constant time with the
/// session's token (or, for the login form, with the signature of the login cookie); without it the answer is 403,
/// as for a `POST` from a page that is not the daemon's (``OperatorOriginMiddleware``).
struct OperatorController: Sendable {
    let accounts: AccountsDatabase
    let portals: [String: PortalRuntime]
    let pages: OperatorPages
    let hashing: PasswordHashing
    let throttle: LoginThrottle
    let cookies: OperatorCookies
    let clientAddress: ClientAddress
    let redirect: Redirect
    /// A session unused this long ends (`operators.idle_minutes`).
    let idle: TimeInterval
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Reads, validates and stores an assisted submission, as the online form does.
    let intake: ApplicationIntake
    /// Sends messages to citizens by e-mail too, when `operators.mail_command` is set.
    let mailer: CitizenMailer?
    /// Voucher redemption at shops: how long a redemption may be voided.
    let vouchers: DaemonConfig.Vouchers
    /// The daemon's own origins (`public_url`, each portal's `intake_url`): the only pages a back-office
    /// post may come from (``OperatorOriginMiddleware``).
    let origins: PostOrigins
    /// What an operator typed when her session ended, waiting for her case page after the login.
    let drafts = CaseDrafts()

    /// Longest login field accepted; a password longer than bcrypt reads is refused anyway.
    /// A reason may be ``Workflow/reasonLimit`` characters of up to 4 bytes each.
    private static let fieldBytes = [
        "nome": 64, "password": 256, "_csrf": 64, "stato": 64, "versione": 64, "motivo": Workflow.reasonLimit * 4,
        "testo": Workflow.reasonLimit * 4, "importo": 64, "codice_fiscale": 64, "codice": 64,
        Redemptions.keyField: 64, "conferma": 8, "ultimo": 24, "recapito": 800, LoginReturn.field: 512,
        "bozza-azione": 16, "bozza-stato": 64, "bozza-versione": 64, "bozza-importo": 64,
        "bozza-motivo": Workflow.reasonLimit * 4, "bozza-testo": Workflow.reasonLimit * 4,
    ]

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        let router = router.group().add(middleware: SingleValuedQueryMiddleware())
            .add(middleware: OperatorOriginMiddleware(origins: origins))
            .add(middleware: LoginReturnMiddleware(operators: self))
        router.on("operator/login", only: [.get: loginForm, .post: login])
        router.on("operator/logout", only: [.post: logout])
        router.on("operator", only: [.get: home])
        addCaseRoutes(to: router)
        addAuditRoutes(to: router)
        addReportRoutes(to: router)
        addAttendanceRoutes(to: router)
        addRendicontazioneRoutes(to: router)
        addAssistedRoutes(to: router)
        addFeedbackRoutes(to: router)
        addVoucherRoutes(to: router)
        addReimbursementRoutes(to: router)
    }

    /// The logged-in user of `request`, or `nil` (no cookie, unknown, expired, disabled); the session's
    /// last use moves to now, except for a `HEAD`, which writes nothing (``delivers(_:)``).
    func session(of request: Request) async throws -> OperatorSession? {
        guard let value = request.cookies[OperatorCookies.session]?.value, let id = SessionID(cookie: value) else {
            return nil
        }
        return try await accounts.session(id, at: clock(), idle: idle, touches: Self.delivers(request))
    }

    /// The session of a `POST`, whose `_csrf` must be the session's token.
    ///
    /// - Throws: ``SessionEnded`` without a live session (the login form answers, keeping the page it came
    ///   from and what a case page's form typed, ``LoginReturnMiddleware``); ``PageError`` 403 with another
    ///   token (a forged post, or a page of an earlier session).
    func postingSession(of request: Request, form: PostedForm) async throws -> OperatorSession {
        guard let session = try await session(of: request) else {
            let draft = CaseDraft(posted: request.uri.path, form: form)
            throw SessionEnded(page: draft?.page ?? referringPage(request), draft: draft)
        }
        guard ConstantTime.equal(form.values["_csrf"]?.first ?? "", session.csrf) else { throw Self.forbidden }
        return session
    }

    /// The back-office page a post came from, as a daemon path: its `Referer` (sent by browsers for the
    /// daemon's own pages, `Referrer-Policy: same-origin`) under ``OperatorPages/root``, when ``LoginReturn``
    /// accepts it.
    private func referringPage(_ request: Request) -> String? {
        guard let referer = request.headers[.referer].flatMap(URLComponents.init(string:)),
            referer.percentEncodedPath.hasPrefix(pages.root)
        else { return nil }
        let path = "/operator/" + referer.percentEncodedPath.dropFirst(pages.root.count)
        return LoginReturn.path(path + (referer.percentEncodedQuery.map { "?" + $0 } ?? ""))
    }

    @Sendable func loginForm(_ request: Request, context: IntakeContext) async throws -> Response {
        try await loginPage(
            .ok, name: "", error: nil,
            back: LoginReturn.path(request.uri.queryParameters.get(LoginReturn.field)), draft: nil)
    }

    @Sendable func login(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        guard
            cookies.acceptsLogin(
                cookie: request.cookies[OperatorCookies.login]?.value, token: form.values["_csrf"]?.first ?? "")
        else { throw Self.forbidden }
        let name = form.values["nome"]?.first ?? ""
        let password = form.values["password"]?.first ?? ""
        let back = LoginReturn.path(form.values[LoginReturn.field]?.first)
        let draft = back.flatMap { CaseDraft(login: form, page: $0) }
        let address = clientAddress(request, context: context)
        let found = try await accounts.user(named: name)
        let deviceCookie = request.cookies[OperatorCookies.device]?.value
        let client: LoginThrottle.Client =
            cookies.device(in: deviceCookie, for: name).map { .known(device: $0) }
            ?? .unknown(address: address, password: found?.user.passwordHash ?? "")
        if let wait = await throttle.admit(account: name, client: client, now: clock()) {
            logger.notice("operator login refused: too many failures")
            try await auditLogin(.loginLocked, name: name, address: address)
            throw PageError(
                .tooManyRequests, portal: nil, "Troppi tentativi",
                "Troppi accessi non riusciti con questo nome utente da browser mai usati per accedere, o da questo "
                    + "indirizzo. Attendi qualche minuto e riprova, oppure accedi dal browser da cui entri di solito: "
                    + "per quello il blocco non vale. Se non puoi aspettare, chiedi a chi amministra il servizio di "
                    + "cambiarti la password: il blocco finisce subito.",
                headers: [.retryAfter: "\(Int(wait.rounded(.up)))"])
        }
        let matches = await hashing.verify(password, hash: found?.user.passwordHash)
        guard matches, let user = found?.user, user.disabledAt == nil, let userID = user.id else {
            logger.notice("operator login failed")
            try await auditLogin(.loginFailed, name: name, address: address)
            return try await loginPage(
                .unprocessableContent, name: name, error: "Nome utente o password non corretti.", back: back,
                draft: draft)
        }
        await throttle.succeeded(account: name, client: client)
        // A new id at every login, whatever cookie came in: a planted id never becomes a session.
        if let old = request.cookies[OperatorCookies.session]?.value, let id = SessionID(cookie: old) {
            try await accounts.closeSession(id)
        }
        let id = SessionID()
        try await accounts.openSession(id, userID: userID, csrf: RandomToken.make(), at: clock())
        try await accounts.appendAudit(AuditEvent(at: clock(), actor: user.name, action: .login, detail: address))
        logger.info("operator logged in", metadata: ["role": "\(user.role.rawValue)"])
        if let draft { await drafts.keep(draft, for: id, now: clock()) }
        var response = redirect.seeOther(back ?? "/operator/")
        response.setCookie(cookies.cookie(OperatorCookies.session, id.value))
        response.setCookie(cookies.removal(OperatorCookies.login))
        response.setCookie(cookies.deviceCookie(after: deviceCookie, for: name))
        return response
    }

    @Sendable func logout(_ request: Request, context: IntakeContext) async throws -> Response {
        let session = try await postingSession(of: request, form: Self.read(request))
        try await accounts.closeSession(session.id)
        try await accounts.appendAudit(AuditEvent(at: clock(), actor: session.name, action: .logout))
        var response = redirect.seeOther("/operator/login")
        response.setCookie(cookies.removal(OperatorCookies.session))
        return response
    }

    @Sendable func home(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await session(of: request) else { return redirect.seeOther("/operator/login") }
        // Shop staff have one page: the redemption form of their shop.
        if let portal = session.portals.first(where: session.redeemsVouchers(portal:)) {
            return redirect.seeOther("/operator/\(portal)/buoni")
        }
        let reached = portals.values.filter { session.reaches(portal: $0.portal.id) }
            .map { (id: $0.portal.id, name: $0.portal.config.name) }.sorted { $0.id < $1.id }
        let attendance = portals.values.filter { session.marksAttendance(portal: $0.portal.id) }
            .map { (id: $0.portal.id, name: $0.portal.config.name) }.sorted { $0.id < $1.id }
        return .page(
            .ok, try pages.home(session, header: header(session, portal: nil), portals: reached, attendance: attendance)
        )
    }

    /// The login form with a new login cookie and its signature in the form (``OperatorCookies/loginToken(for:)``),
    /// carrying the page to go `back` to after the login and the `draft` typed there (``LoginReturn``).
    func loginPage(
        _ status: HTTPResponse.Status, name: String, error: String?, back: String?, draft: CaseDraft?
    ) async throws -> Response {
        let value = RandomToken.make()
        let kept = (back.map { [(LoginReturn.field, $0)] } ?? []) + (draft?.loginFields ?? [])
        var response = Response.page(
            status, try pages.login(csrf: cookies.loginToken(for: value), name: name, error: error, kept: kept))
        response.setCookie(cookies.cookie(OperatorCookies.login, value))
        return response
    }

    /// A form-encoded operator post within 16 KiB, its fields cut to ``fieldBytes``.
    ///
    /// - Throws: ``PageError`` 413 for a body over 16 KiB, 400 for one that does not parse
    ///   (``PostedForm/readURLEncoded(_:maxBytes:byteLimit:)``).
    static func read(_ request: Request) async throws -> PostedForm {
        try await PostedForm.readURLEncoded(request, maxBytes: 16_384) { fieldBytes[$0] }
    }

    /// A post without the page's token: from another site, or a page of an earlier session (kept open across a
    /// logout and a new login).
    static let forbidden = PageError(
        .forbidden, portal: nil, "Richiesta non valida",
        "La pagina da cui hai inviato il modulo è scaduta. Torna indietro, ricarica la pagina e riprova.")
}
