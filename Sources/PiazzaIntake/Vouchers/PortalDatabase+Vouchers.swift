import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent

/// A redemption as a shop and the citizen read it: the row, the voucher's code and the shop's name.
struct RedemptionEntry: Sendable, Hashable {
    var redemption: RedemptionRecord
    /// ``VoucherCode/canonical`` of the voucher.
    var code: String
    var merchantName: String
}

/// A voucher with its balance and every purchase made with it, oldest first.
struct VoucherAccount: Sendable, Hashable {
    var voucher: VoucherRecord
    /// ``VoucherRecord/amountCents`` less the redemptions not voided.
    var balanceCents: Int
    var redemptions: [RedemptionEntry]
}

/// A merchant with the measures whose vouchers it redeems.
struct EnrolledMerchant: Sendable, Hashable {
    var merchant: MerchantRecord
    /// Measure slugs, sorted.
    var measures: [String]
}

extension PortalDatabase {
    /// What ``redeem(code:cents:merchantID:staff:key:at:)`` did.
    enum RedemptionOutcome: Sendable, Equatable {
        /// The redemption is stored (or was, by an earlier post with the same key: `isRepeat`); the
        /// voucher's balance now.
        case redeemed(id: Int64, balanceCents: Int, isRepeat: Bool)
        /// No voucher has that code.
        case unknownCode
        /// The shop is not enrolled for the voucher's measure (its slug).
        case notEnrolled(measure: String)
        /// The voucher's last day has passed.
        case expired(validUntil: ContentDate)
        /// The amount is more than the balance, which is given.
        case overBalance(balanceCents: Int)
        /// The key was used by the same shop for the `earlier` purchase, of another voucher or amount:
        /// nothing is stored (one form is one purchase).
        case keyUsed(earlier: RedemptionEntry)
    }

    /// What ``voidRedemption(id:merchantID:staff:at:window:)`` did.
    enum VoidOutcome: Sendable, Equatable {
        /// Voided now, or earlier (a repeated post): the amount is back on the voucher.
        case voided
        /// The shop has no redemption with that id.
        case notFound
        /// The window closed at `deadline`; nothing changed.
        case tooLate(deadline: Date)
    }

    /// Redeems `cents` of the voucher with canonical code `code` at the shop `merchantID`, by `staff`:
    /// the rule of redemption (issue 19), in one write transaction on the single writer.
    ///
    /// Inside the transaction: a redemption of the shop with the same `key` is returned as it is when
    /// it has the same voucher and amount (a double submit is one purchase), and refused
    /// (``RedemptionOutcome/keyUsed(earlier:)``) when it has others; then the shop must be enrolled
    /// for the voucher's measure, the voucher not
    /// expired (its `valid_until` is before the day of `date` in Rome) and `cents` at most the balance,
    /// summed there (``balance(ofVoucher:in:)``). Concurrent redemptions are checked one after the
    /// other, so a balance never goes below zero. The redemption and its audit entry are stored
    /// together.
    ///
    /// - Parameter key: ``Redemptions/idempotencyKey(oneTimeKey:merchant:)``.
    /// - Throws: GRDB's error when the transaction fails; nothing is stored then.
    func redeem(code: String, cents: Int, merchantID: Int64, staff: String, key: String, at date: Date)
        async throws -> RedemptionOutcome
    {
        try await committer.write { db in
            if let earlier = try Self.entries(
                where: "r.idempotency_key = ? AND r.merchant_id = ?", [key, merchantID], in: db
            ).first, let id = earlier.redemption.id {
                guard earlier.code == code, earlier.redemption.amountCents == cents else {
                    return .keyUsed(earlier: earlier)
                }
                return .redeemed(
                    id: id, balanceCents: try Self.balance(ofVoucher: earlier.redemption.voucherID, in: db),
                    isRepeat: true)
            }
            guard let voucher = try VoucherRecord.filter(Column(VoucherRecord.CodingKeys.code) == code).fetchOne(db),
                let voucherID = voucher.id
            else { return .unknownCode }
            guard try Self.measures(ofMerchant: merchantID, in: db).contains(voucher.measure) else {
                return .notEnrolled(measure: voucher.measure)
            }
            if voucher.hasExpired(on: ContentDateTime.romeDay(of: date)), let last = voucher.lastDay {
                return .expired(validUntil: last)
            }
            let balance = try Self.balance(ofVoucher: voucherID, in: db)
            guard cents <= balance else { return .overBalance(balanceCents: balance) }
            var redemption = RedemptionRecord(
                voucherID: voucherID, merchantID: merchantID, staff: staff, amountCents: cents, at: date,
                idempotencyKey: key)
            try redemption.insert(db)
            let id = redemption.id!
            try AuditChain.append(
                AuditEvent(
                    at: date, actor: staff, action: .redeemVoucher,
                    caseNumber: try Self.caseNumber(applicationID: voucher.applicationID, in: db),
                    detail: try Self.auditDetail(id: id, cents: cents, merchantID: merchantID, in: db)),
                in: db)
            return .redeemed(id: id, balanceCents: balance - cents, isRepeat: false)
        }
    }

