import Foundation
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The operator's case page of an accepted case shows what the acceptance created: the household's
/// voucher, or the shop's enrolment.
@Suite("The case page shows the voucher or the enrolment an accepted case created")
struct CaseIssueTests {
    typealias Browser = OperatorFixture

    @Test("an accepted voucher case shows the code, balance, expiry and every purchase with shop, time and amount")
    func voucher() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            let number = try await VoucherFixture.submit(client, form: "buoni", IntakeFixture.fields())
            let caseURL = "/operator/prova/pratiche/\(number)"
            let anna = try await Browser.session(client, "anna")
            let before = String(buffer: try await Browser.get(client, caseURL, session: anna).body)
            #expect(!before.contains("Buono spesa"))
            #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            let database = operators.app.portals["prova"]!.database
            let code = try #require(
                try await database.writer.read { db in
                    try String.fetchOne(db, sql: "SELECT code FROM vouchers")
                })
            let gino = try #require(try await database.merchant(partitaIVA: VoucherFixture.gino)?.merchant.id)
            _ = try await database.redeem(
                code: code, cents: 4_000, merchantID: gino, staff: "cassa", key: "k", at: IntakeFixture.now)
            let page = String(buffer: try await Browser.get(client, caseURL, session: anna).body)
            let grouped = try #require(VoucherCode(typed: code)?.description)
            #expect(page.contains("<h3>Buono spesa</h3>"))
            #expect(
                page.contains(
                    "Codice <span class=\"voucher-code\">\(grouped)</span>: saldo 210,00 € su 250,00 €, valido fino al 31/12/2026."
                ))
            #expect(
                page.contains("<tr><td>01/06/2026 alle 12:00</td><td>Alimentari Da Gino</td><td>40,00 €</td></tr>"))
            #expect(before.contains(#"name="importo""#))
            #expect(!page.contains(#"name="importo""#), "the amount of an issued voucher offers no form to change it")
            #expect(
                page.contains(
                    "<p class=\"benefit-locked\">Per la pratica \(number) è già stato emesso il buono spesa da 250,00 €: l&#39;importo non si può più modificare.</p>"
                ))
        }
    }

    @Test("an accepted enrolment case says the shop is enrolled, with its partita IVA and measures")
    func enrolment() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await VoucherFixture.submit(
                client, form: "adesione",
                [
                    ("insegna", "Forno Peraga"), ("partita_iva", VoucherFixture.peraga),
                    ("iban", "IT60X0542811101000000123456"),
                ])
            #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            let page = String(
                buffer: try await Browser.get(
                    client, "/operator/prova/pratiche/\(number)", session: try await Browser.session(client, "anna")
                ).body)
            #expect(page.contains("<h3>Esercente iscritto</h3>"))
            #expect(
                page.contains(
                    "Forno Peraga (partita IVA \(VoucherFixture.peraga)) è iscritto dal 01/06/2026 alle 12:00 e accetta i buoni di: Buoni spesa."
                ))
        }
    }
}
