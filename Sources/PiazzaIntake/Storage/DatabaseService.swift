import Logging
import ServiceLifecycle

/// Keeps the portal databases open while the daemon runs; on graceful shutdown (after the HTTP
/// server has stopped taking requests) waits for every pending commit, then closes the databases
/// and the users database.
struct DatabaseService: Service {
    let runtimes: [PortalRuntime]
    let accounts: AccountsDatabase
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        for runtime in runtimes {
            try await runtime.database.close()
        }
        try accounts.close()
        logger.info("databases closed", metadata: ["portals": "\(runtimes.count)"])
    }
}
