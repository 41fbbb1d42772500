import Foundation
import Hummingbird
import Logging
import NIOCore
import PiazzaContent
import PiazzaRender

/// The intake daemon as a Hummingbird application: form posts, receipts, health and metrics.
///
/// Routes: `POST /forms/{portal}/{form}` (a `GET` goes to the published form), `GET /r/{token}`,
/// `GET /grazie/{portal}`, `GET /assets/{file}`, `GET /healthz`, `GET /metrics` (for
/// `metrics_allow` only). Every `GET` answers `HEAD`; another method on a known path answers 405
/// with `Allow`.
public struct IntakeApp: Sendable {
    let config: DaemonConfig
    let runtimes: [String: PortalRuntime]
    let theme: Theme
    let limiter: RateLimiter
    let metrics = IntakeMetrics()
    let secret: SecretKey
    let logger: Logger
    let clock: @Sendable () -> Date

    /// The daemon cannot start because of its environment (a port in use, an unreadable secret,
    /// a database that does not open), located at the config key whose value is the cause.
    public struct StartError: Error, CustomStringConvertible {
        /// The config key: `listen`, `secret_file`, `data`.
        public var key: String
        /// `piazza.yaml:line:column: error: what is wrong; how to fix it`.
        public var diagnostic: Diagnostic

        public var description: String { diagnostic.description }
    }

    /// Opens one database per served portal and loads the secret.
    ///
    /// - Parameters:
    ///   - content: the loaded content tree; every portal in it is served.
    ///   - clock: the current time (tests pass a fixed one).
    public init(
        config: DaemonConfig, content: ContentTree, theme: Theme, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(StartError) {
        self.config = config
        self.theme = theme
        self.logger = logger
        self.clock = clock
        limiter = RateLimiter(perMinute: config.limits.perIPPerMinute)
        do {
            secret = try SecretKey.load(from: config.secretFile)
        } catch {
            throw StartError(key: "secret_file", diagnostic: config.origin.error("secret_file", error.message))
        }
        var runtimes: [String: PortalRuntime] = [:]
        for portal in content.portals {
            do {
                let database = try PortalDatabase(portalID: portal.id, dataFolder: config.dataFolder)
                runtimes[portal.id] = PortalRuntime(portal: portal, database: database, theme: theme)
            } catch {
                let message =
                    "cannot open the database of portal \(portal.id) under \(config.dataFolder.path) (\(error)); "
                    + "make the folder writable by the daemon's user, or restore the file from a backup"
                throw StartError(key: "data", diagnostic: config.origin.error("data", message))
            }
        }
        self.runtimes = runtimes
        for portal in content.portals { Self.warnAboutSettings(portal, config: config, logger: logger) }
    }

    /// Settings that work but probably not as meant: forms posting to another address, uploads
    /// allowed by a form but refused by the daemon's limits.
    static func warnAboutSettings(_ portal: Portal, config: DaemonConfig, logger: Logger) {
        let intake = URL(string: portal.config.intakeURL)
        let own = URL(string: config.publicURL)
        if intake?.host != own?.host || (intake?.port ?? 0) != (own?.port ?? 0) {
            logger.warning(
                "portal intake_url differs from public_url: its forms post elsewhere",
                metadata: ["portal": "\(portal.id)", "intake_url": "\(portal.config.intakeURL)"])
        }
        for form in portal.forms {
            for field in form.fields where field.type == .file && (field.maxBytes ?? 0) > config.limits.fileBytes {
                logger.warning(
                    "form allows larger uploads than limits.file_bytes; larger files will get 413",
                    metadata: ["portal": "\(portal.id)", "form": "\(form.id)", "field": "\(field.name)"])
            }
        }
    }

    typealias Handler = @Sendable (Request, IntakeContext) async throws -> Response

    /// Methods answered 405 on a known path that does not take them.
    static let refusedMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace]

