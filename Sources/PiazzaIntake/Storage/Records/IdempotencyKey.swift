import Foundation
import GRDB

/// A row of `idempotency_keys`: the key of a submission (``IntakeApp/submissionKey(_:portal:form:answers:)``)
/// and the application it gave, so that the same submission sent again finds its receipt.
struct IdempotencyKey: SubmissionRow, PersistableRecord {
    static let databaseTableName = "idempotency_keys"

    /// Lowercase hex HMAC-SHA256.
    var key: String
    var applicationID: Int64
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case key
        case applicationID = "application_id"
        case createdAt = "created_at"
    }

    static let insertedColumns = [
        CodingKeys.key.rawValue, CodingKeys.applicationID.rawValue, CodingKeys.createdAt.rawValue,
    ]
    static let insertSQL = insertStatementSQL()

    var columnValues: [(any DatabaseValueConvertible)?] { [key, applicationID, Timestamp.string(createdAt)] }

    func encode(to container: inout PersistenceContainer) { encodeColumns(to: &container) }

    /// The receipt of the application stored with `key`, if any.
    static func receipt(forKey key: String, in db: Database) throws -> StoredReceipt? {
        // A cached statement: this runs for every submission, twice (before and inside the write).
        let statement = try db.cachedStatement(
            sql: """
                SELECT a.token, a.number FROM idempotency_keys k JOIN applications a ON a.id = k.application_id
                WHERE k.key = ?
                """)
        return try Row.fetchOne(statement, arguments: [key]).map {
            StoredReceipt(token: $0["token"], number: $0["number"], isNew: false)
        }
    }
}
