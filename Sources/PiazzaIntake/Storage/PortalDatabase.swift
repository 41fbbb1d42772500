import Foundation
import GRDB

/// One portal's storage: its SQLite database and its uploads folder, behind methods named by
/// what the daemon does with them (store an application, find the receipt of a repeated
/// submission, read an application, ping).
///
/// Owns the writer and the ``GroupCommitter`` that batches its write transactions, and applies
/// every migration on creation. The daemon opens the real file with
/// ``init(portalID:dataFolder:)``; tests pass any writer, such as an in-memory `DatabaseQueue()`.
struct PortalDatabase: Sendable {
    /// The portal the database belongs to.
    let portalID: String
    /// The database, for the methods here and for tests; the daemon goes through the methods.
    let writer: any DatabaseWriter
    /// Writes are batched: nobody returns before the transaction holding their write has committed.
    let committer: GroupCommitter
    /// `data/<portal>/uploads/`, outside any web root.
    let uploads: UploadStore
    /// `data/<portal>/numbers`, the numeri pratica that may have been issued (``NumberReservation``);
    /// `nil` for a database that is not a portal's file (tests).
    let numbers: NumberReservation?

    /// The file name of every portal database.
    static let fileName = "piazza.sqlite"

    /// Storage on `writer`, migrated to the latest schema, with uploads under an existing `uploadsFolder`
    /// and, with `numbersFolder`, the numeri pratica file there (``NumberReservation``; a restored
    /// database's counters raised past it).
    ///
    /// - Throws: the migration's database error; ``NumberReservation/open(folder:writer:)``'s.
    init(portalID: String, writer: any DatabaseWriter, uploadsFolder: URL, numbersFolder: URL? = nil) throws {
        try PortalMigrations.migrator.migrate(writer)
        self.portalID = portalID
        self.writer = writer
        committer = GroupCommitter(writer: writer)
        uploads = UploadStore(folder: uploadsFolder)
        numbers = try numbersFolder.map { try NumberReservation.open(folder: $0, writer: writer) }
    }

    /// Opens (creating if needed) the database of a portal, `dataFolder/<portal>/piazza.sqlite`, and
    /// its uploads folder.
    ///
    /// WAL journal, `synchronous=FULL` on the writer (a commit survives power loss), statement journals
    /// in memory, a 10 s busy timeout. Each portal has its own file, for isolation, per-comune backup and erasure.
    ///
    /// - Throws: the file system's error when the folders cannot be created, GRDB's when the file
    ///   does not open or migrate.
    init(portalID: String, dataFolder: URL) throws {
        let folder = dataFolder.appendingPathComponent(portalID)
        let uploadsFolder = folder.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(
            at: uploadsFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "piazza.\(portalID)"
        let pool = try DatabasePool(
            path: folder.appendingPathComponent(Self.fileName).path, configuration: configuration)
        // GRDB turns WAL on with `synchronous=NORMAL` (durable across crashes, not power loss) after
        // `prepareDatabase` runs, so FULL is set here, on the one writer connection, once it exists.
        // `temp_store=MEMORY` keeps the statement journal of each write's savepoint (GroupCommitter) in
        // memory: a submission changes more pages than the 64 KiB SQLite keeps in memory by default, and
        // past that the old content of every page it changed went to a temporary file, most of the
        // daemon's write calls (sqlite.org/tempfiles.html §2.5, §5). Nothing durable is in that journal.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY")
        }
        try self.init(portalID: portalID, writer: pool, uploadsFolder: uploadsFolder, numbersFolder: folder)
    }

    /// Answers when the database can be read.
    func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Write transactions committed and the writes they held, since opening (for metrics: writes per
    /// transaction shows group commit at work).
    func commitCounts() async -> (transactions: Int, writes: Int) {
        (await committer.commits, await committer.writes)
    }

    /// Waits for every pending commit, then closes the database.
    func close() async throws {
        await committer.waitUntilIdle()
        try writer.close()
    }
}
