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
        migrator.registerMigration("v4 merchant staff") { db in
            // Shop staff (role `merchant`, issue 19) log in to redeem vouchers for one shop: `merchant` is the
            // partita IVA of that shop in their one portal, set for them and only them. SQLite cannot alter
            // a CHECK, so the table is rebuilt (sqlite.org/lang_altertable.html, "other kinds of table schema
            // changes") with its rows and ids; GRDB runs migrations with foreign keys off and checks them
            // before the commit, so sessions and user_portals keep pointing at the same ids.
            try db.execute(
                sql: """
                    CREATE TABLE users_v4 (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'tutor', 'merchant')),
                        password_hash TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        disabled_at TEXT,
                        merchant TEXT,
                        CHECK ((role = 'merchant') = (merchant IS NOT NULL))
                    ) STRICT;
                    INSERT INTO users_v4 (id, name, role, password_hash, created_at, disabled_at)
                    SELECT id, name, role, password_hash, created_at, disabled_at FROM users;
                    DROP TABLE users;
                    ALTER TABLE users_v4 RENAME TO users;
                    """)
        }
        return migrator
    }
}