    /// The router with every route.
    public func router() -> Router<IntakeContext> {
        let router = Router(context: IntakeContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: SecurityHeadersMiddleware(https: config.https))
        router.add(middleware: AccessLogMiddleware())
        route(router, "forms/:portal/:form", [.post: { try await submit($0, context: $1) }, .get: { formPage(context: $1) }])
        route(router, "r/:token", [.get: { try await receipt($0, context: $1) }])
        route(router, "grazie/:portal", [.get: { try thanks($0, context: $1) }])
        route(router, "assets/:file", [.get: { try await asset($0, context: $1) }])
        route(router, "healthz", [.get: { _, _ in try await health() }])
        let local = router.group().add(
            middleware: MetricsAccessMiddleware(allowed: config.metricsAllow) { clientAddress($0, context: $1) })
        route(local, "metrics", [.get: { _, _ in try await metricsPage() }])
        return router
    }

    /// Adds a path's handlers, and a 405 with `Allow` for every other method (`HEAD` comes with `GET`).
    private func route(
        _ router: some RouterMethods<IntakeContext>, _ path: RouterPath, _ handlers: [HTTPRequest.Method: Handler]
    ) {
        for (method, handler) in handlers { router.on(path, method: method, use: handler) }
        let allowed = Self.refusedMethods.filter { handlers[$0] != nil || ($0 == .head && handlers[.get] != nil) }
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in Self.refusedMethods where !allowed.contains(method) {
            router.on(path, method: method) { _, context in
                message(
                    .methodNotAllowed, context.parameters.get("portal").flatMap { runtimes[$0] },
                    "Richiesta non consentita", "Questo indirizzo non accetta questo tipo di richiesta.",
                    extra: [.allow: allow])
            }
        }
    }

