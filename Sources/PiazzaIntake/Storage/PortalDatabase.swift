import Foundation
import GRDB

/// One portal's SQLite database (`data/<portal>/piazza.sqlite`) and its uploads folder.
///
/// WAL journal, `synchronous=FULL` (a commit survives power loss), a busy timeout, and every
/// migration applied on open. Each portal has its own file, for isolation, per-comune backup
/// and erasure.
public final class PortalDatabase: Sendable {
    /// The portal the database belongs to.
    public let portalID: String
    /// The connection pool: one writer, concurrent readers.
    public let pool: DatabasePool
    /// `data/<portal>/uploads/`, outside any web root.
    public let uploadsFolder: URL

    /// The file name of every portal database.
    public static let fileName = "piazza.sqlite"

    /// Opens (creating if needed) the database of a portal under `dataFolder/<portal>/`.
    public init(portalID: String, dataFolder: URL) throws {
        let folder = dataFolder.appendingPathComponent(portalID)
        uploadsFolder = folder.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(
            at: uploadsFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "piazza.\(portalID)"
        self.portalID = portalID
        pool = try DatabasePool(path: folder.appendingPathComponent(Self.fileName).path, configuration: configuration)
        // GRDB turns WAL on with `synchronous=NORMAL` (durable across crashes, not power loss) after
        // `prepareDatabase` runs, so FULL is set here, on the one writer connection, once it exists.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try PortalMigrations.migrator.migrate(pool)
    }
}
