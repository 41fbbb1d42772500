import Foundation
import HummingbirdTesting
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// The flags for unusual patterns of redemption (issue 19, item 5; ``RedemptionFlags``): many vouchers
/// at one shop in a few minutes, a voucher (nearly) emptied in one visit; and their table on the dashboard.
@Suite("Redemptions flagged for review")
struct RedemptionFlagsTests {
    /// `count` purchases of 10 € from vouchers of 150 €, `spacing` seconds apart, among `vouchers`
    /// distinct vouchers, at shops taken in turn from `shops`.
    static func purchases(count: Int, spacing: TimeInterval, vouchers: Int, shops: Int) -> [RedemptionFlags.Purchase] {
        (0..<count).map {
            RedemptionFlags.Purchase(
                id: Int64($0), voucherID: Int64($0 % vouchers), merchantID: Int64($0 % shops), cents: 1000,
                voucherCents: 15000, at: IntakeFixture.now.addingTimeInterval(Double($0) * spacing))
        }
    }

    @Test(
        "a run of 10 distinct vouchers within 10 minutes at one shop flags each of its purchases, nothing less does",
        arguments: [
            // 10 vouchers, the last 9 minutes after the first: all flagged.
            (count: 10, spacing: 60.0, vouchers: 10, shops: 1, flagged: 10),
            // Exactly 10 minutes from first to last: still within.
            (count: 10, spacing: 600.0 / 9, vouchers: 10, shops: 1, flagged: 10),
            // A second too slow: the window holds 9.
            (count: 10, spacing: 601.0 / 9, vouchers: 10, shops: 1, flagged: 0),
            // 12 purchases of 9 vouchers: a voucher spent twice is one voucher.
            (count: 12, spacing: 30.0, vouchers: 9, shops: 1, flagged: 0),
            // 20 vouchers at two shops, 10 each, all within the window: each shop's run counts.
            (count: 20, spacing: 20.0, vouchers: 20, shops: 2, flagged: 20),
            // 18 vouchers at two shops: 9 each, none flagged.
            (count: 18, spacing: 20.0, vouchers: 18, shops: 2, flagged: 0),
            // 11 vouchers a minute apart: the windows 0–9 and 1–10 flag all 11.
            (count: 11, spacing: 60.0, vouchers: 11, shops: 1, flagged: 11),
        ])
    func burst(count: Int, spacing: TimeInterval, vouchers: Int, shops: Int, flagged: Int) {
        let reasons = RedemptionFlags.reasons(
            Self.purchases(count: count, spacing: spacing, vouchers: vouchers, shops: shops))
        #expect(reasons.count == flagged)
        #expect(reasons.values.allSatisfy { $0 == [.burst] })
    }

