import Foundation
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The dashboard's voucher panel (issue 19, item 5): per voucher measure, the amounts issued, spent,
/// still to spend and expired unspent on the day of the page in Rome.
@Suite("Vouchers on the dashboard")
struct DashboardVoucherTests {
    /// The panel's table row of `measure` on the dashboard of `prova`, read as `anna` now.
    static func row(_ client: some TestClientProtocol, _ measure: String) async throws -> String {
        let session = try await OperatorFixture.session(client, "anna")
        let page = String(
            buffer: try await OperatorFixture.get(client, "/operator/prova/cruscotto", session: session).body)
        let start = try #require(page.range(of: "<tr><th scope=\"row\">\(measure)</th>"))
        return String(page[start.upperBound...].prefix { $0 != "\n" }.split(separator: "</tr>")[0])
    }

    @Test(
        "two vouchers of 250 € with 40 € spent, one of another measure, nothing to transfer; the balance expires after 31 December"
    )
    func panel() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            _ = try await VoucherFixture.issue(client, operators)
            _ = try await VoucherFixture.issue(client, operators, form: "altra")
            let cassa = try await OperatorFixture.session(client, "cassa")
            for amount in ["40,00", "15,00"] {
                let form = try await VoucherFixture.form(client, session: cassa)
                #expect(
                    try await VoucherFixture.redeem(client, session: cassa, code: code, amount: amount, form: form)
                        .status == .ok)
            }
            // The second purchase is voided: it is not spent.
            let database = try #require(operators.app.portals["prova"]).database
            try await database.writer.write { db in
                try db.execute(
                    sql: "UPDATE redemptions SET voided_at = at, voided_by = staff WHERE amount_cents = 1500")
            }
            let page = String(
                buffer: try await OperatorFixture.get(
                    client, "/operator/prova/cruscotto", session: try await OperatorFixture.session(client, "anna")
                ).body)
            #expect(page.contains("<caption>Buoni spesa per misura al 01/06/2026</caption>"))
            // Granted as vouchers, nothing is left to transfer (the payments list agrees).
            #expect(page.contains("<td>2</td><td>500,00 €</td><td>0</td><td>0,00 €</td><td>0,00 €</td></tr>"))
            #expect(page.contains("<td>1</td><td>250,00 €</td><td>0</td><td>0,00 €</td><td>0,00 €</td></tr>"))
            #expect(
                page.contains(
                    "Altra misura: emessi 250,00 €, spesi 0,00 €, da spendere 250,00 €, scaduti 0,00 €; "
                        + "Buoni spesa: emessi 500,00 €, spesi 40,00 €, da spendere 460,00 €, scaduti 0,00 €."))
            #expect(
                try await Self.row(client, "Buoni spesa")
                    == "<td>2</td><td>500,00 €</td><td>40,00 €</td><td>460,00 €</td><td>0,00 €</td>")
            #expect(
                try await Self.row(client, "Altra misura")
                    == "<td>1</td><td>250,00 €</td><td>0,00 €</td><td>250,00 €</td><td>0,00 €</td>")

            operators.advance(213 * 86_400)  // 31 December 2026, 11:00 in Rome: the last day.
            #expect(
                try await Self.row(client, "Buoni spesa")
                    == "<td>2</td><td>500,00 €</td><td>40,00 €</td><td>460,00 €</td><td>0,00 €</td>")
            operators.advance(86_400)  // 1 January 2027: what was not spent expired.
            #expect(
                try await Self.row(client, "Buoni spesa")
                    == "<td>2</td><td>500,00 €</td><td>40,00 €</td><td>0,00 €</td><td>460,00 €</td>")
        }
    }

    @Test("vouchers stored before amounts were bounded (Int.max cents) are counted as the maximum, the page answers")
    func hugeVouchers() async throws {
        try await VoucherFixture.withVoucher { client, operators, _ in
            _ = try await VoucherFixture.issue(client, operators)
            let database = try #require(operators.app.portals["prova"]).database
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE vouchers SET amount_cents = ?", arguments: [Int.max])
            }
            #expect(
                try await Self.row(client, "Buoni spesa")
                    == "<td>2</td><td>1.999.999.999,98 €</td><td>0,00 €</td><td>1.999.999.999,98 €</td><td>0,00 €</td>")
        }
    }
}
