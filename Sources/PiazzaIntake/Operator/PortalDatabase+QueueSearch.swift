import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent

extension CheckResult {
    /// Whether a case with these results is listed by the queue's "da verificare" filter: at least
    /// one check asks an operator to look. Stored as `applications.flagged`.
    static func asksForReview(_ results: [CheckResult]) -> Bool {
        results.contains { $0.status == .warning }
    }
}

extension PortalDatabase {
    /// The states a case is past its deadline in: every state but the final ones (``Workflow``),
    /// as SQL. The partial index `applications_open` is declared with this very text, which is what
    /// lets SQLite use it for the past-deadline filter.
    static let openStatesSQL =
        "state IN ("
        + ApplicationState.allCases.filter { !$0.isConcluded }.map { "'\($0.rawValue)'" }
        .joined(separator: ", ") + ")"

    /// Migration v9: what the queue's filters and search read, each served by an index that keeps
    /// the queue's order (`submitted_at DESC, id DESC`) so a page stops after its 50 rows.
    ///
    /// - `flagged` (``CheckResult/asksForReview(_:)``), set at insert by ``ApplicationRecord`` and
    ///   here for the rows already stored;
    /// - `application_fiscal_codes`: the de-omocodified codici fiscali of the applicant's fields
    ///   (``FormDefinition/applicantFiscalCodes(_:)``), written with the application; rows stored
    ///   before are queued in `fiscal_codes_pending`, which the daemon indexes at start
    ///   (``indexPendingFiscalCodes(form:)``), since only the form says which answers are codici fiscali.
    static func addQueueSearch(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE applications ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1));
                CREATE INDEX applications_form_state ON applications (form_id, state, submitted_at);
                CREATE INDEX applications_form_channel ON applications (form_id, channel, submitted_at);
                CREATE INDEX applications_form_flagged ON applications (form_id, flagged, submitted_at);
                CREATE INDEX applications_open ON applications (form_id, submitted_at) WHERE \(openStatesSQL);

                CREATE TABLE application_fiscal_codes (
                    fiscal_code TEXT NOT NULL,
                    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                    PRIMARY KEY (fiscal_code, application_id)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX application_fiscal_codes_application ON application_fiscal_codes (application_id);

                CREATE TABLE fiscal_codes_pending (application_id INTEGER PRIMARY KEY) STRICT;
                INSERT INTO fiscal_codes_pending SELECT id FROM applications;
                """)
        let decoder = ApplicationRecord.databaseJSONDecoder(for: ApplicationRecord.CodingKeys.checks.rawValue)
        let rows = try Row.fetchAll(db, sql: "SELECT id, checks FROM applications")
        for row in rows {
            let checks = try decoder.decode([CheckResult].self, from: Data((row["checks"] as String).utf8))
            if CheckResult.asksForReview(checks) {
                try db.execute(sql: "UPDATE applications SET flagged = 1 WHERE id = ?", arguments: [row["id"]])
            }
        }
    }

    /// Records the applicant's codici fiscali of the application `id`, inside the caller's transaction.
    static func insertFiscalCodes(_ codes: [String], applicationID id: Int64, in db: Database) throws {
        guard !codes.isEmpty else { return }
        // A cached statement: `execute(sql:)` prepared the SQL again for every code of every submission.
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO application_fiscal_codes (fiscal_code, application_id) VALUES (?, ?)")
        for code in codes {
            try insert.execute(arguments: [code, id])
        }
    }

    /// Indexes the codici fiscali of the applications stored before migration v9, with the form
    /// definitions of the content served now; an application of a form no longer served is left
    /// out of the search (nothing says which of its answers is a codice fiscale). Run once at start;
    /// later starts find nothing pending.
    ///
    /// - Returns: how many applications were indexed.
    /// - Throws: GRDB's error; nothing is written then.
    @discardableResult
    func indexPendingFiscalCodes(form: (String) -> FormDefinition?) throws -> Int {
        try writer.write { db in
            let pending = try ApplicationRecord.filter(sql: "id IN (SELECT application_id FROM fiscal_codes_pending)")
                .fetchAll(db)
            for application in pending {
                guard let id = application.id, let definition = form(application.formID) else { continue }
                try Self.insertFiscalCodes(
                    definition.applicantFiscalCodes(application.answers.application), applicationID: id, in: db)
            }
            try db.execute(sql: "DELETE FROM fiscal_codes_pending")
            return pending.count
        }
    }
}

extension FormDefinition {
    /// The de-omocodified codici fiscali (``FiscalCode/canonicalValue``) the applicant's fields hold:
    /// every top-level `codice_fiscale` field (household members in groups are the household
    /// check's). The queue's search looks codes up in this form, so any omocodic variant, spaces or
    /// lower case finds the case.
    func applicantFiscalCodes(_ application: ValidatedApplication) -> [String] {
        var codes: [String] = []
        for field in fields where field.type == .codiceFiscale {
            guard case .text(let text)? = application[field.name], let code = try? FiscalCode(text) else { continue }
            if !codes.contains(code.canonicalValue) { codes.append(code.canonicalValue) }
        }
        return codes
    }
}
