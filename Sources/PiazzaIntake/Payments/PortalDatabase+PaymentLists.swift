import Foundation
import GRDB

/// A payments list that left the daemon with cases due in it (`payment_lists`, migration v15): the
/// ragioneria may have paid those cases from it, before anyone marked them paid.
struct PaymentList: Sendable, Hashable {
    /// The row's id: later lists have greater ones.
    var id: Int64
    var madeAt: Date
    /// The user name of who downloaded it.
    var madeBy: String
}

extension PaymentState {
    /// The state as operators read it, with, for a case due, the first payments list that held it
    /// (`earlierList`): the one wording of the payments page, the downloaded lists and the case page.
    func text(earlierList: PaymentList?) -> String {
        guard self == .due, let list = earlierList else { return label }
        return "\(label), già nell'elenco scaricato il \(Pages.dateTime(list.madeAt)) da \(list.madeBy)"
    }
}

extension PortalDatabase {
    /// The first payments list that held the application `id` while it was due; `nil` when none did.
    ///
    /// - Throws: GRDB's error.
    func firstPaymentList(applicationID id: Int64) async throws -> PaymentList? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT l.id, l.made_at, l.made_by FROM payment_lists l
                    JOIN payment_list_cases c ON c.list_id = l.id WHERE c.application_id = ? ORDER BY l.id LIMIT 1
                    """,
                arguments: [id]
            ).flatMap { row in
                Timestamp.date(row["made_at"]).map { PaymentList(id: row["id"], madeAt: $0, madeBy: row["made_by"]) }
            }
        }
    }

    /// Records that the cases due `applicationIDs`, a batch of a payments list being written, are in
    /// the list `list`, or, when `list` is `nil`, in a new list downloaded by `actor` at `date`; nothing
    /// for a batch without cases due.
    ///
    /// - Returns: the list's id (`list`, the new list's, or `nil` while no batch had cases due).
    /// - Throws: GRDB's error; the list is then not sent.
    func recordDue(_ applicationIDs: [Int64], inList list: Int64?, actor: String, at date: Date) async throws
        -> Int64?
    {
        guard !applicationIDs.isEmpty else { return list }
        return try await committer.write { db in
            let id: Int64
            if let list {
                id = list
            } else {
                try db.execute(
                    sql: "INSERT INTO payment_lists (made_at, made_by) VALUES (?, ?)",
                    arguments: [Timestamp.string(date), actor])
                id = db.lastInsertedRowID
            }
            for applicationID in applicationIDs {
                try db.execute(
                    sql: "INSERT INTO payment_list_cases (application_id, list_id) VALUES (?, ?)",
                    arguments: [applicationID, id])
            }
            return id
        }
    }
}
