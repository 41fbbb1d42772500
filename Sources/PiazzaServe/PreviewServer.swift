import Hummingbird
import Logging

/// Serves a built `site/` folder on localhost for previewing (`piazza serve`), with live reload.
public struct PreviewServer: Sendable {
    public let root: String
    public let host: String
    public let port: Int
    /// The rebuilds open tabs follow (``LiveReloadMiddleware``).
    public let hub: ReloadHub
    public let logger: Logger

    public init(root: String, host: String = "127.0.0.1", port: Int, hub: ReloadHub = ReloadHub(), logger: Logger) {
        self.root = root
        self.host = host
        self.port = port
        self.hub = hub
        self.logger = logger
    }

    /// The file server as a service; `index.html` answers for its folder. Pages get the reload
    /// script, and the overlay page answers for them while the last rebuild failed; a missing page of a
    /// portal gets the portal's `404.html` (``NotFoundPageMiddleware``).
    ///
    /// - Parameter onListening: called once the port is bound, so an address announced there
    ///   already answers (a port in use makes the service throw instead).
    public func buildApplication(onListening: @escaping @Sendable () -> Void = {}) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: LiveReloadMiddleware(hub: hub))
        router.add(middleware: NotFoundPageMiddleware(root: root, hub: hub))
        router.add(middleware: FileMiddleware(root, searchForIndexHtml: true, logger: logger))
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { _ in onListening() }, logger: logger)
    }
}
