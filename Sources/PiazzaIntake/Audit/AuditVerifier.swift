import Foundation
import PiazzaContent

/// What `piazza audit verify` does: checks the audit chains of a daemon's data folder.
public struct AuditVerifier: Sendable {
    /// The outcome for one log.
    public struct Report: Sendable, Hashable {
        /// `portal prova` or `logins`.
        public var log: String
        public var isIntact: Bool
        /// `12 entries intact; head …` or the first broken entry (``AuditVerification/summary``).
        public var summary: String
    }

    let dataFolder: URL
    let served: [String]

    /// For the daemon configured by `configFile`.
    ///
    /// - Throws: `DaemonConfigError` for the file.
    public init(configFile: URL) throws {
        let config = try DaemonConfig.load(from: configFile)
        self.init(
            dataFolder: config.dataFolder, served: config.portals ?? ContentTree.portalIDs(in: config.contentFolder))
    }

    init(dataFolder: URL, served: [String]) {
        self.dataFolder = dataFolder
        self.served = served
    }

    /// Checks the chain of each portal in `portals`, then the login chain of the users database
    /// when `logins` is set; with neither, every served portal and the logins.
    ///
    /// - Throws: ``MaintenanceError``: `.unknownPortal`, `.missingDatabase`, `.database`.
    public func verify(portals: [String], logins: Bool) async throws -> [Report] {
        for portal in portals where !served.contains(portal) {
            throw MaintenanceError(
                .unknownPortal,
                "--portal \(portal): the daemon does not serve it; use one of: \(served.joined(separator: ", "))")
        }
        let everything = portals.isEmpty && !logins
        var reports: [Report] = []
        for portal in everything ? served : portals {
            let file = dataFolder.appendingPathComponent(portal).appendingPathComponent(PortalDatabase.fileName)
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw MaintenanceError(
                    .missingDatabase,
                    "no database for portal \(portal) at \(file.path); start the daemon once, or check `data:` in the config"
                )
            }
            let outcome = try await Self.check(file) {
                try PortalDatabase(portalID: portal, dataFolder: dataFolder)
            }
            reports.append(Report(log: "portal \(portal)", outcome))
        }
        if logins || everything {
            let file = dataFolder.appendingPathComponent(AccountsDatabase.fileName)
            reports.append(
                Report(log: "logins", try await Self.check(file) { try AccountsDatabase(dataFolder: dataFolder) }))
        }
        return reports
    }

    /// Opens a database, verifies its chain and closes it.
    private static func check(
        _ file: URL, open: () throws -> some AuditLogStore
    ) async throws -> AuditVerification {
        do {
            let database = try open()
            defer { try? database.writer.close() }
            return try await database.verifyAudit()
        } catch {
            throw MaintenanceError(
                .database, "cannot read \(file.path); check its permissions or restore it from a backup", cause: error)
        }
    }
}

extension AuditVerifier.Report {
    init(log: String, _ verification: AuditVerification) {
        self.log = log
        summary = verification.summary
        if case .intact = verification { isIntact = true } else { isIntact = false }
    }
}
