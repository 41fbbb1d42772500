import Foundation
import Hummingbird
import Logging
import PiazzaContent
import PiazzaIntake
import PiazzaRender
import PiazzaSite
import ServiceLifecycle

/// `piazza serve`: the sites built with their forms posting to a preview intake daemon, rebuilt and
/// reloaded in open tabs on every change (``LiveRebuild``), the file server and that daemon in one
/// service group, and a scratch database that goes with it.
///
/// An editor tries a form end to end without touching production data: applications land in a
/// folder under the system's temporary directory, removed when the preview stops, however it stops.
public struct Preview: Sendable {
    /// What to build: its `intakeURL` is the preview intake's, its `output` and `cache` are in
    /// ``folder(publishing:)``, never the published folder it was given; its ``SiteBuilder/Options/memory``
    /// keeps the themes and content hashes from one build to the next.
    public let site: SiteBuilder.Options
    /// The Pagefind program that indexes each portal at every build (``SiteBuilder/build(searchIndex:)``).
    public let pagefind: URL?
    /// Port of the file server on 127.0.0.1 (`--port`).
    public let port: Int
    /// Port of the preview intake on 127.0.0.1 (`--intake-port`).
    public let intakePort: Int
    /// The scratch data folder of the preview intake (databases, uploads, secret).
    public let scratch: URL
    /// The admin account ``run(_:onListening:)`` adds to the scratch users database, so a newcomer
    /// can log in to the back office; its password is new on every run and goes with the scratch folder.
    public let account: Account
    public let logger: Logger

