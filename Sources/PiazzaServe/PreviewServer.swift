import Hummingbird
import Logging

/// Serves a built `site/` folder on localhost for previewing (`piazza serve`).
public struct PreviewServer: Sendable {
    public let root: String
    public let host: String
    public let port: Int
    public let logger: Logger

    public init(root: String, host: String = "127.0.0.1", port: Int, logger: Logger) {
        self.root = root
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// The file server as a service; `index.html` answers for its folder.
    ///
    /// - Parameter onListening: called once the port is bound, so an address announced there
    ///   already answers (a port in use makes the service throw instead).
    public func buildApplication(onListening: @escaping @Sendable () -> Void = {}) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: FileMiddleware(root, searchForIndexHtml: true, logger: logger))
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { _ in onListening() }, logger: logger)
    }
}
