import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent

extension PortalDatabase {
    /// What the comune asks for when it downloads a SEPA file (``makeCreditTransfer(_:)``).
    struct CreditTransferRequest: Sendable {
        var period: ReimbursementPeriod
        /// The comune's account (`vouchers.debtors` of the daemon's config).
        var debtor: DaemonConfig.Vouchers.Debtor
        /// Each shop's account holder by partita IVA (``SEPACreditTransfer/holders``).
        var holders: [String: String]
        /// The user name of who downloads it.
        var actor: String
        var at: Date
        /// The newest earlier file of an overlapping period the operator saw and confirmed making another
        /// file over (the greatest ``CreditTransferFile/id`` the page showed); `nil` without a confirmation.
        var confirmedNewest: Int64?
        /// Whether the file leaves the daemon and is recorded; `false` for a `HEAD`
        /// (``OperatorController/delivers(_:)``): the same checks and answer, nothing written, the file's
        /// ``CreditTransferFile/id`` 0.
        var records = true
    }

    /// What ``makeCreditTransfer(_:)`` did.
    enum CreditTransferOutcome: Sendable {
        /// The file is recorded as `file`, its XML is `xml`.
        case made(CreditTransferFile, xml: String)
        /// A closed period other than the one asked shares days with it (``ClosedPeriod/paidElsewhere(_:closed:)``);
        /// nothing written.
        case paidElsewhere(ClosedPeriod)
        /// Nothing to reimburse in the period; nothing written.
        case empty
        /// Files of overlapping periods were made before, newest first, and the request did not confirm
        /// them all (one came after the page the operator confirmed on); nothing written.
        case madeBefore([CreditTransferFile])
    }

    /// The SEPA files made for periods sharing days with `period`, newest first.
    ///
    /// - Throws: GRDB's error.
    func creditTransferFiles(overlapping period: ReimbursementPeriod) async throws -> [CreditTransferFile] {
        try await writer.read { db in try Self.creditTransferFiles(overlapping: period, in: db) }
    }

    /// Makes the SEPA credit transfer file of `request.period` and records it, with its audit entry
    /// (`export`, `bonifici-<period> <MsgId>`), in one transaction: the file written is the one recorded.
    ///
    /// Refused, with nothing written, when a closed period other than this one shares its days (the
    /// file would pay them again under other end-to-end ids), when nothing is to reimburse, and when a
    /// file of an overlapping period was made before and the request did not confirm the newest of them
    /// (``CreditTransferRequest/confirmedNewest``, exactly): downloaded twice, two files pay the same purchases
    /// twice, and banks check the uniqueness of `MsgId`, not of what a file pays. The message id is new
    /// for every file (``SEPACreditTransfer/messageID(period:)``), so a bank never refuses a file made
    /// again on purpose as a duplicate of another.
    ///
    /// - Throws: ``SEPACreditTransfer/Unpayable`` for a shop the file cannot pay, GRDB's error; nothing is
    ///   stored then.
    func makeCreditTransfer(_ request: CreditTransferRequest) async throws -> CreditTransferOutcome {
        try await committer.write { db in
            let period = request.period
            if let paid = ClosedPeriod.paidElsewhere(
                period,
                closed: try Self.closedPeriods(
                    where: "first_day <= ? AND last_day >= ?", [period.lastDay.iso, period.firstDay.iso], in: db))
            {
                return .paidElsewhere(paid)
            }
            let earlier = try Self.creditTransferFiles(overlapping: period, in: db)
            // The confirmation names the newest file exactly: an older one came from a page that did not show
            // the newest, a greater one from no page at all.
            if let newest = earlier.first, newest.id != request.confirmedNewest { return .madeBefore(earlier) }
            let statements = try Self.shopStatements(for: period, in: db)
            guard !statements.isEmpty else { return .empty }
            let transfer = SEPACreditTransfer(
                debtor: request.debtor, period: period, statements: statements, holders: request.holders,
                createdAt: request.at, messageID: SEPACreditTransfer.messageID(period: period))
            let xml = try transfer.xml()
            let total = statements.reduce(0) { $0 + $1.totalCents }
            guard request.records else {
                return .made(
                    CreditTransferFile(
                        id: 0, messageID: transfer.messageID, period: period, madeAt: request.at,
                        madeBy: request.actor, totalCents: total, confirmedOverlap: !earlier.isEmpty, payees: []),
                    xml: xml)
            }
            try db.execute(
                sql: """
                    INSERT INTO credit_transfer_files
                        (message_id, first_day, last_day, made_at, made_by, total_cents, confirmed_overlap)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    transfer.messageID, period.firstDay.iso, period.lastDay.iso, Timestamp.string(request.at),
                    request.actor, total, !earlier.isEmpty,
                ])
            let id = db.lastInsertedRowID
            var payees: [CreditTransferFile.Payee] = []
            for statement in statements {
                let payee = CreditTransferFile.Payee(
                    partitaIVA: statement.merchant.partitaIVA,
                    iban: (try? IBAN(statement.merchant.iban).value) ?? statement.merchant.iban,
                    amountCents: statement.totalCents)
                try db.execute(
                    sql: """
                        INSERT INTO credit_transfer_payees (file_id, merchant_id, partita_iva, iban, amount_cents)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [id, statement.merchant.id, payee.partitaIVA, payee.iban, payee.amountCents])
                payees.append(payee)
            }
            try AuditChain.append(
                AuditEvent(
                    at: request.at, actor: request.actor, action: .export,
                    detail: "bonifici-\(period.compact) \(transfer.messageID)"),
                in: db)
            return .made(
                CreditTransferFile(
                    id: id, messageID: transfer.messageID, period: period, madeAt: request.at, madeBy: request.actor,
                    totalCents: total, confirmedOverlap: !earlier.isEmpty, payees: payees),
                xml: xml)
        }
    }

    private static func creditTransferFiles(overlapping period: ReimbursementPeriod, in db: Database) throws
        -> [CreditTransferFile]
    {
        let payees = try Row.fetchAll(
            db,
            sql: """
                SELECT p.* FROM credit_transfer_payees p JOIN credit_transfer_files f ON f.id = p.file_id
                WHERE f.first_day <= ? AND f.last_day >= ? ORDER BY p.file_id, p.partita_iva
                """,
            arguments: [period.lastDay.iso, period.firstDay.iso]
        ).reduce(into: [Int64: [CreditTransferFile.Payee]]()) { payees, row in
            payees[row["file_id"], default: []].append(
                .init(partitaIVA: row["partita_iva"], iban: row["iban"], amountCents: row["amount_cents"]))
        }
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM credit_transfer_files WHERE first_day <= ? AND last_day >= ? ORDER BY id DESC",
            arguments: [period.lastDay.iso, period.firstDay.iso]
        ).compactMap { row in
            guard let first = ContentDate(iso: row["first_day"]), let last = ContentDate(iso: row["last_day"]),
                let period = ReimbursementPeriod(firstDay: first, lastDay: last),
                let madeAt = Timestamp.date(row["made_at"])
            else { return nil }
            let id: Int64 = row["id"]
            return CreditTransferFile(
                id: id, messageID: row["message_id"], period: period, madeAt: madeAt, madeBy: row["made_by"],
                totalCents: row["total_cents"], confirmedOverlap: row["confirmed_overlap"], payees: payees[id] ?? [])
        }
    }
}
