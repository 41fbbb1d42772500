import Foundation
import Logging
import PiazzaContent

/// Retention (PRODUCT.md §8, research/domain.md §3.8): a case is anonymised once its own deadline
/// (`applications.retention_ends`) has passed. The deadline is fixed when the case is stored, from
/// its form's rule then (``PiazzaContent/FormDefinition/retentionEnds``: the window's `closes` plus
/// `retention_years`), so reopening the form for a new bando does not postpone earlier windows'
/// cases and removing the form from the content does not keep its cases for ever (findings-s12 #4).
/// Run by `piazza retention run` and daily by the daemon (``RetentionService``).
public enum Retention {
    /// What a pass did to one portal.
    public struct Report: Sendable, Hashable {
        public var portal: String
        /// Cases anonymised by this pass.
        public var anonymised: Int
        /// Upload files deleted by this pass.
        public var filesRemoved: Int
        /// Bookings not tied to an application anonymised by this pass.
        public var bookings = 0
    }

    /// Years after submission a case stored without a deadline (before the deadline was stored with
    /// each case) is kept when its form is no longer in the content: the piano di conservazione's
    /// common period for social-assistance files (research/domain.md §3.8; docs/OPERATORS.md).
    public static let formerFormYears = 10

    /// Months after its booking a booking of a calendar no longer in the content is kept when it has
    /// no deadline yet: ``PiazzaContent/CalendarDefinition/defaultRetentionMonths``.
    public static let formerCalendarMonths = CalendarDefinition.defaultRetentionMonths

    /// Gives a deadline to the cases of `portal` that have none (stored before deadlines were), then
    /// anonymises every case whose deadline has passed at `now`, whatever its form, and finishes the
    /// file deletions a crashed pass left; then the same for the bookings not tied to a case
    /// (their calendar's `retention_months` after the slot).
    ///
    /// - Throws: GRDB's error; what committed before stays done, and the next pass goes on.
    static func run(portal: Portal, database: PortalDatabase, at now: Date) async throws -> Report {
        var report = Report(portal: portal.id, anonymised: 0, filesRemoved: try await database.removeQueuedUploads())
        try await database.fixRetentionDeadlines(
            portal.forms.map { ($0.id, $0.retentionEnds) }, formerFormYears: formerFormYears)
        let outcome = try await database.anonymiseExpiredCases(at: now)
        report.anonymised += outcome.anonymised
        report.filesRemoved += outcome.filesRemoved
        try await database.fixBookingDeadlines(portal.calendars, formerCalendarMonths: formerCalendarMonths)
        report.bookings = try await database.anonymiseExpiredBookings(at: now)
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
