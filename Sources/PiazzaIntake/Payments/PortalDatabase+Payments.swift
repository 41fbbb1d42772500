import Foundation
import GRDB
import ItalianIdentifiers

/// A case in the payments list: an accepted case with a benefit, and its payment once recorded.
struct PaymentEntry: Sendable, Hashable {
    var applicationID: Int64
    var number: String
    var formID: String
    var benefitCents: Int
    /// For the IBAN (``Payments/iban(in:form:)``).
    var answers: StoredAnswers
    var payment: PaymentRecord?
    /// The first payments list that held the case while it was due (``PortalDatabase/recordDue(_:inList:actor:at:)``).
    var earlierList: PaymentList?

    var state: PaymentState { payment == nil ? .due : .paid }

    /// The state as the payments page and the downloaded list say it: a case due that was in an earlier
    /// list says when and by whom that list was downloaded, since the ragioneria may have paid it from
    /// there already (the list stays free to download: it is read, not executed as a SEPA file is).
    var stateText: String { state.text(earlierList: earlierList) }
}

extension PortalDatabase {
    /// What ``markPaid(numbers:on:reference:actor:at:seen:)`` did.
    enum PaymentMarking: Sendable, Equatable {
        /// Every case asked for is now paid.
        case marked(count: Int)
        /// Nothing was written: one message per case that cannot be paid (``Payments/refusal(number:state:benefitCents:paid:)``),
        /// in the order asked.
        case refused([String])
    }

    /// Records the payment of the cases numbered `numbers`, all or none, in one transaction: the
    /// benefit of each as the amount, `day` as value date, the same `reference` (a bulk payment is one
    /// mandato), `actor` and `date` as who and when.
    ///
    /// Every case is checked inside the write transaction (the writer is single), so two operators
    /// paying the same case at once record one payment, and the second is told it is paid already.
    ///
    /// - Parameter seen: by numero pratica, the ``CaseVersion/token`` of the page the payment was recorded
    ///   on (the case page's); such a case changed since (its amount) is refused (``CaseVersion/refusal(seen:)``).
    /// - Throws: GRDB's error when the transaction fails; nothing is stored then.
    func markPaid(
        numbers: [String], on day: ItalianDate, reference: String, actor: String, at date: Date,
        seen: [String: String] = [:]
    ) async throws -> PaymentMarking {
        var distinct: [String] = []
        for number in numbers where !distinct.contains(number) { distinct.append(number) }
        let unique = distinct
        guard !unique.isEmpty else { return .refused(["Scegli almeno una pratica da segnare come pagata."]) }
        return try await committer.write { db in
            let found = try ApplicationRecord.filter(unique.contains(Column(ApplicationRecord.CodingKeys.number)))
                .fetchAll(db)
            let byNumber = Dictionary(uniqueKeysWithValues: found.map { ($0.number, $0) })
            let paid = try Self.payments(of: found.compactMap(\.id), in: db)
            let vouchered = try Self.vouchered(found.compactMap(\.id), in: db)
            var refusals: [String] = []
            for number in unique {
                guard let application = byNumber[number], let id = application.id else {
                    refusals.append("La pratica \(number) non esiste in questo portale.")
                    continue
                }
                if let refusal = try CaseVersion.of(applicationID: id, in: db).refusal(seen: seen[number]) {
                    refusals.append(refusal.message)
                    continue
                }
                if let refusal = Payments.refusal(
                    number: number, state: application.state, benefitCents: application.benefitCents, paid: paid[id],
                    inVouchers: vouchered.contains(id))
                {
                    refusals.append(refusal)
                }
            }
            guard refusals.isEmpty else { return .refused(refusals) }
            for application in found {
                guard let id = application.id, let cents = application.benefitCents else { continue }
                var payment = PaymentRecord(
                    applicationID: id, amountCents: cents, paidOn: day.iso, reference: reference, actor: actor,
                    recordedAt: date)
                try payment.insert(db)
                try AuditChain.append(
                    AuditEvent(
                        at: date, actor: actor, action: .payment, caseNumber: application.number, detail: reference),
                    in: db)
            }
            return .marked(count: found.count)
        }
    }

    /// Which of the applications `ids` have a voucher (``PaymentState/of(state:benefitCents:paid:inVouchers:)``).
    static func vouchered(_ ids: [Int64], in db: Database) throws -> Set<Int64> {
        Set(
            try VoucherRecord.filter(ids.contains(Column(VoucherRecord.CodingKeys.applicationID))).fetchAll(db).map(
                \.applicationID))
    }

    /// The recorded payments of the applications `ids`, by application id.
    static func payments(of ids: [Int64], in db: Database) throws -> [Int64: PaymentRecord] {
        let records = try PaymentRecord.filter(ids.contains(Column(PaymentRecord.CodingKeys.applicationID)))
            .fetchAll(db)
        return Dictionary(uniqueKeysWithValues: records.map { ($0.applicationID, $0) })
    }

    /// The recorded payment of the application `id`, if any.
    func payment(applicationID id: Int64) async throws -> PaymentRecord? {
        try await writer.read { db in try Self.payments(of: [id], in: db)[id] }
    }

    /// Accepted cases with a benefit to transfer (not a voucher), oldest first, `limit` at a time after
    /// the application `after` (keyset on the id, served by the `applications_payable` partial index).
    ///
    /// - Parameter state: only the cases due, or only those paid; `nil` for both.
    func paymentList(state: PaymentState?, after: Int64?, limit: Int) async throws -> [PaymentEntry] {
        var sql = """
            SELECT a.id, a.number, a.form_id, a.benefit_cents, a.answers,
                   p.amount_cents, p.paid_on, p.reference, p.actor, p.recorded_at,
                   l.id AS list_id, l.made_at AS list_made_at, l.made_by AS list_made_by
            FROM applications a LEFT JOIN payments p ON p.application_id = a.id
            LEFT JOIN payment_lists l
                ON l.id = (SELECT min(c.list_id) FROM payment_list_cases c WHERE c.application_id = a.id)
            WHERE a.state = 'accolta' AND a.benefit_cents > 0 AND a.id > ?
              AND NOT EXISTS (SELECT 1 FROM vouchers v WHERE v.application_id = a.id)
            """
        var arguments: StatementArguments = [after ?? 0]
        switch state {
        case .due: sql += " AND p.application_id IS NULL"
        case .paid: sql += " AND p.application_id IS NOT NULL"
        case nil: break
        }
        sql += " ORDER BY a.id LIMIT ?"
        arguments += [limit]
        return try await writer.read { [sql, arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                let id: Int64 = row["id"]
                guard let answers = StoredAnswers.fromDatabaseValue(row["answers"]) else { return nil }
                let payment: PaymentRecord? =
                    if let cents: Int = row["amount_cents"], let recordedAt = Timestamp.date(row["recorded_at"]) {
                        PaymentRecord(
                            applicationID: id, amountCents: cents, paidOn: row["paid_on"], reference: row["reference"],
                            actor: row["actor"], recordedAt: recordedAt)
                    } else { nil }
                let list: PaymentList? =
                    if let listID: Int64 = row["list_id"], let madeAt = Timestamp.date(row["list_made_at"]) {
                        PaymentList(id: listID, madeAt: madeAt, madeBy: row["list_made_by"])
                    } else { nil }
                return PaymentEntry(
                    applicationID: id, number: row["number"], formID: row["form_id"],
                    benefitCents: row["benefit_cents"],
                    answers: answers, payment: payment, earlierList: list)
            }
        }
    }
}
