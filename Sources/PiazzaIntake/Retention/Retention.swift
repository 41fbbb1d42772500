import Foundation
import Logging
import PiazzaContent

/// Retention (PRODUCT.md §8, research/domain.md §3.8): the cases of a form are anonymised once
/// ``PiazzaContent/FormDefinition/retentionEnds`` has passed. Run by `piazza retention run` and
/// daily by the daemon (``RetentionService``).
public enum Retention {
    /// What a pass did to one portal.
    public struct Report: Sendable, Hashable {
        public var portal: String
        /// Cases anonymised by this pass.
        public var anonymised: Int
        /// Upload files deleted by this pass.
        public var filesRemoved: Int
    }

    /// Anonymises the expired cases of every form of `portal` at `now`, and finishes the file
    /// deletions a crashed pass left.
    ///
    /// - Throws: GRDB's error; what committed before stays done, and the next pass goes on.
    static func run(portal: Portal, database: PortalDatabase, at now: Date) async throws -> Report {
        var report = Report(portal: portal.id, anonymised: 0, filesRemoved: try await database.removeQueuedUploads())
        for form in portal.forms.sorted(by: { $0.id < $1.id }) where now >= form.retentionEnds {
            let outcome = try await database.anonymiseCases(ofForm: form.id, at: now)
            report.anonymised += outcome.anonymised
            report.filesRemoved += outcome.filesRemoved
        }
        return report
    }

    /// `piazza retention run`: one pass over every portal of the daemon configured by `configFile`,
    /// with the databases opened and closed here.
    ///
    /// - Throws: `DaemonConfigError`, `ContentError` for the config and content;
    ///   ``MaintenanceError`` `.database` when a database does not open or refuses a write.
    public static func run(configFile: URL, at now: Date = Date()) async throws -> [Report] {
        let config = try DaemonConfig.load(from: configFile)
        let content = try ContentTree.load(from: config.contentFolder, portals: config.portals)
        var reports: [Report] = []
        for portal in content.portals {
            do {
                let database = try PortalDatabase(portalID: portal.id, dataFolder: config.dataFolder)
                defer { try? database.writer.close() }
                reports.append(try await run(portal: portal, database: database, at: now))
            } catch {
                throw MaintenanceError(
                    .database,
                    "retention of portal \(portal.id) stopped; fix the cause and run it again, it goes on "
                        + "where it stopped", cause: error)
            }
        }
        return reports
    }
}
