import Foundation
import Hummingbird
import Logging
import NIOCore
import PiazzaContent
import PiazzaRender

/// The intake daemon: what it holds while it runs (settings, one database per portal, the secret,
/// the rate limiter and the counters). ``buildApplication()`` (`IntakeApp+build.swift`) turns it
/// into the Hummingbird application, one controller per area.
public struct IntakeApp: Sendable {
    let config: DaemonConfig
    let portals: [String: PortalRuntime]
    /// The default theme (the back office, pages outside any portal) and the theme each portal names.
    let themes: PortalThemes
    let limiter: RateLimiter
    let metrics = IntakeMetrics()
    let secret: SecretKey
    /// The back office's users and sessions (`data/users.sqlite`).
    let accounts: AccountsDatabase
    let loginThrottle = LoginThrottle()
    let logger: Logger
    let clock: @Sendable () -> Date
    /// The content's warnings (pages that load but probably not as meant), for the command to print.
    public let warnings: [Diagnostic]

    /// The daemon cannot start because of its environment (a port in use, an unreadable secret,
    /// a database that does not open), located at the config key whose value is the cause.
    public struct StartError: Error, CustomStringConvertible {
        /// The config key: `listen`, `secret_file`, `data`.
        public var key: String
        /// `piazza.yaml:line:column: error: what is wrong; how to fix it`.
        public var diagnostic: Diagnostic

        public var description: String { diagnostic.description }
    }

    /// `piazza daemon`: reads the config file, loads the content and theme it names, then opens
    /// the databases and the secret (see ``init(config:content:theme:logger:clock:)``).
    ///
    /// - Throws: `DaemonConfigError` (every problem of the file, located), `ContentError`,
    ///   `ThemeError`, ``StartError``.
    public init(configFile: URL, logger: Logger) throws {
        let config = try DaemonConfig.load(from: configFile)
        let content = try ContentTree.load(from: config.contentFolder, portals: config.portals)
        try self.init(config: config, content: content, theme: Theme.load(from: config.themeFolder), logger: logger)
    }

    /// Opens one database per served portal and loads the secret.
    ///
    /// - Parameters:
    ///   - content: the loaded content tree; every portal in it is served.
    ///   - theme: the default theme (`theme:` of the config); a portal's `theme: <name>` is the folder beside it
    ///     (``PortalThemes``, the build's rule).
    ///   - clock: the current time (tests pass a fixed one).
    /// - Throws: ``StartError`` at `theme` when a theme a portal names does not load, at `secret_file` or `data`.
    public init(
        config: DaemonConfig, content: ContentTree, theme: Theme, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(StartError) {
        self.config = config
        do {
            themes = try PortalThemes(base: theme, portals: content.portals)
        } catch {
            throw StartError(key: "theme", diagnostic: config.origin.error("theme", error.message))
        }
        self.logger = logger
        self.clock = clock
        warnings = content.warnings
        limiter = RateLimiter(perMinute: config.limits.perIPPerMinute)
        do {
            secret = try SecretKey.load(from: config.secretFile)
        } catch {
            throw StartError(key: "secret_file", diagnostic: config.origin.error("secret_file", error.message))
        }
        var portals: [String: PortalRuntime] = [:]
        for portal in content.portals {
            do {
                let database = try PortalDatabase(portalID: portal.id, dataFolder: config.dataFolder)
                try database.indexPendingFiscalCodes(form: portal.form(id:))
                ExportWorkingFiles.removeStale(in: database.scratchFolder, portal: portal.id, logger: logger)
                portals[portal.id] = PortalRuntime(
                    portal: portal, database: database, themes: themes,
                    daemonPath: Redirect(publicURL: config.publicURL).prefix, limits: config.limits)
            } catch {
                let message =
                    "cannot open the database of portal \(portal.id) under \(config.dataFolder.path) (\(error)); "
                    + "make the folder writable by the daemon's user, or restore the file from a backup"
                throw StartError(key: "data", diagnostic: config.origin.error("data", message))
            }
        }
        self.portals = portals
        do {
            accounts = try AccountsDatabase(dataFolder: config.dataFolder)
        } catch {
            let message =
                "cannot open the users database \(AccountsDatabase.fileName) under \(config.dataFolder.path) "
                + "(\(error)); make the folder writable by the daemon's user, or restore the file from a backup"
            throw StartError(key: "data", diagnostic: config.origin.error("data", message))
        }
        for portal in content.portals { Self.warnAboutSettings(portal, config: config, logger: logger) }
        for warning in config.warnings { logger.warning("\(warning)") }
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
            // The published page, built without the daemon's settings, tells the form's limit; the daemon's own
            // pages tell limits.file_bytes (``DaemonConfig/Limits/enforced(_:)-(FormDefinition)``).
            for field in form.fields where config.limits.exceeds(field) {
                logger.warning(
                    "form allows larger uploads than limits.file_bytes: its published page tells the form's max_bytes, the daemon refuses a larger file at its field (422) naming limits.file_bytes; set max_bytes to at most limits.file_bytes in the form, or raise limits.file_bytes",
                    metadata: [
                        "portal": "\(portal.id)", "form": "\(form.source):\(field.line)", "field": "\(field.name)",
                        "file_bytes": "\(config.limits.fileBytes)",
                    ])
            }
            // Each file within its limit, the post of them all over body_bytes: the files past it are refused.
            let files = form.fields.compactMap(\.file).reduce(0) { $0 + config.limits.enforced($1).maxBytes }
            if files > config.limits.bodyBytes {
                logger.warning(
                    "form's file fields together allow more than limits.body_bytes: a citizen within each field's limit gets the form back with the files past body_bytes refused at their fields; lower max_bytes of its file fields or raise limits.body_bytes",
                    metadata: [
                        "portal": "\(portal.id)", "form": "\(form.source)", "files_bytes": "\(files)",
                        "body_bytes": "\(config.limits.bodyBytes)",
                    ])
            }
        }
    }

    /// Serves until SIGTERM or SIGINT.
    ///
    /// - Throws: ``StartError`` at `listen` when the address cannot be used (in use, not an
    ///   address of this machine, a port below 1024 without the right); other errors as they come.
    public func run() async throws {
        logger.info(
            "daemon starting",
            metadata: ["listen": "\(config.host):\(config.port)", "data": "\(config.dataFolder.path)"])
        do {
            try await buildApplication().runService()
            logger.info("daemon stopped")
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
}
