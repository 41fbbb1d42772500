import Foundation

/// Redemptions an office should look at (issue 19, item 5, "flags for unusual patterns"): the rules,
/// in one place. A flag is a reason to check, not a finding; voided purchases are never flagged.
///
/// - ``Reason/burst``: the shop redeemed ``burstVouchers`` or more distinct vouchers within
///   ``burstWindow`` (the first and last purchase at most that far apart): every purchase of such a
///   run is flagged. A till does not serve that many households that fast.
/// - ``Reason/emptied``: one purchase took the voucher's whole worth at issue: households usually
///   spend a voucher over several shopping trips.
/// - ``Reason/emptiedFar``: such a purchase, at a shop more than `farKilometres` (`vouchers.far_km`,
///   15 by default) from the household's comune (``ShopDistance``): the issue's "voucher emptied
///   in one purchase at a shop far from the household's comune", a voucher sold on rather than spent.
enum RedemptionFlags {
    static let burstVouchers = 10
    static let burstWindow: TimeInterval = 10 * 60

    enum Reason: String, Sendable, Hashable, CaseIterable {
        case burst, emptied, emptiedFar
    }

    /// A purchase not voided, as the rules read it.
    struct Purchase: Sendable, Hashable {
        var id: Int64
        var voucherID: Int64
        var merchantID: Int64
        var cents: Int
        /// The voucher's worth at issue.
        var voucherCents: Int
        var at: Date
        /// How far the shop is from the household's comune; `nil` when a place is unknown.
        var kilometres: Double? = nil
    }

    /// The reasons each of `purchases` is flagged for, by id; purchases not flagged are absent.
    static func reasons(_ purchases: [Purchase], farKilometres: Int = DaemonConfig.Vouchers.defaults.farKilometres)
        -> [Int64: Set<Reason>]
    {
        var flagged: [Int64: Set<Reason>] = [:]
        for purchase in purchases where purchase.cents == purchase.voucherCents {
            flagged[purchase.id, default: []].insert(.emptied)
            if let kilometres = purchase.kilometres, kilometres > Double(farKilometres) {
                flagged[purchase.id, default: []].insert(.emptiedFar)
            }
        }
        for shop in Dictionary(grouping: purchases, by: \.merchantID).values {
            let sorted = shop.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
            var start = 0
            for end in sorted.indices {
                while sorted[end].at.timeIntervalSince(sorted[start].at) > burstWindow { start += 1 }
                let run = sorted[start...end]
                guard Set(run.map(\.voucherID)).count >= burstVouchers else { continue }
                for purchase in run { flagged[purchase.id, default: []].insert(.burst) }
            }
        }
        return flagged
    }
}
