import Foundation
import Logging
import ServiceLifecycle

/// The daemon's daily retention pass (``Retention``) over every portal it serves: once at start,
/// then every `interval`, until graceful shutdown or cancellation. Added to the service group after
/// ``DatabaseService``, so it stops before the databases close.
struct RetentionService: Service {
    let runtimes: [PortalRuntime]
    let logger: Logger
    let clock: @Sendable () -> Date
    var interval: Duration = .seconds(24 * 60 * 60)

    func run() async throws {
        // Cancellation ends the service too: a group that cannot start (a port in use) cancels its
        // services rather than shutting them down gracefully.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            for runtime in runtimes {
                do {
                    let report = try await Retention.run(
                        portal: runtime.portal, database: runtime.database, at: clock())
                    if report.anonymised + report.filesRemoved + report.bookings > 0 {
                        logger.info(
                            "retention anonymised expired cases",
                            metadata: [
                                "portal": "\(report.portal)", "cases": "\(report.anonymised)",
                                "files": "\(report.filesRemoved)", "bookings": "\(report.bookings)",
                            ])
                    }
                } catch {
                    // The next pass goes on where this one stopped.
                    logger.error(
                        "retention pass failed", metadata: ["portal": "\(runtime.portal.id)", "error": "\(error)"])
                }
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return  // the sleep was cancelled: shutdown or cancellation
            }
        }
    }
}
