import Crypto
import Foundation
import GRDB

extension AccountsDatabase {
    /// Stores a new session of `userID`, keyed by the SHA-256 of its cookie value.
    func openSession(_ id: SessionID, userID: Int64, csrf: String, at date: Date) async throws {
        try await writer.write { db in
            let now = Timestamp.string(date)
            try db.execute(
                sql: "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id.hash, userID, csrf, now, now])
        }
    }

    /// The live session with this cookie value, its last use moved to `date` when `touches`; `nil`
    /// (and, when `touches`, the row removed) when there is none, its user is disabled, or it was idle
    /// for longer than `idle`.
    ///
    /// `touches` is false for a request that must write nothing, a `HEAD`
    /// (``OperatorController/delivers(_:)``): the session is read, neither extended nor removed.
    func session(_ id: SessionID, at date: Date, idle: TimeInterval, touches: Bool) async throws
        -> OperatorSession?
    {
        guard touches else {
            return try await writer.read { db in try Self.liveSession(id, at: date, idle: idle, in: db) }
        }
        return try await writer.write { db in
            guard let session = try Self.liveSession(id, at: date, idle: idle, in: db) else {
                try db.execute(sql: "DELETE FROM sessions WHERE id_hash = ?", arguments: [id.hash])
                return nil
            }
            try db.execute(
                sql: "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?",
                arguments: [Timestamp.string(date), id.hash])
            return session
        }
    }

    /// The session with this cookie value when it is live at `date`: its user enabled, used within `idle`.
    private static func liveSession(_ id: SessionID, at date: Date, idle: TimeInterval, in db: Database) throws
        -> OperatorSession?
    {
        let sql = """
            SELECT s.csrf, s.last_seen_at, u.id, u.name, u.role, u.disabled_at, u.merchant
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?
            """
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [id.hash]) else { return nil }
        let lastSeen = Timestamp.date(row["last_seen_at"]) ?? .distantPast
        guard (row["disabled_at"] as String?) == nil, date.timeIntervalSince(lastSeen) <= idle,
            let role = Role(rawValue: row["role"])
        else { return nil }
        let portals = try String.fetchAll(
            db, sql: "SELECT portal FROM user_portals WHERE user_id = ? ORDER BY portal",
            arguments: [row["id"] as Int64])
        return OperatorSession(
            id: id, name: row["name"], role: role, portals: portals, merchant: row["merchant"], csrf: row["csrf"])
    }

    /// Removes a session (logout).
    func closeSession(_ id: SessionID) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE id_hash = ?", arguments: [id.hash])
        }
    }
}

/// The value of an operator's session cookie: 130 random bits (``RandomToken``), new at every login.
struct SessionID: Sendable, Hashable {
    let value: String

    /// A new random id.
    init() { value = RandomToken.make() }

    /// The id a cookie carries; `nil` when it is not one piazza could have made.
    init?(cookie: String) {
        guard RandomToken.isWellFormed(cookie) else { return nil }
        value = cookie
    }

    /// What the database keeps: lower-case hex SHA-256 of the value.
    var hash: String { Hex.string(SHA256.hash(data: Data(value.utf8))) }
}
