import GRDB

/// A record every submission inserts (application, first event, idempotency key, household members):
/// its columns and their values in one list, which both `encode(to:)` (GRDB's writes: updates, other
/// inserts) and ``insertRow(_:)`` (the submission's write transaction) read.
///
/// Why not GRDB's `insert`: per row it builds a `PersistenceContainer`, a `DAO` that looks up the
/// table's primary key, and the SQL text, then finds the cached statement by that text; for the four
/// to six rows of each submission that was about 4 % of the daemon's CPU under `bench/intake.sh`, all
/// of it on the single writer. ``insertRow(_:)`` binds the values to a statement prepared once per
/// connection (GRDB's `cachedStatement`).
protocol SubmissionRow: PortalRecord {
    /// The columns the row writes, in the order of ``columnValues``.
    static var insertedColumns: [String] { get }
    /// `INSERT INTO table (columns) VALUES (?, …)`: each type keeps ``insertStatementSQL()`` in a `static let`.
    static var insertSQL: String { get }
    /// The stored values of ``insertedColumns``, in order.
    var columnValues: [(any DatabaseValueConvertible)?] { get }
}

extension SubmissionRow {
    /// The insert of ``insertedColumns``, then `extraColumns`, into the record's table.
    static func insertStatementSQL(extraColumns: [String] = []) -> String {
        let columns = insertedColumns + extraColumns
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(databaseTableName) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    /// Writes ``columnValues`` under ``insertedColumns``: what `encode(to:)` of each type does.
    func encodeColumns(to container: inout PersistenceContainer) {
        for (column, value) in zip(Self.insertedColumns, columnValues) { container[column] = value }
    }

    /// Inserts the row inside the caller's transaction with a cached prepared statement.
    ///
    /// - Returns: the new row's rowid (`id` of the tables that have one).
    /// - Throws: GRDB's `DatabaseError` (a constraint, a full disk); nothing is inserted then.
    @discardableResult
    func insertRow(_ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(columnValues))
        return db.lastInsertedRowID
    }
}
