import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent

/// The money of one voucher measure on a day, in cents: what was issued, and how it splits into what
/// was spent, what can still be spent and what expired unspent (`issued = spent + unspent + expired`).
struct VoucherMeasureFigures: Sendable, Hashable {
    /// The slug of the measure (``VoucherRecord/measure``).
    var measure: String
    /// How many vouchers were issued, and their worth at issue.
    var vouchers: Int
    var issuedCents: Int
    /// Redemptions not voided.
    var spentCents: Int
    /// Balances of the vouchers still valid on the day.
    var unspentCents: Int
    /// Balances of the vouchers whose last day is before the day (``VoucherRecord/hasExpired(on:)``).
    var expiredCents: Int
}

extension PortalDatabase {
    /// Per measure with vouchers, sorted by slug, its figures on `today` (a day of Rome's calendar), read
    /// in one transaction. Each balance is ``balance(ofVoucher:in:)``'s.
    ///
    /// - Throws: GRDB's error when the read fails.
    func voucherFigures(on today: ContentDate) async throws -> [VoucherMeasureFigures] {
        try await writer.read { db in
            var figures: [String: VoucherMeasureFigures] = [:]
            for voucher in try VoucherRecord.fetchAll(db) {
                guard let id = voucher.id else { continue }
                // Counted as at most Money.maximum, as the dashboard's other sums: a worth stored before the
                // bound (Int.max cents) would overflow the sums below and trap.
                let worth = min(voucher.amountCents, Money.maximum.cents)
                let balance = min(try Self.balance(ofVoucher: id, in: db), worth)
                let expired = voucher.hasExpired(on: today)
                var measure =
                    figures[voucher.measure]
                    ?? .init(
                        measure: voucher.measure, vouchers: 0, issuedCents: 0, spentCents: 0, unspentCents: 0,
                        expiredCents: 0)
                measure.vouchers += 1
                measure.issuedCents += worth
                measure.spentCents += worth - balance
                measure.unspentCents += expired ? 0 : balance
                measure.expiredCents += expired ? balance : 0
                figures[voucher.measure] = measure
            }
            return figures.values.sorted { $0.measure < $1.measure }
        }
    }
}

/// A purchase flagged by ``RedemptionFlags``, as the dashboard lists it.
struct FlaggedRedemption: Sendable, Hashable {
    var at: Date
    var shop: String
    /// The numero pratica of the voucher's case.
    var caseNumber: String
    var cents: Int
    var reasons: Set<RedemptionFlags.Reason>
}

extension PortalDatabase {
    /// The purchases not voided that ``RedemptionFlags/reasons(_:farKilometres:visitShare:)`` flags, newest
    /// first; `distance` places the shops and the households (`nil`: no purchase is far).
    ///
    /// - Throws: GRDB's error when the read fails.
    func flaggedRedemptions(
        distance: ShopDistance? = nil, farKilometres: Int = DaemonConfig.Vouchers.defaults.farKilometres,
        visitShare: Int = DaemonConfig.Vouchers.defaults.visitShare
    ) async throws -> [FlaggedRedemption] {
        try await writer.read { db in
            let redemptions = try RedemptionRecord.filter(Column(RedemptionRecord.CodingKeys.voidedAt) == nil)
                .fetchAll(db)
            let vouchers = try Dictionary(uniqueKeysWithValues: VoucherRecord.fetchAll(db).map { ($0.id!, $0) })
            let merchants = try Dictionary(uniqueKeysWithValues: MerchantRecord.fetchAll(db).map { ($0.id!, $0) })
            let shops = merchants.mapValues(\.name)
            // The households' answers, only for purchases at a shop that took nearly a whole voucher (the far
            // rule's): a visit spends at most what the voucher spent there in all.
            let spentAtShop = Dictionary(grouping: redemptions) { [$0.merchantID, $0.voucherID] }.mapValues {
                $0.reduce(0) { $0 + $1.amountCents }
            }
            var answers: [Int64: [Answer]] = [:]
            func kilometres(_ redemption: RedemptionRecord) throws -> Double? {
                guard let distance, let voucher = vouchers[redemption.voucherID],
                    RedemptionFlags.spentNearlyAll(
                        Money(cents: spentAtShop[[redemption.merchantID, redemption.voucherID]] ?? 0),
                        of: Money(cents: voucher.amountCents), visitShare: visitShare),
                    let shop = merchants[redemption.merchantID]
                else { return nil }
                if answers[voucher.applicationID] == nil {
                    answers[voucher.applicationID] =
                        try ApplicationRecord.fetchOne(db, key: voucher.applicationID)?.answers.application.answers
                        ?? []
                }
                return distance.kilometres(answers: answers[voucher.applicationID]!, partitaIVA: shop.partitaIVA)
            }
            let reasons = RedemptionFlags.reasons(
                try redemptions.map {
                    RedemptionFlags.Purchase(
                        id: $0.id!, voucherID: $0.voucherID, merchantID: $0.merchantID, cents: $0.amountCents,
                        voucherCents: vouchers[$0.voucherID]?.amountCents ?? 0, at: $0.at,
                        kilometres: try kilometres($0))
                }, farKilometres: farKilometres, visitShare: visitShare)
            return try redemptions.compactMap { redemption -> FlaggedRedemption? in
                guard let flags = reasons[redemption.id!], let voucher = vouchers[redemption.voucherID] else {
                    return nil
                }
                return FlaggedRedemption(
                    at: redemption.at, shop: shops[redemption.merchantID] ?? "",
                    caseNumber: try Self.caseNumber(applicationID: voucher.applicationID, in: db) ?? "",
                    cents: redemption.amountCents, reasons: flags)
            }.sorted { $0.at > $1.at }
        }
    }
}
