import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// What the reimbursement routes refuse, over HTTP: a period that cannot be closed (each reason said,
/// and when closing becomes possible), a query parameter written twice (anywhere in the back office),
/// a SEPA file that would carry a name the bank refuses; and the account holder the file pays.
@Suite("Reimbursement refusals: closing, repeated parameters, SEPA names")
struct ReimbursementRefusalTests {
    typealias Browser = OperatorFixture

    /// The closing post of `dal`–`al` by the admin; the page it leads to.
    static func close(
        _ client: some TestClientProtocol, _ from: String, _ until: String, session: String
    ) async throws -> (location: String, page: String) {
        // The session's token, from a page with the closing form (an empty period has none).
        let june = "/operator/prova/rimborsi?dal=2026-06-01&al=2026-06-30"
        let token = try #require(Browser.token(try await Browser.get(client, june, session: session)))
        let posted = try await Browser.post(
            client, "/operator/prova/rimborsi/chiudi?dal=\(from)&al=\(until)", [("_csrf", token)],
            cookies: [OperatorCookies.session: session])
        #expect(posted.status == .seeOther)
        let location = try #require(posted.headers[.location])
        return (location, String(buffer: try await Browser.get(client, location, session: session).body))
    }

    /// June's SEPA file as `anna` (operator of `prova`) downloads it.
    static func juneTransfers(_ client: some TestClientProtocol) async throws -> TestResponse {
        try await Browser.get(
            client, "/operator/prova/rimborsi/bonifici.xml?dal=2026-06-01&al=2026-06-30",
            session: try await Browser.session(client, "anna"))
    }

    @Test("a period not over, before the campaign or with nothing redeemed is not closed, and the page says why")
    func closingRefusals() async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let capo = try await Browser.session(client, "capo")
            // June holds the purchases and ends at midnight; the shops may void for 30 minutes more.
            let june = try await Self.close(client, "2026-06-01", "2026-06-30", session: capo)
            #expect(june.location.hasSuffix("esito=aperto"))
            #expect(
                june.page.contains("non è ancora finito")
                    && june.page.contains("Si potrà chiudere dal 01/07/2026 alle 00:30"))
            let ancient = try await Self.close(client, "1990-01-01", "1990-01-31", session: capo)
            #expect(ancient.location.hasSuffix("esito=prima"))
            #expect(
                ancient.page.contains("finisce prima che si aprisse il bando dei buoni spesa (01/01/2026 alle 09:00)"))
            let may = try await Self.close(client, "2026-05-01", "2026-05-31", session: capo)
            #expect(may.location.hasSuffix("esito=vuoto"))
            #expect(may.page.contains("non ha incassi da rimborsare"))
            // An empty period offers no closing form at all.
            #expect(!may.page.contains("/chiudi?"))
            #expect(try await operators.app.portals["prova"]!.database.closedPeriods().isEmpty)
        }
    }

    @Test(
        "a query parameter written twice is refused with 422 on every back-office page, and nothing is closed",
        arguments: [
            "/operator/prova/rimborsi?dal=2026-06-01&al=2026-06-30&dal=2026-05-01",
            "/operator/prova/rimborsi/bonifici.xml?al=2026-06-30&dal=2026-06-01&al=2026-07-31",
            "/operator/prova/rimborsi/esercenti/01234560280?dal=2026-06-01&dal=2026-06-01&al=2026-06-30",
            "/operator/prova/?stato=accolta&stato=respinta", "/operator/prova/registro?prima=5&prima=9",
        ])
    func repeatedParameter(route: String) async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let capo = try await Browser.session(client, "capo")
            let response = try await Browser.get(client, route, session: capo)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("compare più di una volta"))
            operators.advance(31 * 86_400)
            let later = try await Browser.session(client, "capo")
            let token = try #require(
                Browser.token(
                    try await Browser.get(
                        client, "/operator/prova/rimborsi?dal=2026-06-01&al=2026-06-30", session: later)))
            let posted = try await Browser.post(
                client, "/operator/prova/rimborsi/chiudi?dal=2026-06-01&al=2026-06-30&al=2026-06-01",
                [("_csrf", token)], cookies: [OperatorCookies.session: later])
            #expect(posted.status == .unprocessableContent)
            #expect(try await operators.app.portals["prova"]!.database.closedPeriods().isEmpty)
        }
    }

    @Test("a shop whose names have no Latin letter stops the SEPA file with 422 naming the shop")
    func unusableName() async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            try await operators.app.portals["prova"]!.database.writer.write { db in
                try db.execute(
                    sql: "UPDATE merchants SET name = '🥖🥐' WHERE partita_iva = ?", arguments: [VoucherFixture.peraga])
            }
            let response = try await Self.juneTransfers(client)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Il nome registrato per 🥖🥐 (partita IVA \(VoucherFixture.peraga))"))
        }
    }

    @Test("the SEPA file pays the account holder the demo enrolment form asks (ragione sociale), not the insegna")
    func accountHolder() async throws {
        let operators = try await Browser(files: MerchantsExportTests.files) { config in
            config.vouchers.debtors = [
                "prova": .init(
                    name: "Comune di Prova", iban: try! IBAN("IT56M0100003245348300000000"), bic: "BITAITRRXXX")
            ]
        }
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await VoucherFixture.submit(
                client, form: "iscrizione-esercenti", MerchantsExportTests.demoAnswers)
            #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            let code = try await VoucherFixture.issue(client, operators)
            let database = operators.app.portals["prova"]!.database
            let gino = try #require(try await database.merchant(partitaIVA: VoucherFixture.gino)?.merchant.id)
            _ = try await database.redeem(
                code: code, cents: 1250, merchantID: gino, staff: "cassa", key: "k", at: IntakeFixture.now)
            let response = try await Self.juneTransfers(client)
            #expect(response.status == .ok)
            let xml = String(buffer: response.body)
            #expect(xml.contains("<Cdtr><Nm>Rossi Alimentari S.r.l.</Nm></Cdtr>"))
            #expect(!xml.contains("Alimentari Da Gino"))
        }
    }
}
