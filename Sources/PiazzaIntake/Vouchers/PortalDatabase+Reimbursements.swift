import Foundation
import GRDB
import PiazzaContent

/// A period the comune has closed as reimbursed (a row of `reimbursed_periods`).
struct ClosedPeriod: Sendable, Hashable {
    var period: ReimbursementPeriod
    var closedAt: Date
    /// The admin's user name.
    var closedBy: String

    /// What the statement of a shop in a period sharing days with this one says, on its page and in each
    /// row of its CSV (``ShopStatement/csv(closed:)``): the one wording.
    var note: String {
        "Rimborsato: il periodo \(period.label) è stato chiuso il \(Pages.dateTime(closedAt)) da \(closedBy)."
    }

    /// A closed period other than `period` that shares days with it: the SEPA file of `period` would pay
    /// the purchases of those days again, under end-to-end ids (``SEPACreditTransfer/endToEndID(period:partitaIVA:)``)
    /// other than the ones the bank paid, so it is not made. The closed period's own file is, and an earlier
    /// file of it asks for a confirmation (``PortalDatabase/makeCreditTransfer(_:)``).
    static func paidElsewhere(_ period: ReimbursementPeriod, closed: [ClosedPeriod]) -> ClosedPeriod? {
        closed.first { $0.period.overlaps(period) && $0.period != period }
    }
}

extension PortalDatabase {
    /// What ``closeReimbursement(_:actor:at:window:campaignStart:)`` did.
    enum CloseOutcome: Sendable, Equatable {
        /// The period is closed now: `shops` statements totalling `totalCents`.
        case closed(shops: Int, totalCents: Int)
        /// A closed period shares days with it; nothing changed.
        case overlaps(ClosedPeriod)
        /// Redemptions in it may still be made or voided until `date` (the period's end plus the void
        /// window): it is in the future, or just over; nothing changed.
        case notOver(until: Date)
        /// It ends before the campaign starts (`campaignStart`, when the first voucher bando opens): a
        /// mistyped year (`0001`, `2006`) rather than a period to pay; nothing changed.
        case beforeCampaign(starts: Date)
        /// Nothing was redeemed in it (or every redemption was voided): there is nothing to reimburse,
        /// and closing it would only forbid late corrections; nothing changed.
        case empty
    }

    /// The statements of the shops with redemptions not voided in `period`, by shop name then partita
    /// IVA, each with its lines oldest first: what the comune owes (``ShopStatement``).
    ///
    /// - Throws: GRDB's error.
    func shopStatements(for period: ReimbursementPeriod) async throws -> [ShopStatement] {
        try await writer.read { db in try Self.shopStatements(for: period, in: db) }
    }

    /// The periods closed as reimbursed, the latest first.
    ///
    /// - Throws: GRDB's error.
    func closedPeriods() async throws -> [ClosedPeriod] {
        try await writer.read { db in try Self.closedPeriods(where: "1", [], in: db) }
    }

    /// The latest closed period that shares days with `period`: the one a shop's statement of `period` says
    /// was reimbursed (``ClosedPeriod/note``); `nil` when none does.
    ///
    /// - Throws: GRDB's error.
    func closedPeriod(overlapping period: ReimbursementPeriod) async throws -> ClosedPeriod? {
        try await closedPeriods().first { $0.period.overlaps(period) }
    }

    /// Closes `period` as reimbursed, by the admin `actor` at `date`, with its audit entry: from then on
    /// the triggers of migration v13 refuse any redemption dated in it and any void of one (the rule
    /// "nothing redeemed in a closed period can change", issue 19, enforced by the database for every
    /// writer).
    ///
    /// Refused, in this order of reasons: while the period may still change (before its end plus `window`,
    /// the shops' time to void: `vouchers.void_minutes`), so closing never races a till; when it ends
    /// before `campaignStart` (`nil`: the portal has no voucher measure, and the next rule decides); when it
    /// shares a day with a closed period, so each redemption is reimbursed once; when nothing in it is to
    /// reimburse. Checked and written in one transaction.
    ///
    /// - Throws: GRDB's error; nothing is stored then.
    func closeReimbursement(
        _ period: ReimbursementPeriod, actor: String, at date: Date, window: TimeInterval, campaignStart: Date?
    ) async throws -> CloseOutcome {
        try await committer.write { db in
            let settled = period.endsAt.addingTimeInterval(window)
            guard date >= settled else { return .notOver(until: settled) }
            if let campaignStart, period.endsAt <= campaignStart { return .beforeCampaign(starts: campaignStart) }
            if let closed = try Self.closedPeriods(
                where: "first_day <= ? AND last_day >= ?", [period.lastDay.iso, period.firstDay.iso], in: db
            ).first {
                return .overlaps(closed)
            }
            let statements = try Self.shopStatements(for: period, in: db)
            guard !statements.isEmpty else { return .empty }
            try db.execute(
                sql: """
                    INSERT INTO reimbursed_periods (first_day, last_day, starts_at, ends_at, closed_at, closed_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    period.firstDay.iso, period.lastDay.iso, Timestamp.string(period.startsAt),
                    Timestamp.string(period.endsAt), Timestamp.string(date), actor,
                ])
            let total = statements.reduce(0) { $0 + $1.totalCents }
            try AuditChain.append(
                AuditEvent(
                    at: date, actor: actor, action: .closeReimbursement,
                    detail: "\(period.iso), \(statements.count) shops, \(total) cents"),
                in: db)
            return .closed(shops: statements.count, totalCents: total)
        }
    }

    static func shopStatements(for period: ReimbursementPeriod, in db: Database) throws -> [ShopStatement] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.*, r.id AS redemption_id, r.at AS redemption_at, r.amount_cents AS redemption_cents,
                    v.code AS voucher_code
                FROM redemptions r JOIN merchants m ON m.id = r.merchant_id JOIN vouchers v ON v.id = r.voucher_id
                WHERE r.voided_at IS NULL AND r.at >= ? AND r.at < ?
                ORDER BY m.name, m.partita_iva, r.at, r.id
                """,
            arguments: [Timestamp.string(period.startsAt), Timestamp.string(period.endsAt)])
        var statements: [ShopStatement] = []
        for row in rows {
            let merchant = try MerchantRecord(row: row)
            let line = ShopStatement.Line(
                id: row["redemption_id"], at: Timestamp.date(row["redemption_at"]) ?? period.startsAt,
                code: ShopStatement.maskedCode(row["voucher_code"]), amountCents: row["redemption_cents"])
            if statements.last?.merchant.id == merchant.id {
                statements[statements.count - 1].lines.append(line)
            } else {
                statements.append(ShopStatement(merchant: merchant, lines: [line]))
            }
        }
        return statements
    }

    static func closedPeriods(where condition: String, _ arguments: StatementArguments, in db: Database)
        throws -> [ClosedPeriod]
    {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM reimbursed_periods WHERE " + condition + " ORDER BY first_day DESC",
            arguments: arguments
        ).compactMap { row in
            guard let first = ContentDate(iso: row["first_day"]), let last = ContentDate(iso: row["last_day"]),
                let period = ReimbursementPeriod(firstDay: first, lastDay: last),
                let closedAt = Timestamp.date(row["closed_at"])
            else { return nil }
            return ClosedPeriod(period: period, closedAt: closedAt, closedBy: row["closed_by"])
        }
    }
}