    @Test(
        "the dashboard names the rule as `visit_share` sets it: all of it at 100, nearly all from 90, the share below",
        arguments: [
            (100, "Buono speso tutto nello stesso negozio in 24 ore"),
            (99, "Buono speso quasi tutto (almeno il 99 %) nello stesso negozio in 24 ore"),
            (90, "Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore"),
            (89, "Almeno l'89 % del buono speso nello stesso negozio in 24 ore"),
            (50, "Almeno il 50 % del buono speso nello stesso negozio in 24 ore"),
        ])
    func emptiedLabel(share: Int, label: String) {
        #expect(DashboardPage.reasonLabel(.emptied, farKilometres: 15, visitShare: share) == label)
        #expect(
            DashboardPage.reasonLabel(.emptiedFar, farKilometres: 15, visitShare: share)
                == label + ", a più di 15 km dal comune del nucleo")
    }

    @Test(
        "a purchase of 90 % of the voucher's worth or more is flagged, a cent below is not; `visit_share` moves the line",
        arguments: [
            (cents: 15000, share: 90, flagged: true), (cents: 14999, share: 90, flagged: true),
            (cents: 13500, share: 90, flagged: true), (cents: 13499, share: 90, flagged: false),
            (cents: 14999, share: 100, flagged: false), (cents: 15000, share: 100, flagged: true),
            (cents: 7500, share: 50, flagged: true), (cents: 7499, share: 50, flagged: false),
        ])
    func emptied(cents: Int, share: Int, flagged: Bool) {
        var purchase = Self.purchases(count: 1, spacing: 0, vouchers: 1, shops: 1)[0]
        purchase.cents = cents
        #expect(RedemptionFlags.reasons([purchase], visitShare: share) == (flagged ? [0: [.emptied]] : [:]))
    }

    @Test("nearly all is read in whole cents: 90 % of 0,15 € is 0,135 €, so 0,14 € is nearly all and 0,13 € is not")
    func wholeCents() {
        #expect(RedemptionFlags.spentNearlyAll(Money(cents: 14), of: Money(cents: 15)))
        #expect(!RedemptionFlags.spentNearlyAll(Money(cents: 13), of: Money(cents: 15)))
    }

    @Test(
        "purchases of one voucher at one shop within 24 hours are one visit: split, it is flagged as one purchase is",
        arguments: [
            // Three purchases in two hours at a far shop: each flagged, emptied and far.
            (cents: [5000, 5000, 5000], hours: [0, 1, 2], shops: [1, 1, 1], flagged: 3),
            // Exactly 24 hours from the first to the last: still one visit.
            (cents: [10000, 5000], hours: [0, 24], shops: [1, 1], flagged: 2),
            // Over 24 hours apart: two visits, each partial.
            (cents: [10000, 5000], hours: [0, 25], shops: [1, 1], flagged: 0),
            // At two shops: no shop took the whole voucher.
            (cents: [7500, 7500], hours: [0, 1], shops: [1, 2], flagged: 0),
            // A cent left on the voucher: nearly all, flagged.
            (cents: [10000, 4999], hours: [0, 1], shops: [1, 1], flagged: 2),
            // A euro left: flagged too.
            (cents: [10000, 4900], hours: [0, 1], shops: [1, 1], flagged: 2),
            // Exactly 90 % of the voucher in two purchases: flagged.
            (cents: [10000, 3500], hours: [0, 1], shops: [1, 1], flagged: 2),
            // A cent below 90 %: not flagged.
            (cents: [10000, 3499], hours: [0, 1], shops: [1, 1], flagged: 0),
            // Nearly all, but over 24 hours apart: two visits, neither is.
            (cents: [10000, 4999], hours: [0, 25], shops: [1, 1], flagged: 0),
        ])
    func splitVisit(cents: [Int], hours: [Double], shops: [Int64], flagged: Int) {
        let purchases = cents.indices.map {
            RedemptionFlags.Purchase(
                id: Int64($0), voucherID: 1, merchantID: shops[$0], cents: cents[$0], voucherCents: 15000,
                at: IntakeFixture.now.addingTimeInterval(hours[$0] * 3600), kilometres: 80)
        }
        let reasons = RedemptionFlags.reasons(purchases)
        #expect(reasons.count == flagged)
        #expect(reasons.values.allSatisfy { $0 == [.emptied, .emptiedFar] })
    }

    @Test(
        "nearly a whole voucher spent at a shop farther than the threshold from home is flagged far; nearer, unknown or less is not",
        arguments: [
            (kilometres: 15.01, cents: 15000, far: true), (kilometres: 15.0, cents: 15000, far: false),
            (kilometres: 80.0, cents: 14999, far: true), (kilometres: 80.0, cents: 13499, far: false),
        ] as [(kilometres: Double?, cents: Int, far: Bool)] + [(kilometres: nil, cents: 15000, far: false)])
    func emptiedFar(kilometres: Double?, cents: Int, far: Bool) {
        var purchase = Self.purchases(count: 1, spacing: 0, vouchers: 1, shops: 1)[0]
        purchase.cents = cents
        purchase.kilometres = kilometres
        #expect(RedemptionFlags.reasons([purchase], farKilometres: 15)[0]?.contains(.emptiedFar) ?? false == far)
    }

    @Test(
        "the dashboard lists a voucher emptied in one purchase with shop, case and reason; a voided one is not listed")
    func dashboard() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let other = try await VoucherFixture.issue(client, operators)
            let cassa = try await OperatorFixture.session(client, "cassa")
            for voucher in [code, other] {
                let form = try await VoucherFixture.form(client, session: cassa)
                #expect(
                    try await VoucherFixture.redeem(client, session: cassa, code: voucher, amount: "250,00", form: form)
                        .status == .ok)
            }
            let database = try #require(operators.app.portals["prova"]).database
            let number = try await database.writer.write { db in
                try db.execute(
                    sql:
                        "UPDATE redemptions SET voided_at = at, voided_by = staff WHERE voucher_id = (SELECT id FROM vouchers WHERE code = ?)",
                    arguments: [other])
                return try String.fetchOne(
                    db,
                    sql:
                        "SELECT a.number FROM applications a JOIN vouchers v ON v.application_id = a.id WHERE v.code = ?",
                    arguments: [code])
            }
            let session = try await OperatorFixture.session(client, "anna")
            let page = String(
                buffer: try await OperatorFixture.get(client, "/operator/prova/cruscotto", session: session).body)
            #expect(page.contains("<caption>Incassi di buoni da verificare, dal più recente</caption>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">\(Pages.dateTime(IntakeFixture.now))</th><td>Alimentari Da Gino</td>"
                        + "<td>\(try #require(number))</td><td>250,00 €</td><td>Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore</td></tr>"
                ))
            #expect(
                page.components(
                    separatedBy: "Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore</td>"
                ).count == 2)
            #expect(
                page.contains(
                    "10 o più buoni in 10 minuti nello stesso negozio: 0; Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore: 1; "
                        + "Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore, a più di 15 km dal comune del nucleo: 0."
                ))
        }
    }
}
