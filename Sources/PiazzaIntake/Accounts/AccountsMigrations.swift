import GRDB

/// The schema of the users database (`data/users.sqlite`), as an ordered list of migrations.
///
/// Separate from the portal databases because one user may work on several portals. A migration,
/// once released, is never edited; later features append their own.
enum AccountsMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 users") { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'tutor')),
                        password_hash TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        disabled_at TEXT
                    ) STRICT;

                    CREATE TABLE user_portals (
                        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                        portal TEXT NOT NULL,
                        PRIMARY KEY (user_id, portal)
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
