import Foundation
import GRDB
import Hummingbird
import Logging
import PiazzaContent
import PiazzaRender

/// The intake daemon as a Hummingbird application: form posts, receipts, health and metrics.
///
/// Routes: `POST /forms/{portal}/{form}` (a `GET` goes to the published form), `GET /r/{token}`,
/// `GET /grazie/{portal}`, `GET /assets/{file}`, `GET /healthz`, `GET /metrics`.
public struct IntakeApp: Sendable {
    let config: DaemonConfig
    let runtimes: [String: PortalRuntime]
    let theme: Theme
    let limiter: RateLimiter
    let metrics = IntakeMetrics()
    let secret: SecretKey
    let logger: Logger
    let clock: @Sendable () -> Date

    /// A problem opening what the daemon serves.
    public struct StartError: Error, CustomStringConvertible {
        public var code: String
        public var message: String
        public var cause: (any Error)?

        public var description: String { message + (cause.map { ": \($0)" } ?? "") }
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
            throw StartError(code: error.code, message: error.message, cause: error.cause)
        }
        var runtimes: [String: PortalRuntime] = [:]
        for portal in content.portals {
            do {
                let database = try PortalDatabase(portalID: portal.id, dataFolder: config.dataFolder)
                runtimes[portal.id] = PortalRuntime(portal: portal, database: database, theme: theme)
            } catch {
                throw StartError(
                    code: "database",
                    message: "cannot open the database of portal \(portal.id) under \(config.dataFolder.path)",
                    cause: error)
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

    /// The router with every route.
    public func router() -> Router<IntakeContext> {
        let router = Router(context: IntakeContext.self)
        router.add(middleware: AccessLogMiddleware())
        router.post("forms/:portal/:form") { request, context in try await submit(request, context: context) }
        router.get("forms/:portal/:form") { _, context in formPage(context: context) }
        router.get("r/:token") { request, context in try await receipt(request, context: context) }
        router.get("grazie/:portal") { request, context in try thanks(request, context: context) }
        router.get("assets/:file") { request, context in try await asset(request, context: context) }
        router.get("healthz") { _, _ in try await health() }
        router.get("metrics") { _, _ in try await metricsPage() }
        return router
    }

    /// The Hummingbird application, with the databases closed after the server on shutdown.
    public func application() -> some ApplicationProtocol {
        var app = Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "piazza"),
            logger: logger)
        app.addServices(DatabaseService(runtimes: Array(runtimes.values), logger: logger))
        return app
    }

    // MARK: Shared responses

    /// An HTML page with the daemon's security headers.
    func html(_ status: HTTPResponse.Status, _ body: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
            .init("X-Frame-Options")!: "DENY",
            .contentSecurityPolicy:
                "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; form-action 'self' https:; frame-ancestors 'none'",
        ]
        if config.https { headers[.strictTransportSecurity] = "max-age=31536000" }
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

    /// The client address for rate limiting: the peer, or the last `X-Forwarded-For` hop behind a trusted proxy.
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
            commits.append(
                #"piazza_db_commits_total{portal="\#(runtime.portal.id)"} \#(await runtime.committer.commits)"#)
            writes.append(#"piazza_db_writes_total{portal="\#(runtime.portal.id)"} \#(await runtime.committer.writes)"#)
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
            _ = try await runtime.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
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