    /// - Parameter site: what to build; its `output` is the published folder the preview stands for,
    ///   which the preview never writes (see ``folder(publishing:)``).
    public init(site: SiteBuilder.Options, pagefind: URL?, port: Int, intakePort: Int, logger: Logger) {
        var site = site
        site.intakeURL = "http://127.0.0.1:\(intakePort)"
        let folder = Self.folder(publishing: site.output)
        site.output = folder.appendingPathComponent("site")
        site.cache = folder.appendingPathComponent("cache")
        site.memory = RebuildMemory(themes: site.theme.deletingLastPathComponent())
        self.site = site
        self.pagefind = pagefind
        self.port = port
        self.intakePort = intakePort
        self.logger = logger
        // One folder per preview, not per process: two previews in one process (the tests) must not share databases,
        // nor one remove the other's when it stops.
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "piazza-serve-\(getpid())-\(UUID().uuidString)")
        account = Account(name: "anteprima", password: Account.randomPassword())
    }

    /// Where the preview of `output` is built and served: `.piazza/<output name>.preview/` next to it
    /// (`site/` → `.piazza/site.preview/`), holding the served `site/` and its own build `cache/`.
    ///
    /// Never the published folder nor its build cache: the preview's forms post to 127.0.0.1, so a
    /// preview page must neither be published with `site/` nor come back live through
    /// `piazza rollback` (PRODUCT.md §5). The folder stays between runs, so the next preview renders
    /// only what changed since the last one (its records are keyed by the folder's inode, which a
    /// swap keeps).
    public static func folder(publishing output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".piazza")
            .appendingPathComponent(output.lastPathComponent + ".preview")
    }

    /// A login of the preview back office: name and password in clear, printed for the editor.
    public struct Account: Sendable {
        public let name: String
        public let password: String

        /// 20 letters and digits from the system's random generator (about 116 bits).
        static func randomPassword() -> String {
            let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
            return String((0..<20).map { _ in alphabet.randomElement()! })
        }
    }

    /// Where the sites are served: `http://127.0.0.1:{port}/`.
    public var address: String { "http://127.0.0.1:\(port)/" }
    /// Where the built forms post: `http://127.0.0.1:{intakePort}`.
    public var intakeURL: String { site.intakeURL ?? "" }
    /// The back office's login page on the preview intake.
    public var operatorURL: String { "\(intakeURL)/operator/login" }

    /// The first build of the preview and the watcher started before it.
    public struct Built: Sendable {
        /// What the build did; with a ``failure``, what the build of the portals it spared did (`nil`
        /// when there are none).
        public let report: SiteBuilder.Report?
        /// The content the preview intake starts with: what the build built.
        let content: ContentTree?
        /// The default theme.
        let theme: Theme
        /// How changes are watched.
        public let method: SourceWatcher.Method
        /// The bursts of changes since the watcher started, the first build's time included.
        let changes: AsyncStream<Set<String>>
        /// The portals no longer in the content that the first build took out of the preview
        /// (``BuildCache/retirePortals(keeping:)``): removed while the preview was stopped.
        public var retired: [String] = []
        /// Why the first build failed (content errors): the preview starts all the same, showing them
        /// (``SiteBuilder/sparing(_:searchIndex:)``); `nil` when it built.
        public var failure: PreviewFailure?
    }

    /// Starts watching the content and the themes, then builds the sites into `site.output` (see
    /// ``SiteBuilder/build(searchIndex:)``), once both ports can be bound.
    ///
    /// The watcher starts first so that a file saved while the build reads it is rebuilt by the first
    /// burst, and forgotten by ``SiteBuilder/Options/memory`` before any rebuild trusts it. Then two
    /// builds with nothing changed fill the build cache's previous and spare folders of each portal
    /// (``prepareRebuilds()``).
    ///
    /// - Parameter watcher: what notices changes; its roots are the content and theme folders.
    /// - Throws: ``ServeError`` naming `--port` or `--intake-port` when that port is in use (before
    ///   anything is built); what ``SiteBuilder/build(searchIndex:)`` throws.
    public func build(watcher: SourceWatcher? = nil) async throws -> Built {
        for (option, port) in [("--port", port), ("--intake-port", intakePort)] {
            do throws(PortCheck.Failure) {
                try PortCheck.bind(port)
            } catch {
                throw ServeError(option: option, port: port, cause: error)
            }
        }
        let (method, changes) =
            (watcher ?? SourceWatcher(roots: [site.content, site.theme.deletingLastPathComponent()])).start()
        let builder = SiteBuilder(options: site, logger: logger)
        do {
            let report = try await builder.build(searchIndex: pagefind)
            try await prepareRebuilds()
            // A portal folder removed while the preview was stopped leaves it now, as it would while serving.
            let retired =
                site.portals.isEmpty
                ? try BuildCache(output: site.output, folder: site.cache)
                    .retirePortals(keeping: Set(report.portals.map(\.portal))).map(\.portal) : []
            return Built(
                report: report, content: report.content, theme: report.theme, method: method, changes: changes,
                retired: retired)
        } catch let error as ContentError {
            // The preview starts all the same: the overlay shows the errors until they are fixed.
            let (failure, others) = await builder.sparing(error, searchIndex: pagefind)
            let theme = try others?.theme ?? Theme.load(from: site.theme)
            return Built(
                report: others, content: others?.content, theme: theme, method: method, changes: changes,
                failure: failure)
        }
    }

    /// Two incremental builds with nothing changed, each swapping in a folder that holds the same files:
    /// afterwards every portal has an earlier build's folder to recycle. Without one, the first two
    /// rebuilds of a session each linked every file of the portal from the live folder into a new folder,
    /// the slowest edits of the session (0.6-0.8 s on a 2,000-page portal, against 0.1-0.2 s for the others).
    private func prepareRebuilds() async throws {
        guard site.incremental else { return }
        var options = site
        // The search index of the first build stays.
        options.keepsSearchIndex = pagefind != nil
        for _ in 0..<2 {
            options.now = Date()
            _ = try await SiteBuilder(options: options, logger: logger).build(searchIndex: nil)
        }
    }

    /// Serves what `built` wrote and receives its forms, rebuilding on every change of the content
    /// or the theme and reloading open tabs, until SIGINT or SIGTERM (graceful shutdown) or until
    /// either server stops; then removes the scratch folder.
    ///
    /// - Parameters:
    ///   - built: what ``build(watcher:)`` gave: the content and theme the intake starts with (each
    ///     rebuild's replaces them, ``ReloadingIntake``), the failure the overlay shows from the start,
    ///     and the changes to rebuild for.
    ///   - onListening: called once the file server's port is bound, with how changes are watched.
    ///   - onRebuild: called after each rebuild, succeeded or failed.
    ///   - onSearchRefresh: called after each refresh of a portal's search index, which follows the
    ///     rebuild and the reload of the tabs.
    ///   - onCheck: called after the audit of a built portal (at the start and after each rebuild) when what
    ///     `piazza check` finds in it changed.
    /// - Throws: ``ServeError`` naming `--port` or `--intake-port` when that server cannot start
    ///   (a port in use) or stops; `IntakeApp.StartError` when the scratch databases do not open;
    ///   `AccountsError` when ``account`` cannot be added.
    public func run(
        _ built: Built, onListening: @escaping @Sendable (SourceWatcher.Method) -> Void,
        onRebuild: @escaping @Sendable (Rebuild) -> Void = { _ in },
        onSearchRefresh: @escaping @Sendable (SearchRefresh) -> Void = { _ in },
        onCheck: @escaping @Sendable (CheckRefresh) -> Void = { _ in }
    ) async throws {
        // Preview applications are test data: they go when the preview stops, however it stops.
        defer { try? FileManager.default.removeItem(at: scratch) }
        try await addAccount()
        let served = IntakePortals(built.content, root: site.content)
        let intake = try await ReloadingIntake(content: served.tree, theme: built.theme) { content, theme in
            try intakeApplication(content: content, theme: theme)
        }
        let hub = ReloadHub()
        if let failure = built.failure { hub.publish(failure: failure) }
        let method = built.method
        let files = PreviewServer(root: site.output.path, port: port, hub: hub, logger: logger)
        var rebuild = LiveRebuild(
            site: site, pagefind: pagefind, hub: hub, changes: built.changes, logger: logger, onRebuild: onRebuild,
            onSearchRefresh: onSearchRefresh)
        rebuild.onCheck = onCheck
        rebuild.firstBuilt = (built.report?.portals.map(\.portal) ?? [], built.report?.warnings ?? [])
        rebuild.onBuilt = { [logger] report, whole in
            guard let content = report.content else { return }
            do {
                try await intake.reload(served.update(content, whole: whole), theme: report.theme)
            } catch {
                logger.error("the preview intake keeps the forms of the last build: \(error)")
            }
        }
        let group = ServiceGroup(
            services: [
                NamedService(
                    option: "--port", port: port, files.buildApplication(onListening: { onListening(method) })),
                NamedService(option: "--intake-port", port: intakePort, intake),
                rebuild,
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // One server that stops (a port in use) ends the group: never half of the preview left running.
        try await group.run()
    }

    /// The preview intake daemon of `content` (the forms and calendars as built) and `theme`: its data in ``scratch``, posts accepted from the
    /// file server, and each portal published on the file server (`http://127.0.0.1:{port}/{portal}`, where
    /// the preview serves it) in place of its `base_url`: the one place that keeps on the preview every
    /// link and redirect the daemon writes to a site (a reload of a form's or a slot's address, the header
    /// of a receipt or a message page, the site's origin it accepts posts and answers CORS for).
    ///
    /// - Throws: `IntakeApp.StartError` when the scratch databases do not open.
    func intakeApplication(content: ContentTree, theme: Theme) throws -> some ApplicationProtocol {
        let config = DaemonConfig(
            port: intakePort, contentFolder: site.content, themeFolder: site.theme, dataFolder: scratch,
            // The preview's pages post from its file server.
            siteOrigins: ["http://127.0.0.1:\(port)", "http://localhost:\(port)"])
        return try IntakeApp(
            config: config, content: content.replacingBaseURL { address + $0.id }, theme: theme,
            logger: logger
        ).buildApplication()
    }

    /// Adds ``account`` as an admin (every portal) to the scratch users database.
    private func addAccount() async throws {
        let admin = try UserAdmin(dataFolder: scratch, served: [])
        defer { try? admin.close() }
        try await admin.add(name: account.name, role: .admin, portals: [], password: account.password)
    }
}

/// A server of the preview whose failure names the option that sets its port.
private struct NamedService: Service, CustomStringConvertible {
    let option: String
    let port: Int
    let service: any Service

    init(option: String, port: Int, _ service: any Service) {
        self.option = option
        self.port = port
        self.service = service
    }

    /// How ServiceLifecycle names it, instead of printing the whole application through reflection.
    var description: String { "server of \(option) \(port)" }

    func run() async throws {
        do {
            try await service.run()
        } catch {
            throw ServeError(option: option, port: port, cause: error)
        }
    }
}
