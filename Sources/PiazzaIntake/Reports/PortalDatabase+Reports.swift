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
            var arguments: StatementArguments = [formID, after ?? 0]
            // Instants are ISO 8601 UTC text of one width: their text order is their time order.
            if let since { arguments += [Timestamp.string(since)] }
            if let before { arguments += [Timestamp.string(before)] }
            arguments += [limit]
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
        "SELECT * FROM applications WHERE +form_id = ? AND id > ?" + (since ? " AND +submitted_at >= ?" : "")
            + (before ? " AND +submitted_at < ?" : "") + " ORDER BY id LIMIT ?"
    }
}

extension PortalDatabase {
    /// Where exports write their working files (``XLSXTable``): the portal's folder, which holds its
    /// database and uploads and is the daemon's alone, not a shared temporary folder.
    var scratchFolder: URL { uploads.folder.deletingLastPathComponent() }
}