    /// The Hummingbird application, with the databases closed after the server on shutdown.
    ///
    /// Connections idle longer than `timeouts.idle_seconds` are closed, and so are requests whose
    /// body takes longer than `timeouts.body_seconds` (``BodyDeadlineHandler``); `Expect:
    /// 100-continue` is answered (``ExpectContinueHandler``).
    public func application() -> some ApplicationProtocol {
        let (bodySeconds, bodyLimit) = (config.timeouts.bodySeconds, config.limits.bodyBytes)
        var app = Application(
            router: router(),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        BodyDeadlineHandler(seconds: bodySeconds), ExpectContinueHandler(bodyLimit: bodyLimit),
                    ],
                    idleTimeout: .seconds(Int64(config.timeouts.idleSeconds)))),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "piazza"),
            logger: logger)
        app.addServices(DatabaseService(runtimes: Array(runtimes.values), logger: logger))
        return app
    }

    /// Serves until SIGTERM or SIGINT.
    ///
    /// - Throws: ``StartError`` at `listen` when the address cannot be used (in use, not an
    ///   address of this machine, a port below 1024 without the right); other errors as they come.
    public func run() async throws {
        do {
            try await application().runService()
        } catch let error as IOError {
            let fix =
                switch error.errnoCode {
                case EADDRINUSE: "another process uses it; stop it or set `listen:` to a free port"
                case EACCES: "ports below 1024 need privileges; use a higher port behind a reverse proxy"
                default: Self.listenFix
                }
            throw listenError("\(String(cString: strerror(error.errnoCode))); \(fix)")
        } catch let error as SocketAddressError.UnknownHost {
            throw listenError("unknown host (\(error.errorDescription)); \(Self.listenFix)")
        }
    }

    private static let listenFix = "set `listen:` to an address of this machine, e.g. 127.0.0.1:8081"

    private func listenError(_ problem: String) -> StartError {
        let message = "cannot listen on \(config.host):\(config.port): \(problem)"
        return StartError(key: "listen", diagnostic: config.origin.error("listen", message))
    }

    // MARK: Shared responses

    /// An HTML page, never cached (security headers come from ``SecurityHeadersMiddleware``).
    func html(_ status: HTTPResponse.Status, _ body: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A 303 to a path of the daemon.
    ///
    /// The path of `public_url` is kept in front, for a daemon published under a prefix
    /// (`https://servizi.example.it/piazza` → `/piazza/r/…`).
    func seeOther(_ location: String) -> Response {
        let prefix = URL(string: config.publicURL)?.path ?? ""
        let path = location.hasPrefix("/") && prefix != "/" ? prefix + location : location
        return Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }

    /// A message page in a portal's look, or plain text when even the theme fails.
    func message(
        _ status: HTTPResponse.Status, _ runtime: PortalRuntime?, _ title: String, _ text: String,
        extra: HTTPFields = [:]
    ) -> Response {
        guard let runtime else { return html(status, Self.plainPage(title, text), extra: extra) }
        do {
            return html(status, try runtime.pages.message(title, text), extra: extra)
        } catch {
            logger.error("theme failed", metadata: ["error": "\(error)"])
            return html(status, Self.plainPage(title, text), extra: extra)
        }
    }

    /// A minimal escaped page, for requests outside any portal.
    static func plainPage(_ title: String, _ text: String) -> String {
        """
        <!doctype html><html lang="it"><head><meta charset="utf-8"><title>\(Escape.html(title))</title></head>
        <body><main><h1>\(Escape.html(title))</h1><p>\(Escape.html(text))</p></main></body></html>
        """
    }

    /// The client address for rate limiting and `metrics_allow`: the peer, or the last
    /// `X-Forwarded-For` hop behind a trusted proxy (the one the proxy itself appended).
    func clientAddress(_ request: Request, context: IntakeContext) -> String {
        if config.trustProxy, let forwarded = request.headers[.init("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last
        {
            return last.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    // MARK: Small routes

    /// A GET of a posting URL (a reload, a shared link) goes to the published form page.
    func formPage(context: IntakeContext) -> Response {
        guard let runtime = context.parameters.get("portal").flatMap({ runtimes[$0] }),
            let form = context.parameters.get("form").flatMap({ runtime.portal.form(id: $0) })
        else {
            return message(.notFound, nil, "Pagina non trovata", "Questo indirizzo non corrisponde a nessun modulo.")
        }
        return seeOther(runtime.portal.config.baseURL + "/" + Portal.formURL(id: form.id))
    }

    func thanks(_ request: Request, context: IntakeContext) throws -> Response {
        let runtime = context.parameters.get("portal").flatMap { runtimes[$0] }
        return message(.ok, runtime, "Grazie", "Abbiamo ricevuto il modulo.")
    }

    /// Form outcomes, then commits and writes per portal (writes per commit shows group commit at work).
    func metricsPage() async throws -> Response {
        var text = metrics.text()
        var commits: [String] = []
        var writes: [String] = []
        for runtime in runtimes.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            let counts = await runtime.database.commitCounts()
            commits.append(#"piazza_db_commits_total{portal="\#(runtime.portal.id)"} \#(counts.transactions)"#)
            writes.append(#"piazza_db_writes_total{portal="\#(runtime.portal.id)"} \#(counts.writes)"#)
        }
        text += "# HELP piazza_db_commits_total Write transactions committed.\n# TYPE piazza_db_commits_total counter\n"
        text += commits.joined(separator: "\n") + "\n"
        text += "# HELP piazza_db_writes_total Writes committed (several per transaction under load).\n"
        text += "# TYPE piazza_db_writes_total counter\n" + writes.joined(separator: "\n") + "\n"
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func health() async throws -> Response {
        for runtime in runtimes.values {
            try await runtime.database.ping()
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }

    func asset(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let name = context.parameters.get("file"), let asset = theme.assets.first(where: { $0.path == name }),
            let data = FileManager.default.contents(atPath: asset.source.path)
        else { return Response(status: .notFound) }
        let type =
            switch asset.source.pathExtension {
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "svg": "image/svg+xml"
            case "png": "image/png"
            default: "application/octet-stream"
            }
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
