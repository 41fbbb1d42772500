import GRDB

/// A row of `household_members`: a de-omocodified codice fiscale of an application's household,
/// within the scope of the one-application-per-household rule.
struct HouseholdMember: SubmissionRow, PersistableRecord {
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

    static let insertedColumns = [
        CodingKeys.applicationID.rawValue, CodingKeys.fiscalCode.rawValue, CodingKeys.scope.rawValue,
    ]
    static let insertSQL = insertStatementSQL()

    var columnValues: [(any DatabaseValueConvertible)?] { [applicationID, fiscalCode, scope] }

    func encode(to container: inout PersistenceContainer) { encodeColumns(to: &container) }

    /// The numeri pratica of the first `limit` applications in `scope` sharing a member with
    /// `fiscalCodes`, oldest first.
    ///
    /// One statement: an indexed range per codice fiscale (`household_members_code_scope`, migration v16,
    /// which holds `application_id` in order after the code and scope), each stopping after the `limit` rows it
    /// may need (so the cost does not grow with the number of earlier duplicates), their union
    /// joined to the applications.
    static func earlierNumbers(scope: String, fiscalCodes: [String], limit: Int, in db: Database) throws -> [String] {
        guard !fiscalCodes.isEmpty else { return [] }
        let count = fiscalCodes.count
        let statement = try db.cachedStatement(
            sql: count <= earlierNumbersSQL.count ? earlierNumbersSQL[count - 1] : earlierNumbersSQL(members: count))
        var arguments: [any DatabaseValueConvertible] = []
        arguments.reserveCapacity(3 * count + 1)
        for code in fiscalCodes { arguments += [scope, code, limit] }
        arguments.append(limit)
        return try String.fetchAll(statement, arguments: StatementArguments(arguments))
    }

    /// The text of ``earlierNumbers(scope:fiscalCodes:limit:in:)``'s statement for households of one to eight members,
    /// made once instead of for every submission (the statement cache is keyed by this text).
    private static let earlierNumbersSQL = (1...8).map(earlierNumbersSQL(members:))

    private static func earlierNumbersSQL(members: Int) -> String {
        let member = """
            SELECT * FROM (SELECT application_id FROM household_members WHERE scope = ? AND fiscal_code = ?
            ORDER BY application_id LIMIT ?)
            """
        return """
            SELECT number FROM applications WHERE id IN (
            \(Array(repeating: member, count: members).joined(separator: "\nUNION ALL\n"))
            ) ORDER BY id LIMIT ?
            """
    }
}
