import Foundation
import GRDB

/// An application as an export reads it: the stored row, its payment if recorded, whether a
/// voucher was issued for it, and the first payments list that held it while due.
struct ExportedApplication: Sendable {
    var application: ApplicationRecord
    var payment: PaymentRecord?
    var inVouchers = false
    var earlierList: PaymentList? = nil
}

extension PortalDatabase {
    /// The applications of one form submitted at or after `since` and before `before`, in the order
    /// they were stored, `limit` at a time after the application `after` (keyset on the id: each batch
    /// costs the same, however deep, and an export holds one batch in memory at a time).
    func exportBatch(formID: String, since: Date?, before: Date? = nil, after: Int64?, limit: Int) async throws
        -> [ExportedApplication]
    {
        try await writer.read { db in
            let arguments: StatementArguments =
                [formID, after ?? 0] + Self.periodArguments(since: since, before: before) + [limit]
            let applications = try ApplicationRecord.fetchAll(
                db, sql: Self.exportBatchSQL(since: since != nil, before: before != nil), arguments: arguments)
            let ids = applications.compactMap(\.id)
            let payments = try Self.payments(of: ids, in: db)
            let vouchered = try Self.vouchered(ids, in: db)
            let lists = try Self.firstPaymentLists(of: ids, in: db)
            return applications.map {
                ExportedApplication(
                    application: $0, payment: $0.id.flatMap { payments[$0] },
                    inVouchers: $0.id.map(vouchered.contains) ?? false, earlierList: $0.id.flatMap { lists[$0] })
            }
        }
    }

    /// The batch's statement (arguments: form, id after, [since], [before], limit). The unary `+` keeps SQLite
    /// off the indexes on `form_id` and `submitted_at`: through them, every batch would read all the
    /// form's rows and sort them by id (30 ms a batch at 100,000 rows); on the rowid it reads `limit`
    /// rows. A test pins the plan.
    static func exportBatchSQL(since: Bool, before: Bool = false) -> String {
        "SELECT * FROM applications WHERE +form_id = ? AND id > ?" + periodCondition(since: since, before: before)
            + " ORDER BY id LIMIT ?"
    }

    /// The export period's condition on `submitted_at`, ` AND …` for each end given (its arguments:
    /// ``periodArguments(since:before:)``), with the unary `+` that keeps SQLite off the index.
    static func periodCondition(since: Bool, before: Bool) -> String {
        (since ? " AND +submitted_at >= ?" : "") + (before ? " AND +submitted_at < ?" : "")
    }

    /// The arguments of ``periodCondition(since:before:)``: instants as ISO 8601 UTC text of one width,
    /// whose text order is their time order.
    static func periodArguments(since: Date?, before: Date?) -> StatementArguments {
        StatementArguments([since, before].compactMap { $0.map(Timestamp.string) })
    }
}

extension PortalDatabase {
    /// The most rows stored for each group answer, by the group's name, among the applications of `formID`
    /// submitted at or after `since` and before `before`: what the applications export asks before it writes
    /// its header (``ApplicationsExport/columns(of:storedRows:)``), since it streams its rows and cannot widen
    /// the header later. A form caps its groups (`max`, at most 50), but the cap may have been lowered after
    /// some applications were stored; their rows must still have columns.
    ///
    /// One pass over the period's applications of the form (on the rowid, as ``exportBatchSQL(since:before:)``),
    /// SQLite's JSON functions reading only the answers whose text holds `"rows":[`, which only a group's
    /// answer can hold unescaped (a typed text has its quotes escaped): measured on 100,000 applications of
    /// `misura-2` (SQLite 3.40 CLI, load average 8.8), 5.3 s instead of 11.7 s with the form's index and
    /// every answer parsed. The export pays it once, before its first batch, and only for a form with a group.
    func largestGroups(formID: String, since: Date?, before: Date?) async throws -> [String: Int] {
        try await writer.read { db in
            let arguments: StatementArguments = [formID] + Self.periodArguments(since: since, before: before)
            let sql = """
                SELECT json_extract(answer.value, '$.name') AS name, max(json_array_length(answer.value, '$.rows')) AS rows
                FROM applications, json_each(applications.answers, '$.answers') AS answer
                WHERE +form_id = ?\(Self.periodCondition(since: since != nil, before: before != nil))
                AND answer.value LIKE '%"rows":[%'
                GROUP BY name
                """
            return Dictionary(
                try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                    // NULL where the text only looked like a group's: never for what piazza stores.
                    (row["name"] as String?).flatMap { name in (row["rows"] as Int?).map { (name, $0) } }
                },
                uniquingKeysWith: max)
        }
    }
}

extension PortalDatabase {
    /// The names of the top-level answers stored for `formID` at or after `since` and before `before` that are
    /// not in `names` (the form's fields now): answers to fields taken out of the form after some applications,
    /// which the case page still shows and the export must still carry. In the order they were first stored.
    /// Asked before the export writes its header, as ``largestGroups(formID:since:before:)``; one pass over the
    /// period's applications of the form on the rowid, every answer's name read.
    func formerAnswerNames(formID: String, keeping names: [String], since: Date?, before: Date?) async throws
        -> [String]
    {
        try await writer.read { db in
            let arguments: StatementArguments =
                [formID] + Self.periodArguments(since: since, before: before) + StatementArguments(names)
            let kept = names.isEmpty ? "" : " AND name NOT IN (" + names.map { _ in "?" }.joined(separator: ",") + ")"
            let sql = """
                SELECT name FROM (
                    SELECT json_extract(answer.value, '$.name') AS name, applications.id AS id, answer.key AS position
                    FROM applications, json_each(applications.answers, '$.answers') AS answer
                    WHERE +form_id = ?\(Self.periodCondition(since: since != nil, before: before != nil))
                )
                WHERE name IS NOT NULL\(kept)
                GROUP BY name ORDER BY min(id), min(position)
                """
            return try String.fetchAll(db, sql: sql, arguments: arguments)
        }
    }
}

extension PortalDatabase {
    /// Where exports write their working files (``XLSXTable``): the portal's folder, which holds its
    /// database and uploads and is the daemon's alone, not a shared temporary folder.
    var scratchFolder: URL { uploads.folder.deletingLastPathComponent() }
}
