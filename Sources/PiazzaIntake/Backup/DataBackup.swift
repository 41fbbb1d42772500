import Foundation
import GRDB
import PiazzaContent

/// What `piazza backup` does: a consistent copy of a daemon's data taken while it runs (PRODUCT.md §9,
/// docs/DAEMON.md *Backup and restore*).
///
/// The backup folder has the data folder's own layout, so that a restore is a copy back:
/// `<portal>/piazza.sqlite` and `<portal>/uploads/` for each portal, and in a backup of every portal
/// `users.sqlite` (accounts, sessions, the login log) and `secret` (the key of the idempotency keys).
/// It is written as `.<name>.partial` and renamed to `<name>` once every file in it is written, synced
/// and checked, so a folder without the suffix is always a whole backup.
public struct DataBackup: Sendable {
    /// What went into a finished backup.
    public struct Report: Sendable, Hashable {
        /// The backup folder.
        public var folder: URL
        /// One per database, uploads folder and secret, in the order written.
        public var items: [Item]
        /// What was left out and why (a portal without a database yet, uploads missing at the source).
        public var warnings: [String]
        /// Older backups deleted by the rotation (`keep` of ``write(portals:into:at:keep:)``), oldest first.
        public var removed: [URL] = []
    }

    /// How many backups of each kind `write` keeps without `keep`: two weeks of nightly copies
    /// (docs/DAEMON.md, *Backup and restore*). A backup keeps every case as it was, so a case
    /// anonymised by retention stays readable in the older copies until they are deleted: this is the
    /// longest (in nightly copies) that anonymised data outlives retention on this disk.
    public static let keptByDefault = 14

    /// One thing in the backup; its description is the line `piazza backup` prints.
    public enum Item: Sendable, Hashable, CustomStringConvertible {
        /// A database copied and checked with `PRAGMA integrity_check`; `path` relative to the folder.
        case database(path: String, bytes: Int64)
        /// A portal's uploads (``UploadCopy``).
        case uploads(path: String, files: Int, bytes: Int64, linked: Int, removedSince: Int)
        /// The secret file, copied with mode 0600.
        case secret(path: String)

        public var description: String {
            switch self {
            case .database(let path, let bytes):
                return "\(path): \(bytes) bytes, PRAGMA integrity_check ok"
            case .uploads(let path, let files, let bytes, let linked, let removedSince):
                let how =
                    files == 0
                    ? "" : linked == files ? " (hard links)" : linked == 0 ? " (copied)" : " (\(linked) hard links)"
                let removed =
                    removedSince == 0 ? "" : "; \(removedSince) deleted by retention since the database's copy"
                return "\(path): \(files) files, \(bytes) bytes\(how)\(removed)"
            case .secret(let path):
                return "\(path): copied, mode 0600"
            }
        }
    }

    let dataFolder: URL
    let served: [String]
    let secretFile: URL
    /// Who the audit entries say made the backup (``AuditEvent/commandLineActor`` for the command).
    let actor: String

    /// For the daemon configured by `configFile`.
    ///
    /// - Throws: `DaemonConfigError` for the file.
    public init(configFile: URL) throws {
        let config = try DaemonConfig.load(from: configFile)
        self.init(
            dataFolder: config.dataFolder, served: config.portals ?? ContentTree.portalIDs(in: config.contentFolder),
            secretFile: config.secretFile)
    }

    init(dataFolder: URL, served: [String], secretFile: URL, actor: String = AuditEvent.commandLineActor) {
        self.dataFolder = dataFolder
        self.served = served
        self.secretFile = secretFile
        self.actor = actor
    }

    /// Where backups go without `--output`: `<data>/backups/`.
    public var defaultParent: URL { dataFolder.appendingPathComponent("backups") }

