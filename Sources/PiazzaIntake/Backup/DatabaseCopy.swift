import Foundation
import GRDB

/// One SQLite database copied while the daemon keeps writing to it, through SQLite's online backup API
/// (GRDB's ``GRDB/DatabaseReader/backup(to:pagesPerStep:progress:)``) rather than a file copy, which
/// could catch a page half-written or miss what is still in the `-wal` file.
enum DatabaseCopy {
    /// Opens `file` to be copied: read-only, so that the copy never migrates or writes the live
    /// database, and waiting up to 10 s for a lock as the daemon's own connections do.
    ///
    /// - Throws: ``MaintenanceError`` `.database` when the file does not open.
    static func openSource(_ file: URL) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "piazza.backup.source"
        do {
            return try DatabaseQueue(path: file.path, configuration: configuration)
        } catch {
            throw MaintenanceError(
                .database,
                "cannot read \(file.path); run the backup as the daemon's user (sudo -u piazza) or check the "
                    + "file's permissions", cause: error)
        }
    }

    /// Writes the whole of `source`, as one read transaction sees it, into the new file `destination`
    /// (a single step of the backup API: the copy is one instant of the database, whatever commits
    /// meanwhile), as a self-contained file (rollback journal, no `-wal` beside it: the daemon turns WAL
    /// on again when it opens a restored copy), mode 0600, synced to disk, then checked by a fresh connection with
    /// `PRAGMA integrity_check`. `mark` runs on the copy, after the backup and before it is closed.
    ///
    /// - Returns: the copy's size in bytes.
    /// - Throws: ``MaintenanceError`` `.destination` when the copy cannot be written (a full disk
    ///   included), `.integrity` when the written copy fails the check.
    static func write(
        _ source: some DatabaseReader, to destination: URL, mark: (Database) throws -> Void = { _ in }
    ) throws -> Int64 {
        do {
            let copy = try DatabaseQueue(path: destination.path)
            try source.backup(to: copy)
            try copy.write(mark)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            // Personal data: for the daemon's user only, as the uploads are.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: destination.path)
            try DurableFiles.sync(destination)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw MaintenanceError(
                .destination,
                "the disk is full: cannot write \(destination.path); free space or pass --output on "
                    + "another disk", cause: error)
        } catch {
            throw MaintenanceError(
                .destination, "cannot write \(destination.path); check that its folder is writable and has space",
                cause: error)
        }
        try verify(destination)
        let attributes = try? FileManager.default.attributesOfItem(atPath: destination.path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Runs `PRAGMA integrity_check` on `file` through a new read-only connection.
    ///
    /// - Throws: ``MaintenanceError`` `.integrity` with SQLite's first problems when it answers anything
    ///   but `ok`, or when the file does not open.
    static func verify(_ file: URL) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let problems: [String]
        do {
            let queue = try DatabaseQueue(path: file.path, configuration: configuration)
            defer { try? queue.close() }
            problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw MaintenanceError(
                .integrity, "the copy \(file.path) does not open for its integrity check; run the backup again",
                cause: error)
        }
        guard problems == ["ok"] else {
            throw MaintenanceError(
                .integrity,
                "the copy \(file.path) fails PRAGMA integrity_check (\(problems.prefix(3).joined(separator: "; "))); "
                    + "run the backup again, and if it fails again check the source with "
                    + "`sqlite3 FILE 'PRAGMA integrity_check'`")
        }
    }
}
