import GRDB

/// A row of `counters`: the lowest numero pratica a year may continue from, raised only when a database
/// restored from a backup opens (``NumberReservation``); the numbers themselves come from the applications.
struct Counter: PortalRecord, PersistableRecord {
    static let databaseTableName = "counters"

    /// What a floor numbers.
    enum Name: String, Sendable, Codable, DatabaseValueConvertible {
        /// The numero pratica of applications.
        case application
    }

    var name: Name
    var year: Int
    /// The last value that may have been given.
    var value: Int

    /// The next numero pratica of `year` (1 for the first of the year): one past the year's last application
    /// or its floor in `counters`, whichever is larger. Gapless and unique, as the single writer takes it inside
    /// the transaction that inserts the application.
    ///
    /// Read from the `(year, seq)` unique index (one seek for the largest) and the floor's row: the writer no
    /// longer updates a counter row for each submission (up to migration v19 every number was an upsert of
    /// `counters`, whose value then always equalled the year's largest `seq` or a restore's floor, so
    /// numbering continues the same after the upgrade).
    static func next(year: Int, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: """
                SELECT max(
                    coalesce((SELECT max(seq) FROM applications WHERE year = ?1), 0),
                    coalesce((SELECT value FROM counters WHERE name = 'application' AND year = ?1), 0)) + 1
                """)
        return try Int.fetchOne(statement, arguments: [year])!
    }
}
