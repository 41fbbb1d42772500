import Foundation
import ItalianIdentifiers

/// Redemptions an office should look at (issue 19, item 5, "flags for unusual patterns"): the rules,
/// in one place. A flag is a reason to check, not a finding; voided purchases are never flagged.
///
/// - ``Reason/burst``: the shop redeemed ``burstVouchers`` or more distinct vouchers within
///   ``burstWindow`` (the first and last purchase at most that far apart): every purchase of such a
///   run is flagged. A till does not serve that many households that fast.
/// - ``Reason/emptied``: one visit took nearly all of the voucher's worth at issue, at least `visitShare`
///   percent of it (`vouchers.visit_share`, 90 by default; ``spentNearlyAll(_:of:visitShare:)``): households
///   usually spend a voucher over several shopping trips, and a cent or a euro left on it must not evade the
///   flag. A visit is the purchases of one voucher at one shop whose first and last are at most
///   ``visitWindow`` apart, so a voucher split into several small purchases at the same till is one visit,
///   as one purchase is: every purchase of the visit is flagged.
/// - ``Reason/emptiedFar``: such a visit, at a shop more than `farKilometres` (`vouchers.far_km`,
///   15 by default) from the household's comune (``ShopDistance``): the issue's "voucher emptied
///   in one purchase at a shop far from the household's comune", a voucher sold on rather than spent.
enum RedemptionFlags {
    static let burstVouchers = 10
    static let burstWindow: TimeInterval = 10 * 60
    /// The longest visit: a day, so that purchases split over the hours of one trip are one visit.
    static let visitWindow: TimeInterval = 24 * 60 * 60

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

    /// Whether `spent` is nearly all of a voucher worth `worth`: at least `visitShare` percent of it, in whole
    /// cents (`spent` × 100 ≥ `worth` × `visitShare`), so that no rounding decides a flag.
    static func spentNearlyAll(
        _ spent: Money, of worth: Money, visitShare: Int = DaemonConfig.Vouchers.defaults.visitShare
    ) -> Bool {
        spent.cents * 100 >= worth.cents * visitShare
    }

    /// The ``Reason/emptied`` rule as operators read it, with `visitShare` (50 to 100, ``DaemonConfig``):
    /// "tutto" at 100, "quasi tutto" from 90, below that the share alone (half a voucher is not nearly all
    /// of it). The one wording of the dashboard's headings and table.
    static func emptiedText(visitShare: Int) -> String {
        let visit = "nello stesso negozio in 24 ore"
        return switch visitShare {
        case 100...: "Buono speso tutto \(visit)"
        case 90...: "Buono speso quasi tutto (almeno il \(visitShare) %) \(visit)"
        // "l'80 %", "l'89 %" (otto…), "il 50 %" to "il 79 %".
        case 80...89: "Almeno l'\(visitShare) % del buono speso \(visit)"
        default: "Almeno il \(visitShare) % del buono speso \(visit)"
        }
    }

    /// The reasons each of `purchases` is flagged for, by id; purchases not flagged are absent.
    static func reasons(
        _ purchases: [Purchase], farKilometres: Int = DaemonConfig.Vouchers.defaults.farKilometres,
        visitShare: Int = DaemonConfig.Vouchers.defaults.visitShare
    ) -> [Int64: Set<Reason>] {
        var flagged: [Int64: Set<Reason>] = [:]
        // Amounts are positive: when a visit ending at a purchase reaches the share, the longest one does.
        for shopVoucher in Dictionary(grouping: purchases, by: { [$0.merchantID, $0.voucherID] }).values {
            for visit in runs(shopVoucher, within: visitWindow)
            where spentNearlyAll(
                Money(cents: visit.reduce(0, { $0 + $1.cents })),
                of: Money(cents: visit[visit.startIndex].voucherCents),
                visitShare: visitShare)
            {
                let far = visit.contains { ($0.kilometres ?? 0) > Double(farKilometres) }
                for purchase in visit {
                    flagged[purchase.id, default: []].formUnion(far ? [.emptied, .emptiedFar] : [.emptied])
                }
            }
        }
        for shop in Dictionary(grouping: purchases, by: \.merchantID).values {
            for run in runs(shop, within: burstWindow) where Set(run.map(\.voucherID)).count >= burstVouchers {
                for purchase in run { flagged[purchase.id, default: []].insert(.burst) }
            }
        }
        return flagged
    }

    /// For each of `purchases` in time order, the longest run ending with it whose first and last are at
    /// most `window` apart.
    private static func runs(_ purchases: [Purchase], within window: TimeInterval) -> [ArraySlice<Purchase>] {
        let sorted = purchases.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        var start = 0
        return sorted.indices.map { end in
            while sorted[end].at.timeIntervalSince(sorted[start].at) > window { start += 1 }
            return sorted[start...end]
        }
    }
}
