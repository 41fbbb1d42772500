import Foundation
import GRDB
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
                let balance = try Self.balance(ofVoucher: id, in: db)
                let expired = voucher.hasExpired(on: today)
                var measure =
                    figures[voucher.measure]
                    ?? .init(
                        measure: voucher.measure, vouchers: 0, issuedCents: 0, spentCents: 0, unspentCents: 0,
                        expiredCents: 0)
                measure.vouchers += 1
                measure.issuedCents += voucher.amountCents
                measure.spentCents += voucher.amountCents - balance
                measure.unspentCents += expired ? 0 : balance
                measure.expiredCents += expired ? balance : 0
                figures[voucher.measure] = measure
            }
            return figures.values.sorted { $0.measure < $1.measure }
        }
    }
}
