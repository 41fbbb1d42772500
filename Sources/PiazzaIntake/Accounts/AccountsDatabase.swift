import Foundation
import GRDB

/// The back-office accounts: `data/users.sqlite`, next to the portal databases, behind methods
/// named by what the daemon and `piazza user` do with it.
///
/// One database for all portals, because a user may work on several. Applies every migration on
/// creation. Tests pass any writer, such as an in-memory `DatabaseQueue()`.
struct AccountsDatabase: Sendable {
    /// The database, for the methods here and for tests.
    let writer: any DatabaseWriter

    /// The file name under the data folder.
    static let fileName = "users.sqlite"

    /// Accounts on `writer`, migrated to the latest schema.
    ///
    /// - Throws: the migration's database error.
    init(writer: any DatabaseWriter) throws {
        try AccountsMigrations.migrator.migrate(writer)
        self.writer = writer
    }

    /// Opens (creating if needed) `dataFolder/users.sqlite`: WAL, `synchronous=FULL`, a 10 s busy
    /// timeout, like the portal databases.
    ///
    /// - Throws: the file system's error when the folder cannot be created, GRDB's when the file
    ///   does not open or migrate.
    init(dataFolder: URL) throws {
        try FileManager.default.createDirectory(
            at: dataFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "piazza.users"
        let pool = try DatabasePool(
            path: dataFolder.appendingPathComponent(Self.fileName).path, configuration: configuration)
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try self.init(writer: pool)
    }

    /// Adds an account with its portals, and for shop staff the partita IVA of their shop (`merchant`);
    /// with `actor`, records it in the audit log (``AuditAction/addUser``) in the same transaction.
    ///
    /// - Throws: ``AccountsError`` `.nameTaken` when the name exists; GRDB's error otherwise.
    func addUser(
        name: String, role: Role, portals: [String], merchant: String? = nil, passwordHash: String, at date: Date,
        actor: String? = nil
    ) async throws {
        try await writer.write { db in
            if try UserRecord.filter(Column("name") == name).fetchCount(db) > 0 {
                throw AccountsError(.nameTaken, "a user named '\(name)' exists; choose another name")
            }
            var user = UserRecord(
                name: name, role: role, passwordHash: passwordHash, createdAt: Timestamp.string(date),
                merchant: merchant)
            try user.insert(db)
            for portal in portals {
                try UserPortalRecord(userID: user.id!, portal: portal).insert(db)
            }
            if let actor {
                let detail = Self.accessDetail(name, role: role, portals: portals, merchant: merchant)
                try AuditChain.append(AuditEvent(at: date, actor: actor, action: .addUser, detail: detail), in: db)
            }
        }
    }

    /// The account named `name`, with its portals; `nil` when there is none.
    func user(named name: String) async throws -> (user: UserRecord, portals: [String])? {
        try await writer.read { db in
            guard let user = try UserRecord.filter(Column("name") == name).fetchOne(db), let id = user.id else {
                return nil
            }
            let portals = try String.fetchAll(
                db, sql: "SELECT portal FROM user_portals WHERE user_id = ? ORDER BY portal", arguments: [id])
            return (user, portals)
        }
    }

    /// Replaces the password hash of `name` and ends their sessions (a changed password is often a
    /// stolen one); with `audit`, records it (``AuditAction/changePassword``) in the same transaction.
    ///
    /// - Throws: ``AccountsError`` `.unknownUser`.
    func setPasswordHash(_ hash: String, forUser name: String, audit: (actor: String, at: Date)? = nil) async throws {
        try await updateExisting(
            name, audit: audit.map { (actor: $0.actor, action: AuditAction.changePassword, at: $0.at) }
        ) { db, id in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, id])
        }
    }

    /// Marks `name` disabled from `date` (kept, for the history of what they did) and ends their
    /// sessions; a disabled user cannot log in. Disabling twice keeps the first date. With `actor`,
    /// records it (``AuditAction/disableUser``) in the same transaction.
    ///
    /// - Throws: ``AccountsError`` `.unknownUser`.
    func disableUser(_ name: String, at date: Date, actor: String? = nil) async throws {
        try await updateExisting(name, audit: actor.map { (actor: $0, action: AuditAction.disableUser, at: date) }) {
            db, id in
            try db.execute(
                sql: "UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?",
                arguments: [Timestamp.string(date), id])
        }
    }

    /// Lets `name` log in again (clears the mark of ``disableUser(_:at:actor:)``; the account keeps its
    /// name, so its history in the audit log stays one). Enabling an enabled user changes nothing but is
    /// recorded too. With `actor`, records it (``AuditAction/enableUser``) in the same transaction.
    ///
    /// - Throws: ``AccountsError`` `.unknownUser`.
    func enableUser(_ name: String, at date: Date, actor: String? = nil) async throws {
        try await updateExisting(name, audit: actor.map { (actor: $0, action: AuditAction.enableUser, at: date) }) {
            db, id in
            try db.execute(sql: "UPDATE users SET disabled_at = NULL WHERE id = ?", arguments: [id])
        }
    }

    /// Replaces the role, the portals and the shop (``UserRecord/merchant``) of `name`, already checked
    /// by ``AccountRules``, and ends their sessions: a portal taken away is out of reach from the next
    /// request. With `actor`, records it (``AuditAction/changeUser``, the detail as for
    /// ``AuditAction/addUser``) in the same transaction.
    ///
    /// - Throws: ``AccountsError`` `.unknownUser`.
    func setAccess(
        _ name: String, role: Role, portals: [String], merchant: String?, at date: Date, actor: String? = nil
    ) async throws {
        try await updateExisting(
            name, audit: actor.map { (actor: $0, action: AuditAction.changeUser, at: date) },
            detail: Self.accessDetail(name, role: role, portals: portals, merchant: merchant)
        ) { db, id in
            try db.execute(
                sql: "UPDATE users SET role = ?, merchant = ? WHERE id = ?", arguments: [role.rawValue, merchant, id])
            try db.execute(sql: "DELETE FROM user_portals WHERE user_id = ?", arguments: [id])
            for portal in portals {
                try UserPortalRecord(userID: id, portal: portal).insert(db)
            }
        }
    }

    /// Every account, by name, without password hashes.
    func users() async throws -> [UserSummary] {
        try await writer.read { db in
            let portals = try Row.fetchAll(db, sql: "SELECT user_id, portal FROM user_portals ORDER BY portal")
            let byUser = Dictionary(grouping: portals, by: { $0["user_id"] as Int64 })
            return try UserRecord.order(Column("name")).fetchAll(db).map { user in
                UserSummary(
                    name: user.name, role: user.role,
                    portals: (byUser[user.id ?? 0] ?? []).map { $0["portal"] as String },
                    isDisabled: user.disabledAt != nil)
            }
        }
    }

    /// Closes the database.
    func close() throws { try writer.close() }

    /// The audit detail of an account's access: `name role portal… [partita IVA]`, space-separated.
    private static func accessDetail(_ name: String, role: Role, portals: [String], merchant: String?) -> String {
        ([name, role.rawValue] + portals + (merchant.map { [$0] } ?? [])).joined(separator: " ")
    }

    /// Runs `update` on the row of `name` (its id given), ends their sessions and records `audit` with
    /// `detail` (the name when `nil`), in one transaction.
    ///
    /// - Throws: ``AccountsError`` `.unknownUser` when there is no user `name`; nothing is written then.
    private func updateExisting(
        _ name: String, audit: (actor: String, action: AuditAction, at: Date)?, detail: String? = nil,
        _ update: @escaping @Sendable (Database, Int64) throws -> Void
    ) async throws {
        try await writer.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE name = ?", arguments: [name]) else {
                throw AccountsError(.unknownUser, "no user named '\(name)'; see `piazza user list`")
            }
            try update(db, id)
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [id])
            if let audit {
                try AuditChain.append(
                    AuditEvent(at: audit.at, actor: audit.actor, action: audit.action, detail: detail ?? name),
                    in: db)
            }
        }
    }
}