    /// Voids the redemption `id` of the shop `merchantID`, by `staff` at `date`, while `window` has not
    /// passed since it was made; the amount goes back on the voucher. Checked and written in one
    /// transaction, with the audit entry. Voiding a voided redemption changes nothing and answers
    /// ``VoidOutcome/voided`` (a double submit).
    ///
    /// - Throws: GRDB's error when the transaction fails; nothing is stored then.
    func voidRedemption(id: Int64, merchantID: Int64, staff: String, at date: Date, window: TimeInterval)
        async throws -> VoidOutcome
    {
        try await committer.write { db in
            guard var redemption = try RedemptionRecord.fetchOne(db, key: id), redemption.merchantID == merchantID
            else { return .notFound }
            if redemption.voidedAt != nil { return .voided }
            let deadline = redemption.at.addingTimeInterval(window)
            guard date <= deadline else { return .tooLate(deadline: deadline) }
            redemption.voidedAt = date
            redemption.voidedBy = staff
            try redemption.update(
                db,
                columns: [RedemptionRecord.CodingKeys.voidedAt.rawValue, RedemptionRecord.CodingKeys.voidedBy.rawValue])
            let voucher = try VoucherRecord.fetchOne(db, key: redemption.voucherID)
            try AuditChain.append(
                AuditEvent(
                    at: date, actor: staff, action: .voidRedemption,
                    caseNumber: try voucher.flatMap { try Self.caseNumber(applicationID: $0.applicationID, in: db) },
                    detail: try Self.auditDetail(
                        id: id, cents: redemption.amountCents, merchantID: merchantID, in: db)),
                in: db)
            return .voided
        }
    }

