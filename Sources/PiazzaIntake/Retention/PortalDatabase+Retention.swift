import Foundation
import GRDB
import PiazzaContent

extension PortalDatabase {
    /// What one retention pass did to a portal.
    struct RetentionOutcome: Sendable, Hashable {
        /// Cases anonymised now (cases anonymised before are not counted again).
        var anonymised = 0
        /// Upload files deleted from disk, including those a crashed pass had left queued.
        var filesRemoved = 0
    }

    /// Cases anonymised in one write transaction: short enough not to hold the writer for long.
    static let retentionBatch = 100

    /// Stores a deadline for each case that has none: the rule of its form today (`forms`, id and
    /// ``PiazzaContent/FormDefinition/retentionEnds``), or `formerFormYears` after submission for a form
    /// the content no longer has. Cases stored since deadlines are have theirs from submission.
    ///
    /// - Throws: GRDB's error.
    func fixRetentionDeadlines(_ forms: [(id: String, ends: Date)], formerFormYears: Int) async throws {
        try await committer.write { db in
            for form in forms {
                try db.execute(
                    sql: "UPDATE applications SET retention_ends = ? WHERE form_id = ? AND retention_ends IS NULL",
                    arguments: [Timestamp.string(form.ends), form.id])
            }
            // Timestamp's format, from SQLite's own date arithmetic (calendar years, UTC).
            try db.execute(
                sql: """
                    UPDATE applications
                    SET retention_ends = strftime('%Y-%m-%dT%H:%M:%fZ', submitted_at, '+' || ? || ' years')
                    WHERE retention_ends IS NULL
                    """, arguments: [formerFormYears])
        }
    }

    /// Anonymises every case whose `retention_ends` is `date` or earlier and that is not anonymised
    /// yet, whatever its form, then deletes their uploads.
    ///
    /// Removed: the answers (replaced by an empty list), the automatic checks' messages (code and
    /// outcome kept), the household's and the applicant's codici fiscali, the idempotency keys
    /// (HMACs of the answers), the notes of the history, the texts of the messages to the citizen and
    /// the reasons of the benefit changes (replaced by ``anonymisedText``: both may name the person or
    /// their circumstances), the files, the code of the case's voucher (replaced, see
    /// ``VoucherRecord/anonymisedCodePrefix`` for why), and of every booking made with the case's
    /// numero pratica (confirmed, waiting or cancelled) the family's name (replaced by
    /// ``anonymisedText``), contact and codice fiscale. Kept for statistics: numero pratica, form, dates,
    /// channel, state and its history's steps, amounts (with their changes), payments, the voucher's
    /// measure, worth and dates, and its purchases, so the dashboard and the shops' statements of
    /// reimbursed periods read the same figures as before; of the bookings the slot, seats, state,
    /// dates and attendance, so the rendicontazione counts the same. The audit log's details name no
    /// citizen (states, amounts, references, ids), so nothing there is touched. Each case
    /// gets an ``AuditAction/anonymise`` entry in the same transaction.
    ///
    /// Crash-safe and idempotent: a transaction marks its cases `anonymised_at` and queues their
    /// upload names in `upload_removals`; files are deleted only after it commits, and
    /// ``removeQueuedUploads()`` (run first by every pass) finishes what a crash left.
    ///
    /// - Throws: GRDB's error; what committed before stays done.
    func anonymiseExpiredCases(at date: Date) async throws -> RetentionOutcome {
        var outcome = RetentionOutcome(filesRemoved: try await removeQueuedUploads())
        while true {
            let done = try await committer.write { db in
                try Self.anonymiseBatch(at: date, in: db)
            }
            guard done > 0 else { return outcome }
            outcome.anonymised += done
            outcome.filesRemoved += try await removeQueuedUploads()
        }
    }

