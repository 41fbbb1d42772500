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
        try await writer.read { db in try Self.firstPaymentLists(of: [id], in: db)[id] }
    }

    /// The first payments list that held each of the applications `ids` while it was due, by application;
    /// those no list held are absent. One statement for a batch of an export.
    ///
    /// - Throws: GRDB's error.
    static func firstPaymentLists(of ids: [Int64], in db: Database) throws -> [Int64: PaymentList] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.application_id, l.id, l.made_at, l.made_by FROM payment_list_cases c
                JOIN payment_lists l ON l.id = c.list_id
                WHERE c.application_id IN (\(databaseQuestionMarks(count: ids.count))) ORDER BY l.id
                """,
            arguments: StatementArguments(ids))
        var lists: [Int64: PaymentList] = [:]
        for row in rows {
            let id: Int64 = row["application_id"]
            guard lists[id] == nil, let madeAt = Timestamp.date(row["made_at"]) else { continue }
            lists[id] = PaymentList(id: row["id"], madeAt: madeAt, madeBy: row["made_by"])
        }
        return lists
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
