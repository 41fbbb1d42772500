import Hummingbird
import PiazzaContent
import PiazzaRender

extension IntakeApp {
    /// The Hummingbird application: the router, the channel handlers for slow and `Expect:
    /// 100-continue` clients, and the service that closes the databases after the server on shutdown.
    ///
    /// Connections idle longer than `timeouts.idle_seconds` are closed, and so are requests whose
    /// body takes longer than `timeouts.body_seconds` (``BodyDeadlineHandler``); `Expect:
    /// 100-continue` is answered (``ExpectContinueHandler``).
    public func buildApplication() -> some ApplicationProtocol {
        let (bodySeconds, bodyLimit) = (config.timeouts.bodySeconds, config.limits.bodyBytes)
        let headers = securityHeaders
        var app = Application(
            router: buildRouter(),
            server: .http1(
                configuration: .init(
                    // Nearest the socket first: the answers the later ones write pass the headers handler.
                    additionalChannelHandlers: [
                        SecurityHeadersHandler(headers), BodyDeadlineHandler(seconds: bodySeconds),
                        // A form's post with files is read up to readFactor × body_bytes (PostedForm.read).
                        ExpectContinueHandler(bodyLimit: bodyLimit * PostedForm.readFactor),
                    ],
                    idleTimeout: .seconds(Int64(config.timeouts.idleSeconds)))),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "piazza"),
            // Each request's copy gets its `hb.request.id`: formatted only if that request logs.
            logger: logger.deferringMetadata())
        // Retention after the databases: on shutdown it stops before they close.
        app.addServices(
            DatabaseService(runtimes: Array(portals.values), accounts: accounts, logger: logger),
            RetentionService(runtimes: Array(portals.values), logger: logger, clock: clock))
        return app
    }

    /// Every route, one controller per area, inside the middleware every answer goes through.
    ///
    /// Routes: `POST /forms/{portal}/{form}` (a `GET` goes to the published form),
    /// `GET /grazie/{portal}`, `GET /r/{token}`, `POST /bookings/{portal}/{calendar}/{slot}`,
    /// `POST /r/{token}/cancel`, `POST /r/{token}/integrazione`, `POST /feedback/{portal}` (and its
    /// `GET …/grazie`), `GET /assets/{path}` and `GET /themes/{theme}/{path}`, `GET /healthz`,
    /// `GET /metrics` (for `metrics_allow` only). Every `GET` answers `HEAD`; another method on a
    /// known path answers 405 with `Allow`; an unknown path, the minimal 404 page.
    public func buildRouter() -> Router<IntakeContext> {
        let router = Router(context: IntakeContext.self, options: .autoGenerateHeadEndpoints)
        // Outermost first: headers on every answer, then errors into pages, then the access log.
        router.add(middleware: SecurityHeadersMiddleware(headers: securityHeaders))
        router.add(middleware: ErrorPageMiddleware(portals: portals))
        router.add(middleware: AccessLogMiddleware())
        let client = ClientAddress(trustedProxies: config.trustedProxies)
        let intake = ApplicationIntake(limits: config.limits, metrics: metrics, secret: secret, logger: logger)
        let origins = postOrigins
        FormsController(
            portals: portals, limiter: limiter, origins: origins, metrics: metrics, intake: intake,
            clientAddress: client, redirect: Redirect(publicURL: config.publicURL), clock: clock
        ).addRoutes(to: router)
        let redirect = Redirect(publicURL: config.publicURL)
        ReceiptsController(portals: portals, redirect: redirect, clock: clock).addRoutes(to: router)
        IntegrationController(
            portals: portals, limits: config.limits, limiter: limiter, clientAddress: client, redirect: redirect,
            logger: logger, clock: clock
        ).addRoutes(to: router)
        BookingsController(
            portals: portals, limits: config.limits, limiter: limiter, origins: origins, metrics: metrics,
            clientAddress: client, redirect: redirect, logger: logger, clock: clock
        ).addRoutes(to: router)
        FeedbackController(
            portals: portals, limits: config.limits, limiter: limiter, origins: origins, clientAddress: client,
            redirect: redirect, logger: logger, clock: clock
        ).addRoutes(to: router)
        OperatorController(
            accounts: accounts, portals: portals,
            pages: OperatorPages(
                theme: themes.base, root: redirect.path("/operator/"),
                assets: redirect.path(PortalRenderer.daemonAssets(theme: PortalConfig.defaultTheme))),
            hashing: PasswordHashing(), throttle: loginThrottle,
            cookies: OperatorCookies(secure: config.https, path: redirect.path("/operator"), secret: secret),
            clientAddress: client,
            redirect: redirect, idle: Double(config.operators.idleMinutes * 60), logger: logger, clock: clock,
            intake: intake,
            mailer: config.operators.mailCommand.map {
                CitizenMailer(
                    command: $0, timeout: .seconds(config.operators.mailTimeoutSeconds), publicURL: config.publicURL,
                    logger: logger)
            }, vouchers: config.vouchers,
            origins: PostOrigins(addresses: [config.publicURL] + portals.values.map(\.portal.config.intakeURL))
        ).addRoutes(to: router)
        AssetsController(themes: themes).addRoutes(to: router)
        HealthController(
            portals: portals, metrics: metrics,
            metricsAccess: MetricsAccessMiddleware(allowed: config.metricsAllow, client: client)
        ).addRoutes(to: router)
        return router
    }
}
