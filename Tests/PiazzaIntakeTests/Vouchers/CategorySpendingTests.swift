import Foundation
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The dashboard's spending per shop category (issue 19, item 5), the category from `esercenti.csv`.
@Suite("Voucher spending per shop category on the dashboard")
struct CategorySpendingTests {
    /// The voucher fixture with an `esercenti.csv` listing Da Gino twice (a bar at a second address) and
    /// Forno Peraga not at all.
    static let files = VoucherFixture.files.merging([
        "prova/portal.yaml": IntakeFixture.files["prova/portal.yaml"]!
            + "\narea: { south: 45.38, west: 11.80, north: 45.46, east: 11.93 }\n",
        "prova/esercenti.csv": """
        name,partita_iva,category,address,lat,lon,hours,phone,measures
        Alimentari Da Gino,\(VoucherFixture.gino),Alimentari,Via Roma 1,45.41,11.88,,,buoni-spesa
        Bar Da Gino,\(VoucherFixture.gino),Bar,Via Po 2,45.42,11.89,,,buoni-spesa

        """,
    ]) { _, new in new }

    @Test("purchases not voided summed by the shop's first category in esercenti.csv, 'non indicata' for the others")
    func panel() async throws {
        try await VoucherFixture.withVoucher(files: Self.files) { client, operators, code in
            for (staff, amounts) in [("cassa", ["40,00", "15,00"]), ("forno", ["12,50", "30,00"])] {
                let session = try await OperatorFixture.session(client, staff)
                for amount in amounts {
                    let form = try await VoucherFixture.form(client, session: session)
                    #expect(
                        try await VoucherFixture.redeem(
                            client, session: session, code: code, amount: amount, form: form
                        )
                        .status == .ok)
                }
            }
            let database = try #require(operators.app.portals["prova"]).database
            try await database.writer.write { db in
                try db.execute(
                    sql: "UPDATE redemptions SET voided_at = at, voided_by = staff WHERE amount_cents = 1500")
            }
            #expect(try await DashboardVoucherTests.row(client, "non indicata") == "<td>42,50 €</td>")
            #expect(try await DashboardVoucherTests.row(client, "Alimentari") == "<td>40,00 €</td>")
            let page = String(
                buffer: try await OperatorFixture.get(
                    client, "/operator/prova/cruscotto", session: try await OperatorFixture.session(client, "anna")
                ).body)
            #expect(page.contains("non indicata: 42,50 €; Alimentari: 40,00 €."))
            #expect(!page.contains("<th scope=\"row\">Bar</th>"))
        }
    }

    @Test("no purchase: the panel says so and its table is empty")
    func empty() {
        let section = DashboardPage.categorySpending(CategorySpending.grouped([:], merchants: []))
        #expect(section.chartDescription == "Nessun acquisto con i buoni.")
        #expect(section.table.rows.isEmpty && section.bars.isEmpty)
    }
}
