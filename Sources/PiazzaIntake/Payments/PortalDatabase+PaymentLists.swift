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

extension PortalDatabase {
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
