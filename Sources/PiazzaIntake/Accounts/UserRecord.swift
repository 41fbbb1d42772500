import Foundation
import GRDB

/// A row of `users`: one back-office account, with the bcrypt hash of its password.
struct UserRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "users"

    var id: Int64?
    /// The login name (``AccountRules/checkName(_:)``).
    var name: String
    var role: Role
    /// `$2b$…` from ``PasswordHashing``; never logged or printed.
    var passwordHash: String
    /// ISO 8601 UTC (``Timestamp``).
    var createdAt: String
    /// Set when the account was disabled; a disabled account cannot log in.
    var disabledAt: String?
    /// For role ``Role/merchant`` only: the partita IVA (11 digits) of the shop whose vouchers they redeem.
    var merchant: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case passwordHash = "password_hash"
        case createdAt = "created_at"
        case disabledAt = "disabled_at"
        case merchant
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `user_portals`: one portal an operator or tutor works on.
struct UserPortalRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "user_portals"

    var userID: Int64
    var portal: String

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case portal
    }
}

/// A back-office account as shown to administrators: no password hash.
public struct UserSummary: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// The portals of an operator or tutor, sorted; empty for an admin (who has them all).
    public var portals: [String]
    public var isDisabled: Bool
}