    /// `piazza-20261201T093000Z`, with `-<portal>` for each portal of a partial backup: UTC, so that
    /// names sort by time whatever the clock's zone.
    static func folderName(at date: Date, portals: [String]) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return (["piazza-" + formatter.string(from: date)] + portals).joined(separator: "-")
    }

    /// Writes a backup of `portals` (every served portal, the accounts and the secret when empty) into
    /// a new folder under `parent` (``defaultParent`` when `nil`) named for `date`, then deletes the
    /// backups of the same portals under `parent` older than the `keep` latest (this one included;
    /// 0 keeps them all).
    ///
    /// Each database is one instant of itself; the databases are copied one after the other, each
    /// after an ``AuditAction/backup`` entry (the folder's name as the detail) is appended to its
    /// audit log, so the copy holds it too. Only
    /// folders named as this type names them (`piazza-<UTC time>`, with the same `-<portal>` list)
    /// are counted and deleted; any other file under `parent` is left alone.
    ///
    /// - Throws: ``MaintenanceError``: `.unknownPortal` for a portal not served, `.missingDatabase` for a
    ///   portal asked by name that has no database yet, `.destination` when the folder exists or cannot
    ///   be written, `.database` when a source does not open, `.integrity` when a copy fails its check.
    ///   Nothing is left under `parent` then. `.destination` too when an old backup cannot be deleted;
    ///   the new one is whole then.
    public func write(
        portals: [String], into parent: URL? = nil, at date: Date = Date(), keep: Int = keptByDefault
    ) throws -> Report {
        for portal in portals where !served.contains(portal) {
            throw MaintenanceError(
                .unknownPortal,
                "--portal \(portal): the daemon does not serve it; use one of: \(served.joined(separator: ", "))")
        }
        try checkUser()
        let parent = parent ?? defaultParent
        let name = Self.folderName(at: date, portals: portals)
        let folder = parent.appendingPathComponent(name)
        let partial = parent.appendingPathComponent(".\(name).partial")
        try DurableFiles.createFolder(parent)
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw MaintenanceError(
                .destination, "\(folder.path) exists already; wait a second and run the backup again")
        }
        try? FileManager.default.removeItem(at: partial)
        try DurableFiles.createFolder(partial)
        var report = Report(folder: folder, items: [], warnings: [])
        do {
            for portal in portals.isEmpty ? served : portals {
                try copyPortal(portal, into: partial, named: !portals.isEmpty, at: date, report: &report)
            }
            if portals.isEmpty { try copyShared(into: partial, at: date, report: &report) }
            try DurableFiles.sync(partial)
            guard rename(partial.path, folder.path) == 0 else {
                throw MaintenanceError(
                    .destination, "cannot rename \(partial.path) to \(folder.path): \(String(cString: strerror(errno)))"
                )
            }
            try DurableFiles.sync(parent)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        if keep > 0 { report.removed = try rotate(parent, keeping: keep, like: name) }
        return report
    }

    /// Deletes the folders under `parent` named like `newest` (a backup of the same portals) but
    /// older, beyond the `keep` latest.
    ///
    /// - Returns: the folders deleted, oldest first.
    /// - Throws: ``MaintenanceError`` `.destination` when one cannot be deleted (the new backup stays).
    private func rotate(_ parent: URL, keeping keep: Int, like newest: String) throws -> [URL] {
        let pattern = /piazza-[0-9]{8}T[0-9]{6}Z(.*)/
        let suffix = newest.wholeMatch(of: pattern)?.1
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        let same = names.filter { name in name.wholeMatch(of: pattern)?.1 == suffix && name <= newest }.sorted()
        let old = same.dropLast(keep).map { parent.appendingPathComponent($0) }
        for folder in old {
            do {
                try FileManager.default.removeItem(at: folder)
            } catch {
                throw MaintenanceError(
                    .destination,
                    "the backup was written, but the old backup \(folder.path) cannot be deleted "
                        + "(\(DurableFiles.reason(error))); delete it by hand as the daemon's user")
            }
        }
        if !old.isEmpty { try DurableFiles.sync(parent) }
        return old
    }

    /// Refuses root on a data folder that belongs to another user (the daemon's): SQLite would create the
    /// `-wal` and `-shm` files of a database the daemon has closed as root's, and the daemon could not
    /// open that database again.
    ///
    /// - Throws: ``MaintenanceError`` `.database` saying which user to run as.
    private func checkUser() throws {
        var status = stat()
        guard geteuid() == 0, stat(dataFolder.path, &status) == 0, status.st_uid != 0 else { return }
        let owner = getpwuid(status.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "\(status.st_uid)"
        throw MaintenanceError(
            .database,
            "the data folder \(dataFolder.path) belongs to \(owner), and root would leave files there the daemon "
                + "cannot open; run the backup as that user: sudo -u \(owner) piazza backup ...")
    }

    /// `<portal>/piazza.sqlite` and the uploads its copy refers to.
    private func copyPortal(_ portal: String, into backup: URL, named: Bool, at date: Date, report: inout Report)
        throws
    {
        let live = dataFolder.appendingPathComponent(portal)
        let source = live.appendingPathComponent(PortalDatabase.fileName)
        guard FileManager.default.fileExists(atPath: source.path) else {
            let message =
                "no database for portal \(portal) at \(source.path); start the daemon once, or check `data:` in the config"
            if named { throw MaintenanceError(.missingDatabase, message) }
            report.warnings.append("\(portal): skipped, " + message)
            return
        }
        let folder = backup.appendingPathComponent(portal)
        let uploads = folder.appendingPathComponent("uploads")
        try DurableFiles.createFolder(uploads)
        try recordBackup(in: source, at: date, name: report.folder.lastPathComponent)
        let reader = try DatabaseCopy.openSource(source)
        defer { try? reader.close() }
        let copy = folder.appendingPathComponent(PortalDatabase.fileName)
        // Marked, so that the daemon opening it once restored numbers past every numero pratica that
        // may have been issued after this instant (NumberReservation).
        let bytes = try DatabaseCopy.write(reader, to: copy) { db in
            try db.execute(
                sql: """
                    CREATE TABLE \(NumberReservation.markTable) (taken_at TEXT NOT NULL);
                    INSERT INTO \(NumberReservation.markTable) VALUES (datetime('now'));
                    """)
        }
        report.items.append(.database(path: "\(portal)/\(PortalDatabase.fileName)", bytes: bytes))
        let names = try Self.storedNames(in: DatabaseCopy.openSource(copy))
        let outcome = try UploadCopy.write(
            names, from: live.appendingPathComponent("uploads"), to: uploads
        ) { name in
            try reader.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM files WHERE stored_name = ?)", arguments: [name])
                    ?? false
            }
        }
        report.items.append(
            .uploads(
                path: "\(portal)/uploads/", files: outcome.files, bytes: outcome.bytes, linked: outcome.linked,
                removedSince: outcome.removedSince))
        for name in outcome.missing {
            report.warnings.append(
                "\(portal): upload \(name) is in the database but not in \(live.path)/uploads/; it is not in the backup "
                    + "either (restore it from an older backup)")
        }
        try DurableFiles.sync(folder)
    }

    /// The upload names a portal database's copy refers to, read from the copy itself so that they
    /// match its instant.
    private static func storedNames(in copy: DatabaseQueue) throws -> [String] {
        defer { try? copy.close() }
        do {
            return try copy.read { db in try String.fetchAll(db, sql: "SELECT stored_name FROM files ORDER BY id") }
        } catch {
            throw MaintenanceError(
                .integrity, "cannot read the file list of \(copy.path); run the backup again", cause: error)
        }
    }

    /// Appends the ``AuditAction/backup`` entry to the audit log of the live database `file`.
    ///
    /// - Throws: ``MaintenanceError`` `.database` when it cannot be written.
    private func recordBackup(in file: URL, at date: Date, name: String) throws {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: file.path, configuration: configuration)
            defer { try? queue.close() }
            try queue.write { db in
                _ = try AuditChain.append(AuditEvent(at: date, actor: actor, action: .backup, detail: name), in: db)
            }
        } catch {
            throw MaintenanceError(
                .database,
                "cannot record the backup in the audit log of \(file.path); run the backup as the daemon's user "
                    + "(sudo -u piazza), who can write it", cause: error)
        }
    }

    /// `users.sqlite` and `secret`, each when the daemon has created it.
    private func copyShared(into backup: URL, at date: Date, report: inout Report) throws {
        let accounts = dataFolder.appendingPathComponent(AccountsDatabase.fileName)
        if FileManager.default.fileExists(atPath: accounts.path) {
            try recordBackup(in: accounts, at: date, name: report.folder.lastPathComponent)
            let reader = try DatabaseCopy.openSource(accounts)
            defer { try? reader.close() }
            let bytes = try DatabaseCopy.write(reader, to: backup.appendingPathComponent(AccountsDatabase.fileName))
            report.items.append(.database(path: AccountsDatabase.fileName, bytes: bytes))
        } else {
            report.warnings.append(
                "no \(AccountsDatabase.fileName) in \(dataFolder.path) yet (no operator account): not in the backup")
        }
        guard FileManager.default.fileExists(atPath: secretFile.path) else {
            report.warnings.append(
                "no secret file at \(secretFile.path) yet (the daemon creates it at start): not in the backup")
            return
        }
        let copy = backup.appendingPathComponent("secret")
        do {
            try FileManager.default.copyItem(at: secretFile, to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy.path)
        } catch {
            throw MaintenanceError(
                .destination,
                "cannot copy the secret file \(secretFile.path) into the backup (\(DurableFiles.reason(error))); run "
                    + "the backup as the daemon's user")
        }
        try DurableFiles.sync(copy)
        report.items.append(.secret(path: "secret"))
    }
}
