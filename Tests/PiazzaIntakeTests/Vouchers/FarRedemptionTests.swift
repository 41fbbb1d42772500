import Foundation
import HummingbirdTesting
import Testing

@testable import PiazzaContent
@testable import PiazzaIntake

/// The flag of a voucher emptied in one purchase at a shop far from the household's comune (issue 19,
/// item 5): the comune's place from portal.yaml, the shop's from esercenti.csv, the threshold from
/// `vouchers.far_km`.
@Suite("A voucher emptied far from home is flagged")
struct FarRedemptionTests {
    /// `prova` with Vigonza's municipio placed and a box around Veneto; Da Gino listed in Conegliano
    /// (about 54 km away), Forno Peraga in Vigonza.
    static let files = VoucherFixture.files.merging([
        "prova/portal.yaml": IntakeFixture.files["prova/portal.yaml"]!.replacingOccurrences(
            of: #"- { name: Vigonza, istat: "028100", province: PD }"#,
            with: #"- { name: Vigonza, istat: "028100", province: PD, lat: 45.4431, lon: 11.9842 }"#)
            + "\narea: { south: 45.0, west: 11.0, north: 46.5, east: 12.6 }\n",
        "prova/esercenti.csv": """
        name,partita_iva,category,address,lat,lon,hours,phone,measures
        Alimentari Da Gino,\(VoucherFixture.gino),Alimentari,"Via Borgo Vecchio 8, Conegliano",45.8871,12.2968,,,buoni-spesa
        Forno Peraga,\(VoucherFixture.peraga),Panificio,"Via Arrigoni 45, Vigonza",45.4262,11.9703,,,buoni-spesa

        """,
    ]) { _, new in new }

    @Test("the comune's place reads from portal.yaml, and the distance to a shop is the great circle's")
    func distance() throws {
        let vigonza = PortalConfig.Point(latitude: 45.4431, longitude: 11.9842)
        let conegliano = PortalConfig.Point(latitude: 45.8871, longitude: 12.2968)
        #expect(abs(vigonza.kilometres(to: conegliano) - 54.6) < 0.5)
        #expect(vigonza.kilometres(to: vigonza) == 0)
    }

    @Test(
        "the dashboard flags a whole voucher spent far from the household's comune, and only that one, at the configured threshold",
        arguments: [15, 60])
    func dashboard(farKilometres: Int) async throws {
        let operators = try await VoucherFixture.operators(files: Self.files) {
            $0.vouchers.farKilometres = farKilometres
        }
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            for staff in ["cassa", "forno"] {
                let code = try await VoucherFixture.issue(client, operators)
                let session = try await OperatorFixture.session(client, staff)
                let form = try await VoucherFixture.form(client, session: session)
                #expect(
                    try await VoucherFixture.redeem(client, session: session, code: code, amount: "250,00", form: form)
                        .status == .ok)
            }
            let page = try await Self.cruscotto(client)
            let far = Self.farReason(farKilometres)
            #expect(page.contains("\(far): \(farKilometres < 54 ? 1 : 0)."))
            let row = try #require(
                page.components(separatedBy: "<tr>").first { $0.contains("<td>Alimentari Da Gino</td>") })
            #expect(row.contains(far) == (farKilometres < 54))
            let near = try #require(page.components(separatedBy: "<tr>").first { $0.contains("<td>Forno Peraga</td>") })
            #expect(
                near.contains("Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore</td>")
                    && !near.contains(far))
        }
    }

    @Test(
        "a voucher of 250 € spent whole or nearly (from 225 €) in two purchases at a far shop is flagged far, both purchases; less is not",
        arguments: [
            (amounts: ["100,00", "150,00"], flagged: true),
            // A cent left on the voucher does not evade the flag.
            (amounts: ["100,00", "149,99"], flagged: true),
            (amounts: ["100,00", "125,00"], flagged: true),
            // A cent below 90 %.
            (amounts: ["100,00", "124,99"], flagged: false),
        ])
    func splitPurchase(amounts: [String], flagged: Bool) async throws {
        let operators = try await VoucherFixture.operators(files: Self.files)
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            let code = try await VoucherFixture.issue(client, operators)
            let session = try await OperatorFixture.session(client, "cassa")
            for amount in amounts {
                let form = try await VoucherFixture.form(client, session: session)
                #expect(
                    try await VoucherFixture.redeem(client, session: session, code: code, amount: amount, form: form)
                        .status == .ok)
            }
            let page = try await Self.cruscotto(client)
            let far = Self.farReason(15)
            #expect(page.contains("\(far): \(flagged ? 2 : 0)."))
            let rows = page.components(separatedBy: "<tr>").filter { $0.contains("<td>Alimentari Da Gino</td>") }
            #expect(rows.count == (flagged ? 2 : 0) && rows.allSatisfy { $0.contains(far) })
        }
    }

    /// The cruscotto as the operator anna sees it.
    static func cruscotto(_ client: some TestClientProtocol) async throws -> String {
        String(
            buffer: try await OperatorFixture.get(
                client, "/operator/prova/cruscotto", session: try await OperatorFixture.session(client, "anna")
            ).body)
    }

    /// The dashboard's reason for a voucher spent (nearly) whole at a shop farther than `kilometres`.
    static func farReason(_ kilometres: Int) -> String {
        "Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore, a più di \(kilometres) km dal comune "
            + "del nucleo"
    }
}
