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
        migrator.registerMigration("v2 operator sessions") { db in
            // The cookie's value is never stored: a copy of this table must not let anyone log in.
            try db.execute(
                sql: """
                    CREATE TABLE sessions (
                        id_hash TEXT PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        last_seen_at TEXT NOT NULL
                    ) STRICT, WITHOUT ROWID;
                    CREATE INDEX sessions_user ON sessions (user_id);
                    """)
        }
        migrator.registerMigration("v3 login audit log") { db in
            // Logins, failed logins and logouts: an account is not a portal's, so they are chained here,
            // in the same table as each portal's audit log (AuditChain).
            try db.execute(sql: AuditChain.createTableSQL)
        }
        return migrator
    }
}