    /// The voucher's amount less its redemptions not voided, in cents: the one computation of a balance.
    static func balance(ofVoucher id: Int64, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: """
                SELECT v.amount_cents - coalesce((
                    SELECT sum(r.amount_cents) FROM redemptions r WHERE r.voucher_id = v.id AND r.voided_at IS NULL
                ), 0) FROM vouchers v WHERE v.id = ?
                """)
        return try Int.fetchOne(statement, arguments: [id]) ?? 0
    }

    /// Issues the voucher of the accepted case `number` (row `applicationID`) inside the acceptance's
    /// transaction (``AcceptanceEffects``): a new random code (``VoucherCode/random()``, drawn again in
    /// the unlikely case it is taken), worth `cents`, for `measure`, spendable until `validUntil`.
    ///
    /// - Throws: GRDB's error.
    static func issueVoucher(
        applicationID: Int64, number: String, cents: Int, measure: String, validUntil: ContentDate, actor: String,
        at date: Date, in db: Database
    ) throws {
        var code = VoucherCode.random().canonical
        while try VoucherRecord.filter(Column(VoucherRecord.CodingKeys.code) == code).fetchCount(db) > 0 {
            code = VoucherCode.random().canonical
        }
        var voucher = VoucherRecord(
            applicationID: applicationID, code: code, measure: measure, amountCents: cents,
            validUntil: validUntil.iso, issuedAt: date, issuedBy: actor)
        try voucher.insert(db)
        try AuditChain.append(
            AuditEvent(at: date, actor: actor, action: .issueVoucher, caseNumber: number, detail: String(cents)), in: db
        )
    }

    /// Enrols a shop inside the acceptance's transaction of its case `number` (``AcceptanceEffects``),
    /// for `measures`.
    ///
    /// - Throws: GRDB's error (a partita IVA enrolled already breaks its UNIQUE constraint: the caller
    ///   checks ``enrollingCase(partitaIVA:in:)`` first).
    static func enrolMerchant(
        _ record: MerchantRecord, measures: [String], number: String, actor: String, in db: Database
    ) throws {
        var merchant = record
        try merchant.insert(db)
        for measure in measures {
            try db.execute(
                sql: "INSERT INTO merchant_measures (merchant_id, measure) VALUES (?, ?)",
                arguments: [merchant.id, measure])
        }
        try AuditChain.append(
            AuditEvent(
                at: record.enrolledAt, actor: actor, action: .enrolMerchant, caseNumber: number,
                detail: record.partitaIVA),
            in: db)
    }

    /// Why the benefit amount of the case numbered `number` (row `applicationID`) cannot be changed once
    /// its voucher is issued: the voucher is worth the amount at acceptance, and shops spend it; `nil`
    /// when the case has no voucher.
    static func voucherBenefitRefusal(applicationID: Int64, number: String, in db: Database) throws -> String? {
        guard
            let voucher = try VoucherRecord.filter(Column(VoucherRecord.CodingKeys.applicationID) == applicationID)
                .fetchOne(db)
        else { return nil }
        return "Per la pratica \(number) è già stato emesso il buono spesa da \(Money(cents: voucher.amountCents)): "
            + "l'importo non si può più modificare."
    }

    /// The numero pratica of another case than the application `applicationID` holding a voucher of
    /// `measure` not expired on `day` (``VoucherRecord/hasExpired(on:)``) whose applicant has a codice
    /// fiscale of this application's applicant (`application_fiscal_codes`, de-omocodified); the
    /// oldest such case, `nil` when there is none. The check against double funding of one person
    /// (``AcceptanceEffects``).
    static func otherVoucherCase(applicationID: Int64, measure: String, on day: ContentDate, in db: Database)
        throws -> String?
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT v.*, a.number AS case_number FROM vouchers v JOIN applications a ON a.id = v.application_id
                WHERE v.measure = ? AND v.application_id <> ? AND v.application_id IN (
                    SELECT other.application_id FROM application_fiscal_codes mine
                    JOIN application_fiscal_codes other ON other.fiscal_code = mine.fiscal_code
                    WHERE mine.application_id = ?
                ) ORDER BY v.id
                """, arguments: [measure, applicationID, applicationID])
        return try rows.first { try !VoucherRecord(row: $0).hasExpired(on: day) }?["case_number"]
    }

    /// The numero pratica of the case that enrolled the shop with `partitaIVA`, if it is enrolled.
    static func enrollingCase(partitaIVA: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT a.number FROM merchants m JOIN applications a ON a.id = m.application_id
                WHERE m.partita_iva = ?
                """, arguments: [partitaIVA])
    }

    /// The shop enrolled with `partitaIVA` (11 digits) and its measures; `nil` when it is not enrolled.
    func merchant(partitaIVA: String) async throws -> EnrolledMerchant? {
        try await writer.read { db in
            guard
                let merchant = try MerchantRecord.filter(Column(MerchantRecord.CodingKeys.partitaIVA) == partitaIVA)
                    .fetchOne(db), let id = merchant.id
            else { return nil }
            return EnrolledMerchant(merchant: merchant, measures: try Self.measures(ofMerchant: id, in: db).sorted())
        }
    }

    /// The shop's latest redemptions, newest first, at most `limit`.
    func redemptions(merchantID: Int64, limit: Int) async throws -> [RedemptionEntry] {
        try await writer.read { db in
            try Self.entries(where: "r.merchant_id = ? ORDER BY r.id DESC LIMIT ?", [merchantID, limit], in: db)
        }
    }

    /// The shop's redemption `id`; `nil` when it is another shop's or does not exist.
    func redemption(id: Int64, merchantID: Int64) async throws -> RedemptionEntry? {
        try await writer.read { db in
            try Self.entries(where: "r.id = ? AND r.merchant_id = ?", [id, merchantID], in: db).first
        }
    }

    /// The voucher issued for the application `id`, with its balance and purchases; `nil` when none was.
    func voucherAccount(applicationID id: Int64) async throws -> VoucherAccount? {
        try await writer.read { db in try Self.voucherAccount(applicationID: id, in: db) }
    }

    /// ``voucherAccount(applicationID:)`` inside the caller's transaction.
    static func voucherAccount(applicationID id: Int64, in db: Database) throws -> VoucherAccount? {
        guard
            let voucher = try VoucherRecord.filter(Column(VoucherRecord.CodingKeys.applicationID) == id)
                .fetchOne(db), let voucherID = voucher.id
        else { return nil }
        return VoucherAccount(
            voucher: voucher, balanceCents: try Self.balance(ofVoucher: voucherID, in: db),
            redemptions: try Self.entries(where: "r.voucher_id = ? ORDER BY r.id", [voucherID], in: db))
    }

    private static func entries(where condition: String, _ arguments: StatementArguments, in db: Database) throws
        -> [RedemptionEntry]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.*, v.code AS voucher_code, m.name AS merchant_name
                FROM redemptions r JOIN vouchers v ON v.id = r.voucher_id JOIN merchants m ON m.id = r.merchant_id
                WHERE
                """ + " " + condition, arguments: arguments)
        return try rows.map { row in
            RedemptionEntry(
                redemption: try RedemptionRecord(row: row), code: row["voucher_code"],
                merchantName: row["merchant_name"])
        }
    }

    static func measures(ofMerchant id: Int64, in db: Database) throws -> Set<String> {
        Set(
            try String.fetchAll(db, sql: "SELECT measure FROM merchant_measures WHERE merchant_id = ?", arguments: [id])
        )
    }

    /// The numero pratica of the application row `applicationID`.
    static func caseNumber(applicationID: Int64, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT number FROM applications WHERE id = ?", arguments: [applicationID])
    }

    /// `redemption 12, 1250 cents, shop 01234560280`: no personal data (the shop is a business).
    private static func auditDetail(id: Int64, cents: Int, merchantID: Int64, in db: Database) throws -> String {
        let partitaIVA =
            try String.fetchOne(db, sql: "SELECT partita_iva FROM merchants WHERE id = ?", arguments: [merchantID])
            ?? ""
        return "redemption \(id), \(cents) cents, shop \(partitaIVA)"
    }
}
