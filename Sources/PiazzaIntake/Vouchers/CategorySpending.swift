import Foundation
import GRDB
import PiazzaContent

/// What the vouchers bought in one category of shop (issue 19, item 5: spending per shop category), in
/// cents. The category is the `category` of the shop's row in the portal's `esercenti.csv`
/// (``PiazzaContent/Merchant``), found by partita IVA: the back office's shops carry no category, the
/// editors' file does, and the map shows the same one.
struct CategorySpending: Sendable, Hashable {
    var category: String
    /// Purchases not voided, as ``VoucherMeasureFigures/spentCents`` counts them.
    var cents: Int

    /// The category of a shop with no row in `esercenti.csv`.
    static let unlisted = "non indicata"

    /// `spentByShop` (partita IVA → cents) summed by the category of each shop's row in `merchants`,
    /// the most spent first, then by category. A partita IVA on several rows (one shop, several
    /// addresses) takes its first row's category; one on none is ``unlisted``.
    static func grouped(_ spentByShop: [String: Int], merchants: [Merchant]) -> [CategorySpending] {
        var categories: [String: String] = [:]
        for merchant in merchants where categories[merchant.partitaIVA.value] == nil {
            categories[merchant.partitaIVA.value] = merchant.category
        }
        var totals: [String: Int] = [:]
        for (partitaIVA, cents) in spentByShop {
            totals[categories[partitaIVA] ?? unlisted, default: 0] += cents
        }
        return totals.map { CategorySpending(category: $0, cents: $1) }
            .sorted { ($1.cents, $0.category) < ($0.cents, $1.category) }
    }
}

extension PortalDatabase {
    /// Per enrolled shop with purchases not voided, by partita IVA, their sum in cents.
    ///
    /// - Throws: GRDB's error when the read fails.
    func spendingByShop() async throws -> [String: Int] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.partita_iva, sum(r.amount_cents) AS cents
                    FROM redemptions r JOIN merchants m ON m.id = r.merchant_id
                    WHERE r.voided_at IS NULL GROUP BY m.partita_iva
                    """)
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["partita_iva"], $0["cents"]) })
        }
    }
}
