import GRDB

/// The schema of a portal's database, as an ordered list of migrations.
///
/// Later features (back office, bookings, audit log) append their own migrations here; a
/// migration, once released, is never edited.
enum PortalMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 intake") { db in
            // Per-year counters: `application` gives the numero pratica; bookings will add their own name.
            try db.execute(
                sql: """
                    CREATE TABLE counters (
                        name TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        value INTEGER NOT NULL,
                        PRIMARY KEY (name, year)
                    ) STRICT, WITHOUT ROWID;

                    CREATE TABLE applications (
                        id INTEGER PRIMARY KEY,
                        token TEXT NOT NULL UNIQUE,
                        number TEXT NOT NULL UNIQUE,
                        year INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        form_id TEXT NOT NULL,
                        submitted_at TEXT NOT NULL,
                        channel TEXT NOT NULL CHECK (channel IN ('online', 'assisted')),
                        answers TEXT NOT NULL,
                        checks TEXT NOT NULL,
                        benefit_cents INTEGER,
                        state TEXT NOT NULL,
                        UNIQUE (year, seq)
                    ) STRICT;
                    CREATE INDEX applications_form ON applications (form_id, submitted_at);

                    CREATE TABLE application_events (
                        id INTEGER PRIMARY KEY,
                        application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                        at TEXT NOT NULL,
                        state TEXT NOT NULL,
                        note TEXT,
                        actor TEXT
                    ) STRICT;
                    CREATE INDEX application_events_application ON application_events (application_id, id);

                    CREATE TABLE files (
                        id INTEGER PRIMARY KEY,
                        application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                        field TEXT NOT NULL,
                        stored_name TEXT NOT NULL UNIQUE,
                        original_name TEXT NOT NULL,
                        mime TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX files_application ON files (application_id);

                    CREATE TABLE idempotency_keys (
                        key TEXT PRIMARY KEY,
                        application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                        created_at TEXT NOT NULL
                    ) STRICT, WITHOUT ROWID;

                    -- De-omocodified codici fiscali of each household, for the one-per-household check.
                    -- Key columns come first: SQLite 3.40's integrity_check misreports NULLs in WITHOUT
                    -- ROWID tables whose other columns are declared before the key.
                    CREATE TABLE household_members (
                        application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                        fiscal_code TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        PRIMARY KEY (application_id, fiscal_code)
                    ) STRICT, WITHOUT ROWID;
                    CREATE INDEX household_members_lookup ON household_members (scope, fiscal_code);
                    """)
        }
        migrator.registerMigration("v2 idempotency keys bound to answers") { db in
            // Keys written by v1 are the HMAC of the one-time key alone, which returned a receipt to
            // anyone who sent that key again. Keys are now computed over the key and the answers, so
            // the old ones can never match: they are removed rather than left to look meaningful.
            try db.execute(sql: "DELETE FROM idempotency_keys")
        }
        migrator.registerMigration("v3 bookings") { db in
            // Seats held in calendar slots (PortalDatabase+Bookings); the index serves the capacity sum.
            try db.execute(
                sql: """
                    CREATE TABLE bookings (
                        id INTEGER PRIMARY KEY,
                        token TEXT NOT NULL UNIQUE,
                        calendar_id TEXT NOT NULL,
                        slot_id TEXT NOT NULL,
                        seats INTEGER NOT NULL CHECK (seats > 0),
                        name TEXT NOT NULL,
                        contact TEXT NOT NULL,
                        application_number TEXT,
                        fiscal_code TEXT,
                        booked_at TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('confermata', 'cancellata')),
                        cancelled_at TEXT
                    ) STRICT;
                    CREATE INDEX bookings_slot ON bookings (calendar_id, slot_id, state);
                    """)
        }
        migrator.registerMigration("v4 payments") { db in
            // One row per paid case (PortalDatabase+Payments): an accepted case with a benefit and no
            // row is "da pagare". The partial index serves the payments list without a full scan.
            try db.execute(
                sql: """
                    CREATE TABLE payments (
                        application_id INTEGER PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
                        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                        paid_on TEXT NOT NULL,
                        reference TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        recorded_at TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX applications_payable ON applications (id)
                        WHERE state = 'accolta' AND benefit_cents > 0;
                    """)
        }
        migrator.registerMigration("v5 bookings waitlist and attendance") { db in
            // A booking may wait for a seat ('in attesa') and carries its attendance. SQLite cannot
            // alter a CHECK, so the table is rebuilt (sqlite.org/lang_altertable.html, "other kinds
            // of table schema changes"), every row kept; no other table refers to bookings.
            try db.execute(
                sql: """
                    CREATE TABLE bookings_v5 (
                        id INTEGER PRIMARY KEY,
                        token TEXT NOT NULL UNIQUE,
                        calendar_id TEXT NOT NULL,
                        slot_id TEXT NOT NULL,
                        seats INTEGER NOT NULL CHECK (seats > 0),
                        name TEXT NOT NULL,
                        contact TEXT NOT NULL,
                        application_number TEXT,
                        fiscal_code TEXT,
                        booked_at TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('confermata', 'in attesa', 'cancellata')),
                        cancelled_at TEXT,
                        promoted_at TEXT,
                        attendance TEXT CHECK (attendance IN ('presente', 'assente', 'giustificato')),
                        attendance_by TEXT,
                        attendance_at TEXT
                    ) STRICT;
                    INSERT INTO bookings_v5 (
                        id, token, calendar_id, slot_id, seats, name, contact, application_number, fiscal_code,
                        booked_at, state, cancelled_at)
                    SELECT id, token, calendar_id, slot_id, seats, name, contact, application_number, fiscal_code,
                        booked_at, state, cancelled_at FROM bookings;
                    DROP TABLE bookings;
                    ALTER TABLE bookings_v5 RENAME TO bookings;
                    CREATE INDEX bookings_slot ON bookings (calendar_id, slot_id, state);
                    """)
        }
        migrator.registerMigration("v7 audit log") { db in
            // The hash-chained log of what operators read, change, download and export (AuditChain):
            // `seq` counts from 1 without gaps, each `hash` is SHA-256 over `previous_hash` and the entry.
            try db.execute(sql: AuditChain.createTableSQL)
        }
        migrator.registerMigration("v8 retention") { db in
            // When retention anonymised an application (PortalDatabase+Retention), and the uploads whose
            // rows it removed, queued for deletion after the commit so a crash never loses track of one.
            try db.execute(
                sql: """
                    ALTER TABLE applications ADD COLUMN anonymised_at TEXT;
                    CREATE TABLE upload_removals (stored_name TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v9 queue filters and search") { db in
            // The queue's filters and search (PortalDatabase+QueueSearch): a `flagged` column and an
            // index per filter, the applicants' codici fiscali in a side table, existing rows backfilled.
            try PortalDatabase.addQueueSearch(db)
        }
        migrator.registerMigration("v10 case messages and benefit changes") { db in
            // Messages an operator writes to the citizen (shown on /r/{token}) and every change of the
            // benefit amount with its reason (PortalDatabase+CaseFile). The household index serves the
            // case page's "same household" list, which matches codici fiscali across scopes.
            try db.execute(
                sql: """
                    CREATE TABLE messages (
                        id INTEGER PRIMARY KEY,
                        application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                        at TEXT NOT NULL,
                        author TEXT NOT NULL,
                        text TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX messages_application ON messages (application_id, id);

                    CREATE TABLE benefit_changes (
                        id INTEGER PRIMARY KEY,
                        application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        previous_cents INTEGER,
                        cents INTEGER NOT NULL CHECK (cents >= 0),
                        reason TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX benefit_changes_application ON benefit_changes (application_id, id);

                    CREATE INDEX household_members_code ON household_members (fiscal_code, application_id);
                    """)
        }
        migrator.registerMigration("v11 vouchers, merchants and redemptions") { db in
            // Buoni spesa (issue 19, PortalDatabase+Vouchers): one voucher per accepted case of a voucher
            // measure, the shops enrolled by an accepted enrolment case with the measures they take, and
            // each purchase paid with a voucher. A voucher's balance is its amount less its redemptions not
            // voided, summed inside the write transaction that adds one; expiry is `valid_until` (the last
            // day, Rome). `idempotency_key` holds the SHA-256 of the form's one-time key and the values
            // posted with it, so a double submit finds its row.
            try db.execute(
                sql: """
                    CREATE TABLE vouchers (
                        id INTEGER PRIMARY KEY,
                        application_id INTEGER NOT NULL UNIQUE REFERENCES applications (id),
                        code TEXT NOT NULL UNIQUE,
                        measure TEXT NOT NULL,
                        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                        valid_until TEXT NOT NULL,
                        issued_at TEXT NOT NULL,
                        issued_by TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE merchants (
                        id INTEGER PRIMARY KEY,
                        partita_iva TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        iban TEXT NOT NULL,
                        application_id INTEGER NOT NULL UNIQUE REFERENCES applications (id),
                        enrolled_at TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE merchant_measures (
                        merchant_id INTEGER NOT NULL REFERENCES merchants (id),
                        measure TEXT NOT NULL,
                        PRIMARY KEY (merchant_id, measure)
                    ) STRICT, WITHOUT ROWID;

                    CREATE TABLE redemptions (
                        id INTEGER PRIMARY KEY,
                        voucher_id INTEGER NOT NULL REFERENCES vouchers (id),
                        merchant_id INTEGER NOT NULL REFERENCES merchants (id),
                        staff TEXT NOT NULL,
                        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                        at TEXT NOT NULL,
                        idempotency_key TEXT NOT NULL UNIQUE,
                        voided_at TEXT,
                        voided_by TEXT,
                        CHECK ((voided_at IS NULL) = (voided_by IS NULL))
                    ) STRICT;
                    CREATE INDEX redemptions_voucher ON redemptions (voucher_id);
                    CREATE INDEX redemptions_merchant ON redemptions (merchant_id, id);
                    """)
        }
        migrator.registerMigration("v12 clarity feedback") { db in
            // The clarity feedback of the site's pages (issue 18, PortalDatabase+Feedback): the page's path,
            // the day (Rome) and what the citizen chose and wrote; nothing about who sent it (no address,
            // no browser, no time of day).
            try db.execute(
                sql: """
                    CREATE TABLE feedback (
                        id INTEGER PRIMARY KEY,
                        page TEXT NOT NULL,
                        day TEXT NOT NULL,
                        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
                        answer TEXT,
                        details TEXT
                    ) STRICT;
                    CREATE INDEX feedback_page ON feedback (page, id);
                    """)
        }
        migrator.registerMigration("v13 reimbursed voucher periods") { db in
            // Reimbursement of the shops (issue 19, PortalDatabase+Reimbursements): a period the comune has
            // paid, as Rome days and as the UTC instants bounding them (`starts_at` inclusive, `ends_at`
            // exclusive, Timestamp text, which sorts as time does). Once a period is closed nothing redeemed
            // in it changes: the triggers refuse a redemption dated in it and a void of one, whatever code
            // writes, so the ragioneria's statements and transfer file stay true.
            try db.execute(
                sql: """
                    CREATE TABLE reimbursed_periods (
                        id INTEGER PRIMARY KEY,
                        first_day TEXT NOT NULL,
                        last_day TEXT NOT NULL,
                        starts_at TEXT NOT NULL,
                        ends_at TEXT NOT NULL,
                        closed_at TEXT NOT NULL,
                        closed_by TEXT NOT NULL,
                        CHECK (starts_at < ends_at)
                    ) STRICT;

                    CREATE TRIGGER redemptions_closed_period_insert BEFORE INSERT ON redemptions
                    WHEN EXISTS (SELECT 1 FROM reimbursed_periods p WHERE NEW.at >= p.starts_at AND NEW.at < p.ends_at)
                    BEGIN SELECT RAISE(ABORT, 'reimbursed period closed'); END;

                    CREATE TRIGGER redemptions_closed_period_update BEFORE UPDATE ON redemptions
                    WHEN EXISTS (
                        SELECT 1 FROM reimbursed_periods p
                        WHERE (OLD.at >= p.starts_at AND OLD.at < p.ends_at) OR (NEW.at >= p.starts_at AND NEW.at < p.ends_at)
                    )
                    BEGIN SELECT RAISE(ABORT, 'reimbursed period closed'); END;
                    """)
        }
        migrator.registerMigration("v14 SEPA credit transfer downloads") { db in
            // Every SEPA file of the shops' reimbursement that left the daemon (issue 19 review,
            // PortalDatabase+CreditTransfers): its message id (`MsgId`, unique: EPC132-08 and ISO 20022 want
            // it unique per instructing party), the period, who and when, its total and whether the
            // operator confirmed it over an earlier file of an overlapping period; one row per shop it
            // pays, with the IBAN and amount as written in the file. A second file of overlapping days
            // pays their purchases again, so the page warns of these rows and asks to confirm. Append-only:
            // the triggers refuse changing or deleting a record of money sent to a bank.
            try db.execute(
                sql: """
                    CREATE TABLE credit_transfer_files (
                        id INTEGER PRIMARY KEY,
                        message_id TEXT NOT NULL UNIQUE,
                        first_day TEXT NOT NULL,
                        last_day TEXT NOT NULL,
                        made_at TEXT NOT NULL,
                        made_by TEXT NOT NULL,
                        total_cents INTEGER NOT NULL CHECK (total_cents > 0),
                        confirmed_overlap INTEGER NOT NULL CHECK (confirmed_overlap IN (0, 1)),
                        CHECK (first_day <= last_day)
                    ) STRICT;
                    CREATE INDEX credit_transfer_files_days ON credit_transfer_files (first_day, last_day);

                    CREATE TABLE credit_transfer_payees (
                        file_id INTEGER NOT NULL REFERENCES credit_transfer_files (id),
                        merchant_id INTEGER NOT NULL REFERENCES merchants (id),
                        partita_iva TEXT NOT NULL,
                        iban TEXT NOT NULL,
                        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                        PRIMARY KEY (file_id, merchant_id)
                    ) STRICT, WITHOUT ROWID;

                    CREATE TRIGGER credit_transfer_files_update BEFORE UPDATE ON credit_transfer_files
                    BEGIN SELECT RAISE(ABORT, 'credit transfer files are append-only'); END;
                    CREATE TRIGGER credit_transfer_files_delete BEFORE DELETE ON credit_transfer_files
                    BEGIN SELECT RAISE(ABORT, 'credit transfer files are append-only'); END;
                    CREATE TRIGGER credit_transfer_payees_update BEFORE UPDATE ON credit_transfer_payees
                    BEGIN SELECT RAISE(ABORT, 'credit transfer files are append-only'); END;
                    CREATE TRIGGER credit_transfer_payees_delete BEFORE DELETE ON credit_transfer_payees
                    BEGIN SELECT RAISE(ABORT, 'credit transfer files are append-only'); END;
                    """)
        }
        migrator.registerMigration("v15 payment list downloads") { db in
            // Every payments list (pagamenti.csv/.xlsx) that left the daemon with cases due in it, who and
            // when (PortalDatabase+PaymentLists), and the cases due it held: the page and a later list say
            // which cases due were in an earlier list, which the ragioneria may have paid from already.
            // Append-only, as the record of what was sent to be paid.
            try db.execute(
                sql: """
                    CREATE TABLE payment_lists (
                        id INTEGER PRIMARY KEY,
                        made_at TEXT NOT NULL,
                        made_by TEXT NOT NULL
                    ) STRICT;

                    CREATE TABLE payment_list_cases (
                        application_id INTEGER NOT NULL REFERENCES applications (id),
                        list_id INTEGER NOT NULL REFERENCES payment_lists (id),
                        PRIMARY KEY (application_id, list_id)
                    ) STRICT, WITHOUT ROWID;
                    """)
            for table in ["payment_lists", "payment_list_cases"] {
                for change in ["UPDATE", "DELETE"] {
                    try db.execute(
                        sql: "CREATE TRIGGER \(table)_\(change.lowercased()) BEFORE \(change) ON \(table) "
                            + "BEGIN SELECT RAISE(ABORT, 'payment lists are append-only'); END;")
                }
            }
        }
        migrator.registerMigration("v16 one household members index") { db in
            // Every submission with a household check wrote each member into three b-trees: the table and two
            // indexes keyed by codice fiscale, each entry landing on a page of its own (the codes are spread
            // evenly), a page the commit writes to the WAL. One index serves both lookups: the check's
            // (`scope` and `fiscal_code` equal, in `application_id` order, HouseholdMember.earlierNumbers) and
            // those by code across scopes (the case page's household, the GDPR access export). The table's
            // rows are unchanged.
            try db.execute(
                sql: """
                    DROP INDEX household_members_lookup;
                    DROP INDEX household_members_code;
                    CREATE INDEX household_members_code_scope ON household_members (fiscal_code, scope, application_id);
                    """)
        }
        migrator.registerMigration("v17 retention deadline per case") { db in
            // The instant from which a case is anonymised, fixed when it is stored from the rule of its form
            // then (closes + retention_years: ApplicationDraft.retentionEnds), so that reopening the form for
            // a new bando or removing it from the content does not move or drop it (findings-s12 #4). Rows
            // stored before are given one by the next retention pass (Retention.run: the form's rule of
            // that day, or Retention.formerFormYears after submission for a form no longer in the content).
            try db.execute(
                sql: """
                    ALTER TABLE applications ADD COLUMN retention_ends TEXT;
                    CREATE INDEX applications_retention ON applications (retention_ends) WHERE anonymised_at IS NULL;
                    """)
        }
        migrator.registerMigration("v18 booking retention") { db in
            // Bookings not tied to an application (rooms, visits: no numero pratica) are anonymised on their
            // own deadline, the slot's end plus the calendar's retention_months, stored by the retention pass
            // (PortalDatabase+Retention) so that a calendar removed from the content keeps it (findings-s12 #5).
            try db.execute(
                sql: """
                    ALTER TABLE bookings ADD COLUMN retention_ends TEXT;
                    ALTER TABLE bookings ADD COLUMN anonymised_at TEXT;
                    CREATE INDEX bookings_retention ON bookings (retention_ends) WHERE anonymised_at IS NULL;
                    """)
        }
        migrator.registerMigration("v19 queue search by name") { db in
            // The words of the applicant's name fields, read from the stored answers after submission
            // (Operator/PortalDatabase+NameSearch.swift, findings-s12 #13): a submission writes nothing more.
            try PortalDatabase.addNameSearch(db)
        }
        migrator.registerMigration("v20 idempotency key on the application") { db in
            // Every submission wrote its key into a table of its own and its retention deadline with a second
            // statement (issue 13: the single writer's work per submission). The key is now a column of the
            // application, written with the row and found through a partial unique index (no entry for the
            // rows without one: anonymised, or stored by v1); the keys stored before are carried over, so a
            // repeat of a submission made before the upgrade still finds its receipt.
            try db.execute(
                sql: """
                    ALTER TABLE applications ADD COLUMN idempotency_key TEXT;
                    UPDATE applications SET idempotency_key = k.key
                        FROM idempotency_keys k WHERE k.application_id = applications.id;
                    CREATE UNIQUE INDEX applications_idempotency_key ON applications (idempotency_key)
                        WHERE idempotency_key IS NOT NULL;
                    DROP TABLE idempotency_keys;
                    """)
        }
        return migrator
    }
}
