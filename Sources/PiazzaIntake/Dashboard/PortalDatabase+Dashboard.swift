import Foundation
import GRDB
import ItalianIdentifiers

/// The figures of a portal's dashboard, read at once from the database (one read transaction: the
/// panels agree with each other).
struct DashboardFigures: Sendable, Hashable {
    /// A number of cases and the sum of their amounts.
    struct Total: Sendable, Hashable {
        var count: Int
        var cents: Int
    }

    /// Applications per form and state.
    var byState: [String: [ApplicationState: Int]] = [:]
    /// Applications per hour of submission (`2026-06-01T10`, UTC) since the start asked.
    var byHour: [String: Int] = [:]
    /// Accepted cases with a benefit per form: how many and the sum in cents.
    var granted: [String: Total] = [:]
    /// Paid cases per form: how many and the sum in cents.
    var paid: [String: Total] = [:]
    /// Accepted cases whose benefit is a voucher, per form: how many and the sum in cents (never paid
    /// by transfer: ``PaymentState/of(state:benefitCents:paid:inVouchers:)``).
    var vouchered: [String: Total] = [:]
    /// Applications with a warning, per check code.
    var flags: [String: Int] = [:]
    /// Open cases past their deadline, per form.
    var overdue: [String: Int] = [:]
}

extension PortalDatabase {
    /// The dashboard's figures now, with submissions per hour from `since` on.
    ///
    /// Each amount is summed as at most ``Money/maximum`` (which typed amounts never exceed; a larger one
    /// can only be a row stored before that bound), so no sum overflows: SQLite's `sum()` would fail the
    /// whole page, and the page's own arithmetic on the totals would trap.
    ///
    /// Hours, not days: SQLite knows no time zones, and an hour in UTC falls in one day in Rome, so
    /// the caller sums hours into Rome's days exactly.
    ///
    /// - Parameter overdueBefore: per form, its term and today, which decide the open cases past
    ///   their deadline (``PortalDatabase/overdueCount(formID:term:today:in:)``, suspensions counted);
    ///   the count is the queue's `scadute` filter's.
    func dashboardFigures(since: Date, overdueBefore: [String: TermOnDay]) async throws -> DashboardFigures {
        try await writer.read { db in
            var figures = DashboardFigures()
            for row in try Row.fetchAll(
                db, sql: "SELECT form_id, state, count(*) AS n FROM applications GROUP BY form_id, state")
            {
                guard let state = ApplicationState(rawValue: row["state"]) else { continue }
                figures.byState[row["form_id"], default: [:]][state] = row["n"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT substr(submitted_at, 1, 13) AS hour, count(*) AS n FROM applications
                    WHERE submitted_at >= ? GROUP BY hour
                    """, arguments: [Timestamp.string(since)])
            {
                figures.byHour[row["hour"]] = row["n"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT form_id, count(*) AS n, sum(min(benefit_cents, ?)) AS cents FROM applications
                    WHERE state = 'accolta' AND benefit_cents > 0 GROUP BY form_id
                    """, arguments: [Money.maximum.cents])
            {
                figures.granted[row["form_id"]] = DashboardFigures.Total(count: row["n"], cents: row["cents"])
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT a.form_id, count(*) AS n, sum(min(p.amount_cents, ?)) AS cents
                    FROM payments p JOIN applications a ON a.id = p.application_id GROUP BY a.form_id
                    """, arguments: [Money.maximum.cents])
            {
                figures.paid[row["form_id"]] = DashboardFigures.Total(count: row["n"], cents: row["cents"])
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT a.form_id, count(*) AS n, sum(min(v.amount_cents, ?)) AS cents
                    FROM vouchers v JOIN applications a ON a.id = v.application_id GROUP BY a.form_id
                    """, arguments: [Money.maximum.cents])
            {
                figures.vouchered[row["form_id"]] = DashboardFigures.Total(count: row["n"], cents: row["cents"])
            }
            // The text test first: only the rows with a warning are parsed as JSON (half the query's time
            // at 100,000 rows, one in five flagged); the JSON test then decides.
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT json_extract(c.value, '$.code') AS code, count(DISTINCT a.id) AS n
                    FROM applications a, json_each(a.checks) c
                    WHERE a.checks LIKE '%"warning"%' AND json_extract(c.value, '$.status') = 'warning'
                    GROUP BY code
                    """)
            {
                figures.flags[row["code"]] = row["n"]
            }
            for (formID, rule) in overdueBefore {
                figures.overdue[formID] = try Self.overdueCount(
                    formID: formID, term: rule.term, today: rule.today, in: db)
            }
            return figures
        }
    }
}
