import Logging
import ServiceLifecycle

/// Keeps the portal databases open while the daemon runs; on graceful shutdown (after the HTTP
/// server has stopped taking requests) waits for every pending commit, then closes the pools.
struct DatabaseService: Service {
    let runtimes: [PortalRuntime]
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        for runtime in runtimes {
            await runtime.committer.waitUntilIdle()
            try runtime.database.pool.close()
        }
        logger.info("databases closed", metadata: ["portals": "\(runtimes.count)"])
    }
}
