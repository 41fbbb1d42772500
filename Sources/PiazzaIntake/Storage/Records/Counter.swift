import GRDB

/// A row of `counters`: a per-year sequence.
struct Counter: PortalRecord, PersistableRecord {
    static let databaseTableName = "counters"

    /// What a sequence numbers; bookings will add their own.
    enum Name: String, Sendable, Codable, DatabaseValueConvertible {
        /// The numero pratica of applications.
        case application
    }

    var name: Name
    var year: Int
    /// The last value given.
    var value: Int

    /// Takes the next value of a sequence (1 for the first of the year).
    static func next(_ name: Name, year: Int, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO counters (name, year, value) VALUES (?, ?, 1)
                ON CONFLICT (name, year) DO UPDATE SET value = value + 1 RETURNING value
                """)
        return try Int.fetchOne(statement, arguments: [name, year])!
    }
}
