import Foundation
import GRDB

/// One row of an operator's queue: what the list shows of an application.
struct QueueEntry: Sendable, Hashable {
    var number: String
    var submittedAt: Date
    var state: ApplicationState
    var channel: SubmissionChannel
}

extension PortalDatabase {
    /// The applications of one form, newest first, `limit` at a time after the one numbered `after`
    /// (keyset pagination on `(submitted_at, id)`, which the `applications_form` index serves: the
    /// cost of a page does not grow with how deep it is).
    func queue(formID: String, after number: String?, limit: Int) async throws -> [QueueEntry] {
        try await writer.read { db in
            let rows =
                if let number {
                    try Row.fetchAll(db, sql: Self.queueSQL(after: true), arguments: [formID, number, formID, limit])
                } else {
                    try Row.fetchAll(db, sql: Self.queueSQL(after: false), arguments: [formID, limit])
                }
            return rows.compactMap { row in
                guard let date = Timestamp.date(row["submitted_at"]),
                    let state = ApplicationState(rawValue: row["state"]),
                    let channel = SubmissionChannel(rawValue: row["channel"])
                else { return nil }
                return QueueEntry(number: row["number"], submittedAt: date, state: state, channel: channel)
            }
        }
    }

    /// The queue's statement: the first page (arguments form, limit) or the page after a number
    /// (form, number, form, limit). A test pins its plan: the `applications_form` index, no sort.
    /// The form of the most recently stored application (the largest rowid); `nil` with none.
    func latestFormID() async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT form_id FROM applications ORDER BY id DESC LIMIT 1")
        }
    }

    static func queueSQL(after: Bool) -> String {
        let keyset =
            after
            ? " AND (submitted_at, id) < (SELECT submitted_at, id FROM applications WHERE number = ? AND form_id = ?)"
            : ""
        return "SELECT number, submitted_at, state, channel FROM applications WHERE form_id = ?" + keyset
            + " ORDER BY submitted_at DESC, id DESC LIMIT ?"
    }

    /// The application numbered `number`, with its history; `nil` when this portal has none.
    func application(number: String) async throws -> StoredApplication? {
        try await writer.read { db in
            try ApplicationRecord
                .filter(Column(ApplicationRecord.CodingKeys.number) == number)
                .including(all: ApplicationRecord.events)
                .asRequest(of: StoredApplication.self)
                .fetchOne(db)
        }
    }
}
