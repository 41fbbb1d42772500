import Foundation
import GRDB
import PiazzaContent

/// The SQL of applications: insert inside a write transaction, read receipts.
enum ApplicationStore {
    /// The first state of every application.
    static let initialState = "inviata"

    /// Stores a draft, or returns the earlier application with the same idempotency key.
    ///
    /// The key covers the form, the one-time key and the answers
    /// (``IntakeApp/submissionKey(_:portal:form:answers:)``): only the same submission sent again
    /// finds an earlier one. Runs on the single writer, so two simultaneous identical posts give one row.
    ///
    /// Allocates the numero pratica from the per-year counter and runs the household duplicate
    /// check inside the caller's transaction.
    static func insert(_ draft: ApplicationDraft, in db: Database) throws -> StoredReceipt {
        // Runs on the single writer: statements are cached, and everything that does not need the
        // database (year, timestamps, JSON) was prepared in the draft.
        let existing = try db.cachedStatement(
            sql: """
                SELECT a.token, a.number FROM idempotency_keys k JOIN applications a ON a.id = k.application_id
                WHERE k.key = ?
                """)
        if let earlier = try Row.fetchOne(existing, arguments: [draft.idempotencyKey]) {
            return StoredReceipt(token: earlier["token"], number: earlier["number"], isNew: false)
        }
        let counter = try db.cachedStatement(
            sql: """
                INSERT INTO counters (name, year, value) VALUES ('application', ?, 1)
                ON CONFLICT (name, year) DO UPDATE SET value = value + 1 RETURNING value
                """)
        let seq = try Int.fetchOne(counter, arguments: [draft.year])!
        let number = String(format: "%04d-%07d", draft.year, seq)
        var checks = draft.checksJSON
        if !draft.householdCodes.isEmpty {
            let household = try json(ApplicationChecks.householdResult(earlier: try earlierNumbers(of: draft, in: db)))
            checks = checks == "[]" ? "[\(household)]" : "\(checks.dropLast()),\(household)]"
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO applications (token, number, year, seq, form_id, submitted_at, channel, answers, checks,
                    benefit_cents, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            draft.token, number, draft.year, seq, draft.formID, draft.submittedAtText, draft.channel, draft.answersJSON,
            checks, draft.benefitCents, initialState,
        ])
        let id = db.lastInsertedRowID
        try db.cachedStatement(
            sql: "INSERT INTO application_events (application_id, at, state, note, actor) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [
            id, draft.submittedAtText, initialState,
            draft.channel == "online" ? "Domanda inviata online." : "Domanda inviata con l'aiuto di un operatore.",
            draft.channel,
        ])
        try db.cachedStatement(sql: "INSERT INTO idempotency_keys (key, application_id, created_at) VALUES (?, ?, ?)")
            .execute(arguments: [draft.idempotencyKey, id, draft.submittedAtText])
        let member = try db.cachedStatement(
            sql: "INSERT INTO household_members (application_id, scope, fiscal_code) VALUES (?, ?, ?)")
        for code in draft.householdCodes {
            try member.execute(arguments: [id, draft.householdScope, code])
        }
        let file = try db.cachedStatement(
            sql: """
                INSERT INTO files (application_id, field, stored_name, original_name, mime, size, sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for upload in draft.files {
            try file.execute(arguments: [
                id, upload.field, upload.storedName, upload.originalName, upload.mime, upload.size, upload.sha256,
            ])
        }
        return StoredReceipt(token: draft.token, number: number, isNew: true)
    }

    /// The first numeri pratica of earlier applications sharing a household member, at most
    /// ``ApplicationChecks/listedDuplicates`` + 1.
    ///
    /// One indexed range per codice fiscale, each stopping after the few rows it needs, so the
    /// cost does not grow with the number of earlier duplicates.
    private static func earlierNumbers(of draft: ApplicationDraft, in db: Database) throws -> [String] {
        let limit = ApplicationChecks.listedDuplicates + 1
        var ids = Set<Int64>()
        let members = try db.cachedStatement(
            sql: """
                SELECT application_id FROM household_members WHERE scope = ? AND fiscal_code = ?
                ORDER BY application_id LIMIT ?
                """)
        for code in draft.householdCodes {
            ids.formUnion(try Int64.fetchAll(members, arguments: [draft.householdScope, code, limit]))
        }
        let first = ids.sorted().prefix(limit)
        return try first.map { id in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT number FROM applications WHERE id = ?"), arguments: [id])!
        }
    }

    /// The receipt token of an earlier application with this idempotency key (same form, key and answers).
    static func token(forKey key: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(
                sql:
                    "SELECT a.token FROM idempotency_keys k JOIN applications a ON a.id = k.application_id WHERE k.key = ?"
            ),
            arguments: [key])
    }

    /// An application and its history by receipt token.
    static func receipt(token: String, in db: Database) throws -> StoredApplication? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, number, form_id, submitted_at, channel, answers, checks, benefit_cents, state
                    FROM applications WHERE token = ?
                    """, arguments: [token])
        else { return nil }
        let id: Int64 = row["id"]
        let events = try Row.fetchAll(
            db, sql: "SELECT at, state, note FROM application_events WHERE application_id = ? ORDER BY id",
            arguments: [id]
        ).map {
            StoredApplication.Event(
                at: Timestamp.date($0["at"]) ?? Date(timeIntervalSince1970: 0), state: $0["state"], note: $0["note"])
        }
        let answers = try JSONDecoder().decode(ValidatedApplication.self, from: Data((row["answers"] as String).utf8))
        let checks = try JSONDecoder().decode([CheckResult].self, from: Data((row["checks"] as String).utf8))
        return StoredApplication(
            token: token, number: row["number"], formID: row["form_id"],
            submittedAt: Timestamp.date(row["submitted_at"]) ?? Date(timeIntervalSince1970: 0), channel: row["channel"],
            application: answers, checks: checks, benefitCents: row["benefit_cents"], state: row["state"],
            events: events)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
