import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// The back office's reimbursement pages over HTTP: a voucher of `prova` redeemed for 12,50 € at
/// Alimentari Da Gino (whose staff is `negozio`) and 5,00 € at Forno Peraga on 1 June 2026, the
/// comune's account configured for `prova`.
@Suite("Reimbursement pages: statements, CSV, SEPA file, closing, isolation")
struct ReimbursementRoutesTests {
    typealias Browser = OperatorFixture

    static let june = "dal=2026-06-01&al=2026-06-30"
    static let page = "/operator/prova/rimborsi?" + june
    static let statement = "/operator/prova/rimborsi/esercenti/\(VoucherFixture.gino)"

    static let peragaStatement = "/operator/prova/rimborsi/esercenti/\(VoucherFixture.peraga)?" + june

    /// Every reimbursement route of `portal` for June.
    static func routes(_ portal: String) -> [String] {
        let base = "/operator/\(portal)/rimborsi"
        return [
            base + "?" + june, base + "/esercenti/\(VoucherFixture.gino)?" + june,
            base + "/esercenti/\(VoucherFixture.gino)/estratto.csv?" + june, base + "/bonifici.xml?" + june,
        ]
    }

    /// Runs `body` with the fixture (shops enrolled, the purchase made), its config changed by `change`.
    func withPurchase(
        change: (inout DaemonConfig) -> Void = { _ in },
        _ body: @Sendable (any TestClientProtocol, OperatorFixture) async throws -> Void
    ) async throws {
        let operators = try await Browser(files: VoucherFixture.files) { config in
            change(&config)
            config.vouchers.debtors = [
                "prova": .init(
                    name: "Comune di Prova", iban: try! IBAN("IT56M0100003245348300000000"), bic: "BITAITRRXXX")
            ]
        }
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            let code = try await VoucherFixture.issue(client, operators)
            let database = operators.app.portals["prova"]!.database
            let gino = try #require(try await database.merchant(partitaIVA: VoucherFixture.gino)?.merchant.id)
            let outcome = try await database.redeem(
                code: code, cents: 1250, merchantID: gino, staff: "cassa", key: "k", at: IntakeFixture.now)
            #expect(outcome == .redeemed(id: 1, balanceCents: 23_750, isRepeat: false))
            let peraga = try #require(try await database.merchant(partitaIVA: VoucherFixture.peraga)?.merchant.id)
            _ = try await database.redeem(
                code: code, cents: 500, merchantID: peraga, staff: "forno", key: "p", at: IntakeFixture.now)
            try await body(client, operators)
        }
    }

    @Test(
        "an operator sees the month's shops, the printable statement, its CSV and the SEPA file, each download audited")
    func operatorPages() async throws {
        try await withPurchase { client, operators in
            let anna = try await Browser.session(client, "anna")
            let page = String(buffer: try await Browser.get(client, Self.page, session: anna).body)
            #expect(page.contains("Alimentari Da Gino"))
            #expect(page.contains("12,50"))
            #expect(page.contains("bonifici.xml?dal=2026-06-01&amp;al=2026-06-30"))
            #expect(!page.contains("/chiudi"), "an operator gets no closing form")
            let statement = try await Browser.get(client, Self.statement + "?" + Self.june, session: anna)
            #expect(statement.status == .ok)
            #expect(String(buffer: statement.body).contains("****-****-"))
            let csv = try await Browser.get(client, Self.statement + "/estratto.csv?" + Self.june, session: anna)
            let lines = String(buffer: csv.body).components(separatedBy: "\r\n")
            #expect(lines.count == 4)
            // The partita IVA as a formula of its digits: Excel keeps the leading zero (findings-s12 #9).
            #expect(lines[1].hasPrefix(#""=""01234560280""";Alimentari Da Gino;1;01/06/2026 12:00;****-****-"#))
            #expect(lines[0] == "\u{FEFF}Partita IVA;Esercente;Incasso n.;Data e ora;Buono;Importo;Rimborso")
            // The period is not closed yet: the Rimborso column is empty.
            #expect(lines[1].hasSuffix(";12,50;"))
            #expect(lines[2] == #""=""01234560280""";Alimentari Da Gino;;;Totale;12,50;"#)
            let xml = try await Browser.get(client, "/operator/prova/rimborsi/bonifici.xml?" + Self.june, session: anna)
            #expect(xml.headers[.contentType] == "application/xml; charset=utf-8")
            let text = String(buffer: xml.body)
            #expect(text.contains("<CtrlSum>17.50</CtrlSum>"))
            #expect(text.contains("<IBAN>IT60X0542811101000000123456</IBAN>"))
            let exports = try await operators.app.portals["prova"]!.database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action = 'export' ORDER BY seq")
            }
            let messageID = try #require(CreditTransferFileTests.messageID(of: text))
            #expect(
                exports == ["estratto-01234560280-20260601-20260630", "bonifici-20260601-20260630 \(messageID)"])
        }
    }

    @Test("a period that is not one answers 422 with the form, not a statement")
    func badPeriod() async throws {
        try await withPurchase { client, _ in
            let anna = try await Browser.session(client, "anna")
            let page = try await Browser.get(
                client, "/operator/prova/rimborsi?dal=2026-06-30&al=2026-06-01", session: anna)
            #expect(page.status == .unprocessableContent)
            #expect(String(buffer: page.body).contains("aria-invalid=\"true\""))
            let csv = try await Browser.get(
                client, Self.statement + "/estratto.csv?dal=2026-06-01&al=giugno", session: anna)
            #expect(csv.status == .unprocessableContent)
        }
    }

    @Test("only an admin closes the period, with the CSRF token, once it is over; then the page says so")
    func closing() async throws {
        try await withPurchase { client, operators in
            let anna = try await Browser.session(client, "anna")
            // Operators get no closing form: anna's token is her session's.
            let annaID = try #require(SessionID(cookie: anna))
            let annaSession = try await operators.app.accounts.session(
                annaID, at: IntakeFixture.now, idle: 3600, touches: true)
            let annaToken = try #require(annaSession?.csrf)
            let close = "/operator/prova/rimborsi/chiudi?" + Self.june
            let byOperator = try await Browser.post(
                client, close, [("_csrf", annaToken)], cookies: [OperatorCookies.session: anna])
            #expect(byOperator.status == .notFound)
            let capo = try await Browser.session(client, "capo")
            let page = String(buffer: try await Browser.get(client, Self.page, session: capo).body)
            #expect(page.contains("/chiudi?dal=2026-06-01&amp;al=2026-06-30"))
            let token = try #require(Browser.token(try await Browser.get(client, Self.page, session: capo)))
            let forged = try await Browser.post(
                client, close, [("_csrf", "x")], cookies: [OperatorCookies.session: capo])
            #expect(forged.status == .forbidden)
            let early = try await Browser.post(
                client, close, [("_csrf", token)], cookies: [OperatorCookies.session: capo])
            #expect(early.headers[.location]?.hasSuffix("esito=aperto") == true)
            operators.advance(31 * 86_400)
            // A month later: a new session (the old one idled out) and its token.
            let later = try await Browser.session(client, "capo")
            let laterToken = try #require(Browser.token(try await Browser.get(client, Self.page, session: later)))
            let closed = try await Browser.post(
                client, close, [("_csrf", laterToken)], cookies: [OperatorCookies.session: later])
            #expect(closed.status == .seeOther)
            #expect(closed.headers[.location]?.hasSuffix("esito=chiuso") == true)
            let after = String(buffer: try await Browser.get(client, Self.page + "&esito=chiuso", session: later).body)
            #expect(after.contains("Periodo segnato come rimborsato"))
            #expect(after.contains("Rimborsato: il periodo 01/06/2026 – 30/06/2026 è stato chiuso il"))
            #expect(!after.contains("/chiudi"))
            let periods = try await operators.app.portals["prova"]!.database.closedPeriods()
            #expect(periods.map(\.closedBy) == ["capo"])
        }
    }

    @Test(
        "the operator of another portal and a tutor get the 404 of an unknown path on every route, shop staff on all but their statement"
    )
    func isolation() async throws {
        try await withPurchase { client, _ in
            let missing = try await Browser.get(
                client, "/operator/nessuno/rimborsi", session: try await Browser.session(client, "anna"))
            for user in ["bruno", "tutor", "negozio"] {
                let session = try await Browser.session(client, user)
                // Da Gino's staff read its statement and CSV; Forno Peraga's are another shop's.
                let refused =
                    user == "negozio"
                    ? [Self.routes("prova")[0], Self.routes("prova")[3], Self.peragaStatement]
                    : Self.routes("prova")
                for route in refused {
                    let response = try await Browser.get(client, route, session: session)
                    #expect(response.status == .notFound, "\(user) \(route)")
                    #expect(String(buffer: response.body) == String(buffer: missing.body), "\(user) \(route)")
                }
                let post = try await Browser.post(
                    client, "/operator/prova/rimborsi/chiudi?" + Self.june, [("_csrf", "x")],
                    cookies: [OperatorCookies.session: session])
                #expect(post.status == .forbidden || post.status == .notFound, "\(user)")
            }
            let shop = try await Browser.session(client, "negozio")
            for route in Self.routes("prova")[1...2] {
                #expect(try await Browser.get(client, route, session: shop).status == .ok, "\(route)")
            }
        }
    }
}