    /// Deletes the files queued in `upload_removals` and their rows; a file already gone counts as
    /// removed, one that cannot be deleted stays queued for the next pass.
    ///
    /// - Returns: how many were removed.
    /// - Throws: GRDB's error.
    func removeQueuedUploads() async throws -> Int {
        let names = try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT stored_name FROM upload_removals")
        }
        guard !names.isEmpty else { return 0 }
        let removed = names.filter { name in
            unlink(uploads.folder.appendingPathComponent(name).path) == 0 || errno == ENOENT
        }
        try await committer.write { db in
            for name in removed {
                try db.execute(sql: "DELETE FROM upload_removals WHERE stored_name = ?", arguments: [name])
            }
        }
        return removed.count
    }

    /// Anonymises up to ``retentionBatch`` expired cases inside the caller's transaction.
    ///
    /// - Returns: how many; 0 when none is left.
    private static func anonymiseBatch(at date: Date, in db: Database) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, number, form_id, checks FROM applications
                WHERE retention_ends <= ? AND anonymised_at IS NULL ORDER BY id LIMIT ?
                """,
            arguments: [Timestamp.string(date), retentionBatch])
        for row in rows {
            let id: Int64 = row["id"]
            let answers = StoredAnswers(ValidatedApplication(formID: row["form_id"], answers: [])).text
            let checks = try JSONDecoder().decode([CheckResult].self, from: Data((row["checks"] as String).utf8))
                .map { CheckResult(code: $0.code, status: $0.status, message: anonymisedText) }
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO upload_removals (stored_name)
                        SELECT stored_name FROM files WHERE application_id = :id;
                    DELETE FROM files WHERE application_id = :id;
                    DELETE FROM household_members WHERE application_id = :id;
                    DELETE FROM application_fiscal_codes WHERE application_id = :id;
                    UPDATE application_events SET note = NULL WHERE application_id = :id;
                    UPDATE messages SET text = :blank WHERE application_id = :id;
                    UPDATE benefit_changes SET reason = :blank WHERE application_id = :id;
                    UPDATE vouchers SET code = :voucher || id WHERE application_id = :id;
                    UPDATE bookings SET name = :blank, contact = '', fiscal_code = NULL
                        WHERE application_number = :number;
                    UPDATE applications SET answers = :answers, checks = :checks, anonymised_at = :at,
                        idempotency_key = NULL WHERE id = :id;
                    """,
                arguments: [
                    "id": id, "number": row["number"] as String, "answers": answers,
                    "checks": try ApplicationRecord.jsonText(
                        checks, column: ApplicationRecord.CodingKeys.checks.rawValue),
                    "at": Timestamp.string(date), "blank": anonymisedText,
                    "voucher": VoucherRecord.anonymisedCodePrefix,
                ])
            try AuditChain.append(
                AuditEvent(at: date, actor: AuditEvent.retentionActor, action: .anonymise, caseNumber: row["number"]),
                in: db)
        }
        return rows.count
    }

    /// Stores a deadline for each booking not tied to an application that has none: the end of its
    /// slot plus its calendar's ``PiazzaContent/CalendarDefinition/retentionMonths`` (calendar months,
    /// Rome), counted from the booking's time when the slot is no longer in the calendar, and
    /// `formerCalendarMonths` after it for a calendar the content no longer has.
    ///
    /// - Throws: GRDB's error.
    func fixBookingDeadlines(_ calendars: [CalendarDefinition], formerCalendarMonths: Int) async throws {
        try await committer.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, calendar_id, slot_id, booked_at FROM bookings
                    WHERE retention_ends IS NULL AND application_number IS NULL
                    """)
            var rome = Calendar(identifier: .gregorian)
            rome.timeZone = ContentDateTime.rome
            let update = try db.cachedStatement(sql: "UPDATE bookings SET retention_ends = ? WHERE id = ?")
            for row in rows {
                let calendar = calendars.first { $0.id == row["calendar_id"] as String }
                let from = calendar?.slot(id: row["slot_id"])?.endInstant ?? Timestamp.date(row["booked_at"]) ?? Date()
                let months = calendar?.retentionMonths ?? formerCalendarMonths
                let ends = rome.date(byAdding: .month, value: months, to: from) ?? from
                try update.execute(arguments: [Timestamp.string(ends), row["id"] as Int64])
            }
        }
    }

    /// Blanks the name, contact and codice fiscale of every booking whose deadline
    /// (``fixBookingDeadlines(_:formerCalendarMonths:)``) is `date` or earlier, with one
    /// ``AuditAction/anonymise`` entry counting them. Kept: calendar, slot, seats, state, dates and
    /// attendance, for the rendicontazione.
    ///
    /// - Returns: how many bookings were anonymised.
    /// - Throws: GRDB's error.
    func anonymiseExpiredBookings(at date: Date) async throws -> Int {
        try await committer.write { db in
            try db.execute(
                sql: """
                    UPDATE bookings SET name = :blank, contact = '', fiscal_code = NULL, anonymised_at = :at
                    WHERE retention_ends <= :at AND anonymised_at IS NULL
                    """, arguments: ["blank": Self.anonymisedText, "at": Timestamp.string(date)])
            let count = db.changesCount
            if count > 0 {
                try AuditChain.append(
                    AuditEvent(
                        at: date, actor: AuditEvent.retentionActor, action: .anonymise, detail: "prenotazioni: \(count)"
                    ),
                    in: db)
            }
            return count
        }
    }

    /// What an anonymised text reads.
    static let anonymisedText = "Dato anonimizzato alla scadenza della conservazione."
}
