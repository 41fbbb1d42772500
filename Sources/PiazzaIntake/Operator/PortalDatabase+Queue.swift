import Foundation
import GRDB
import PiazzaContent

/// One row of an operator's queue: what the list shows of an application.
struct QueueEntry: Sendable, Hashable {
    var number: String
    var submittedAt: Date
    var state: ApplicationState
    var channel: SubmissionChannel
    /// When the case entered `presa in carico` first; `nil` before.
    var takenInChargeAt: Date?
    /// The suspension of its term for documents, if it was asked for them.
    var suspension: TermSuspension?
}

extension PortalDatabase {
    /// The applications of one form that pass `filter`, newest first, `limit` at a time after the
    /// one numbered `after` (keyset pagination on `(submitted_at, id)`: the cost of a page does not
    /// grow with how deep it is). Each filter has an index that keeps this order (migration v9,
    /// ``addQueueSearch(_:)``), so a page reads about as many rows as it shows.
    ///
    /// - Parameters:
    ///   - term: the form's term, and `today` the day in Rome, for `filter.overdue`: the database gives
    ///     the open cases received before ``ResponseTerm/overdueBefore(today:)``; those a suspension
    ///     (``TermSuspension``) keeps in time are left out here, and the page is filled from the rows
    ///     after them.
    func queue(
        formID: String, filter: QueueFilter, term: ResponseTerm, today: ContentDate, after number: String?,
        limit: Int
    ) async throws -> [QueueEntry] {
        try await writer.read { db in
            var entries: [QueueEntry] = []
            var after = number
            while true {
                let (sql, arguments) = Self.queueStatement(
                    formID: formID, filter: filter, overdueBefore: term.overdueBefore(today: today), after: after,
                    limit: limit)
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
                entries += rows.compactMap(Self.queueEntry).filter { entry in
                    !filter.overdue || entry.suspension == nil
                        || term.isOverdue(
                            entry.state, receivedAt: entry.submittedAt, suspension: entry.suspension, today: today)
                }
                guard entries.count < limit, rows.count == limit, let last = rows.last else { break }
                after = last["number"]
            }
            return Array(entries.prefix(limit))
        }
    }

    private static func queueEntry(_ row: Row) -> QueueEntry? {
        guard let date = Timestamp.date(row["submitted_at"]), let state = ApplicationState(rawValue: row["state"]),
            let channel = SubmissionChannel(rawValue: row["channel"])
        else { return nil }
        return QueueEntry(
            number: row["number"], submittedAt: date, state: state, channel: channel,
            takenInChargeAt: (row["taken_at"] as String?).flatMap(Timestamp.date), suspension: suspension(of: row))
    }

    /// The form of the most recently stored application (the largest rowid); `nil` with none.
    func latestFormID() async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT form_id FROM applications ORDER BY id DESC LIMIT 1")
        }
    }

    /// How many of the portal's cases `search` finds in each form, whatever the queue shown: for a numero
    /// pratica (unique in the portal) the one form of its case; forms without a match are left out.
    func searchCounts(_ search: QueueFilter.Search) async throws -> [String: Int] {
        try await writer.read { db in
            let rows: [Row]
            switch search {
            case .number(let number):
                rows = try Row.fetchAll(
                    db, sql: "SELECT form_id, count(*) AS n FROM applications WHERE number = ? GROUP BY form_id",
                    arguments: [number])
            case .fiscalCode(let code):
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.form_id, count(*) AS n FROM application_fiscal_codes f
                        JOIN applications a ON a.id = f.application_id WHERE f.fiscal_code = ? GROUP BY a.form_id
                        """, arguments: [code])
            case .name(let words):
                let (condition, arguments) = Self.nameCondition(words)
                rows = try Row.fetchAll(
                    db, sql: "SELECT form_id, count(*) AS n FROM applications WHERE \(condition) GROUP BY form_id",
                    arguments: StatementArguments(arguments))
            }
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["form_id"] as String, $0["n"] as Int) })
        }
    }

    /// The queue's statement and its arguments: one condition per filter set, the keyset after
    /// `number`, the take-charge date of each row. Tests pin its plans.
    static func queueStatement(
        formID: String, filter: QueueFilter, overdueBefore: Date?, after number: String?, limit: Int
    ) -> (sql: String, arguments: StatementArguments) {
        var conditions = ["form_id = ?"]
        var arguments: [any DatabaseValueConvertible] = [formID]
        func condition(_ sql: String, _ values: any DatabaseValueConvertible...) {
            conditions.append(sql)
            arguments += values
        }
        if let state = filter.state { condition("state = ?", state.rawValue) }
        if let channel = filter.channel { condition("channel = ?", channel.rawValue) }
        if filter.flagged { condition("flagged = 1") }
        if let from = filter.from {
            condition("submitted_at >= ?", Timestamp.string(ContentDateTime(date: from, hour: 0, minute: 0).instant))
        }
        if let to = filter.to {
            condition(
                "submitted_at < ?",
                Timestamp.string(ContentDateTime(date: to.adding(days: 1), hour: 0, minute: 0).instant))
        }
        if filter.overdue, let overdueBefore {
            condition(openStatesSQL)
            condition("submitted_at < ?", Timestamp.string(overdueBefore))
        }
        switch filter.search {
        case .number(let searched)?: condition("number = ?", searched)
        case .fiscalCode(let code)?:
            condition("id IN (SELECT application_id FROM application_fiscal_codes WHERE fiscal_code = ?)", code)
        case .name(let words)?:
            let name = nameCondition(words)
            conditions.append(name.sql)
            arguments += name.arguments
        case nil: break
        }
        if let number {
            condition(
                "(submitted_at, id) < (SELECT submitted_at, id FROM applications WHERE number = ? AND form_id = ?)",
                number, formID)
        }
        let sql = """
            SELECT number, submitted_at, state, channel,
            (SELECT at FROM application_events WHERE application_id = applications.id AND state = '\(ApplicationState.takenInCharge.rawValue)'
            ORDER BY id LIMIT 1) AS taken_at, \(suspensionColumnsSQL)
            FROM applications WHERE \(conditions.joined(separator: " AND "))
            ORDER BY submitted_at DESC, id DESC LIMIT ?
            """
        return (sql, StatementArguments(arguments + [limit]))
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
