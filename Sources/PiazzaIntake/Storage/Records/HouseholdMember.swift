import GRDB

/// A row of `household_members`: a de-omocodified codice fiscale of an application's household,
/// within the scope of the one-application-per-household rule.
struct HouseholdMember: PortalRecord, PersistableRecord {
    static let databaseTableName = "household_members"

    var applicationID: Int64
    var fiscalCode: String
    /// The measure (or form) and its bando window: `measure@2026-01-01T09:00`.
    var scope: String

    enum CodingKeys: String, CodingKey {
        case applicationID = "application_id"
        case fiscalCode = "fiscal_code"
        case scope
    }

    /// The numeri pratica of the first `limit` applications in `scope` sharing a member with
    /// `fiscalCodes`, oldest first.
    ///
    /// One indexed range per codice fiscale, each stopping after the few rows it needs, so the
    /// cost does not grow with the number of earlier duplicates.
    static func earlierNumbers(scope: String, fiscalCodes: [String], limit: Int, in db: Database) throws -> [String] {
        let members = try db.cachedStatement(
            sql: """
                SELECT application_id FROM household_members WHERE scope = ? AND fiscal_code = ?
                ORDER BY application_id LIMIT ?
                """)
        var ids = Set<Int64>()
        for code in fiscalCodes {
            ids.formUnion(try Int64.fetchAll(members, arguments: [scope, code, limit]))
        }
        let number = try db.cachedStatement(sql: "SELECT number FROM applications WHERE id = ?")
        return try ids.sorted().prefix(limit).map { id in try String.fetchOne(number, arguments: [id])! }
    }
}
