import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The shop's voucher pages through the router: redemption, its refusals, double submits, voids, and
/// who reaches them.
@Suite("Voucher redemption in the back office")
struct VoucherRoutesTests {
    typealias Browser = OperatorFixture

    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func rows(_ operators: OperatorFixture, _ sql: String) async throws -> Int {
        try await operators.app.portals["prova"]!.database.writer.read { db in try Int.fetchOne(db, sql: sql)! }
    }

    @Test("shop staff land on their redemption page, redeem part of a voucher and read the new balance once")
    func redeem() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let session = try await Browser.session(client, "cassa")
            let home = try await Browser.get(client, "/operator/", session: session)
            #expect(home.status == .seeOther && home.headers[.location] == "/operator/prova/buoni")
            let page = try await Browser.get(client, "/operator/prova/buoni", session: session)
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            #expect(Self.body(page).contains("<h1>Buoni spesa – Alimentari Da Gino</h1>"))
            let grouped = try #require(VoucherCode(typed: code)).description
            let form = try await VoucherFixture.form(client, session: session)
            let answer = try await VoucherFixture.redeem(
                client, session: session, code: grouped.lowercased(), amount: "100,50", form: form)
            #expect(answer.status == .ok && answer.headers[.cacheControl] == "no-store")
            let masked = ShopStatement.maskedCode(code)
            #expect(masked == "****-****-\(grouped.suffix(6))")
            #expect(
                Self.body(answer).contains(
                    "Incassati 100,50 € dal buono \(masked) il 01/06/2026 alle 12:00. Saldo rimasto sul buono: 149,50 €."
                ))
            // A new form for the next purchase.
            #expect(!Self.body(answer).contains(form.key) && Self.body(answer).contains(#"name="codice" value="""#))
            let location = try #require(VoucherFixture.redemptionURL(answer))
            #expect(location.hasPrefix("/operator/prova/buoni/incassi/"))
            #expect(try await Self.rows(operators, "SELECT count(*) FROM redemptions WHERE staff = 'cassa'") == 1)
        }
    }

    @Test("after the purchase no page or file of the shop shows the voucher's whole code, nor its balance again")
    func nothingLeaks() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let grouped = try #require(VoucherCode(typed: code)).description
            let cassa = try await Browser.session(client, "cassa")
            let form = try await VoucherFixture.form(client, session: cassa)
            let answer = try await VoucherFixture.redeem(
                client, session: cassa, code: code, amount: "100,50", form: form)
            let location = try #require(VoucherFixture.redemptionURL(answer))
            // Another member of the staff, later, walking the shop's pages and files.
            let banco = try await Browser.session(client, "banco")
            let statement = "/operator/prova/rimborsi/esercenti/\(VoucherFixture.gino)?dal=2026-06-01&al=2026-06-30"
            let redemption = try await Browser.get(client, location, session: banco)
            #expect(Self.body(redemption).contains("Incassati 100,50 € dal buono \(ShopStatement.maskedCode(code))"))
            var shown = [Self.body(redemption)]
            for url in ["/operator/prova/buoni", statement, statement.replacing("?", with: "/estratto.csv?")] {
                let response = try await Browser.get(client, url, session: banco)
                #expect(response.status == .ok, "\(url)")
                shown.append(Self.body(response))
            }
            #expect(shown[1].contains(ShopStatement.maskedCode(code)))
            let voided = try await Browser.post(
                client, location + "/annulla", [("_csrf", try await VoucherFixture.form(client, session: banco).csrf)],
                cookies: [OperatorCookies.session: banco])
            #expect(voided.status == .seeOther)
            shown.append(Self.body(try await Browser.get(client, location, session: banco)))
            #expect(shown.last?.contains("Incasso annullato") == true)
            for text in shown {
                for secret in [code, grouped, "149,50", "250,00", "Saldo"] {
                    #expect(!text.contains(secret), "\(secret) in \(text)")
                }
            }
        }
    }

    @Test("the same page posted twice is one redemption and the same answer")
    func doubleSubmit() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let session = try await Browser.session(client, "cassa")
            let form = try await VoucherFixture.form(client, session: session)
            let first = try await VoucherFixture.redeem(client, session: session, code: code, amount: "10", form: form)
            let second = try await VoucherFixture.redeem(client, session: session, code: code, amount: "10", form: form)
            #expect(first.status == .ok && second.status == .ok)
            #expect(VoucherFixture.redemptionURL(first) == VoucherFixture.redemptionURL(second))
            #expect(Self.body(second).contains("Saldo rimasto sul buono: 240,00 €."))
            #expect(try await Self.rows(operators, "SELECT count(*) FROM redemptions") == 1)
        }
    }

    @Test(
        "the same page posted again with another amount or code is refused 409, naming the earlier purchase",
        arguments: [false, true])
    func keyReused(otherCode: Bool) async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let other = try await VoucherFixture.issue(client, operators)
            let session = try await Browser.session(client, "cassa")
            let form = try await VoucherFixture.form(client, session: session)
            let first = try await VoucherFixture.redeem(client, session: session, code: code, amount: "10", form: form)
            #expect(first.status == .ok)
            // The answer was lost; the cashier types the amount again, or the next customer's code.
            let again = try await VoucherFixture.redeem(
                client, session: session, code: otherCode ? other : code, amount: otherCode ? "10" : "10,50",
                form: form)
            #expect(again.status == .conflict)
            let page = Self.body(again)
            let expected =
                "Questo modulo è già servito per l'incasso del 01/06/2026 alle 12:00: buono "
                + "\(ShopStatement.maskedCode(code)), 10,00 €. Non è stato incassato altro."
            #expect(page.contains(IntakeFixture.escaped(expected)), "\(page)")
            // A new, empty form: resending would not redeem the typed values by mistake.
            #expect(!page.contains(form.key) && page.contains(#"name="importo" value="""#))
            #expect(!page.contains("Saldo") && !page.contains(code))
            #expect(try await Self.rows(operators, "SELECT count(*) FROM redemptions") == 1)
            #expect(try await Self.rows(operators, "SELECT sum(amount_cents) FROM redemptions") == 1000)
        }
    }

    @Test("another shop's one-time key, with the same values or others, neither matches nor shows that shop's purchase")
    func keyOfAnotherShop() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let cassa = try await Browser.session(client, "cassa")
            let forno = try await Browser.session(client, "forno")
            let fornoForm = try await VoucherFixture.form(client, session: forno)
            for amount in ["10", "15"] {
                let form = try await VoucherFixture.form(client, session: cassa)
                let gino = try await VoucherFixture.redeem(client, session: cassa, code: code, amount: "10", form: form)
                let answer = try await VoucherFixture.redeem(
                    client, session: forno, code: code, amount: amount, form: (fornoForm.csrf, form.key))
                #expect(answer.status == .ok)
                #expect(Self.body(answer).contains("Incassati \(amount),00 € dal buono"))
                #expect(VoucherFixture.redemptionURL(answer) != VoucherFixture.redemptionURL(gino))
            }
            #expect(
                try await Self.rows(
                    operators,
                    "SELECT count(*) FROM redemptions r JOIN merchants m ON m.id = r.merchant_id WHERE m.partita_iva = '"
                        + VoucherFixture.peraga + "'") == 2)
            #expect(try await Self.rows(operators, "SELECT count(*) FROM redemptions") == 4)
        }
    }

    /// A code as a phone keyboard set to full-width forms types it.
    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
    }

    @Test(
        "the till reads code and amount by one rule of digits; 12,50 and 12.50 are twelve fifty, 1.000 a thousand",
        arguments: [
            ("12,50", false, "Incassati 12,50 €"), ("12.50", true, "Incassati 12,50 €"),
            ("\u{FF11}\u{FF12}", true, "Incassati 12,00 €"), ("\u{0661}\u{0662}", false, "Incassati 12,00 €"),
            ("\u{1D7CF}\u{1D7D0}", true, "Incassati 12,00 €"),
            ("1.000", false, "L'importo (1.000,00 €) supera il saldo del buono"),
        ])
    func digits(amount: String, fullWidthCode: Bool, expected: String) async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let session = try await Browser.session(client, "cassa")
            let form = try await VoucherFixture.form(client, session: session)
            let answer = try await VoucherFixture.redeem(
                client, session: session, code: fullWidthCode ? Self.fullWidth(code) : code, amount: amount,
                form: form)
            #expect(Self.body(answer).contains(IntakeFixture.escaped(expected)), "\(Self.body(answer))")
            let stored = try await Self.rows(operators, "SELECT coalesce(sum(amount_cents), 0) FROM redemptions")
            #expect(stored == (amount == "1.000" ? 0 : amount.contains(",") || amount.contains(".") ? 1250 : 1200))
        }
    }

    enum Refusal: String, CaseIterable {
        case mistyped, unknown, overBalance, notEnrolled, expired, badAmount, zero
    }

    @Test(
        "a refused redemption comes back 422 with the form, the values typed and why, and writes nothing",
        arguments: Refusal.allCases)
    func refusals(refusal: Refusal) async throws {
        try await VoucherFixture.withVoucher(form: refusal == .notEnrolled ? "altra" : "buoni") {
            client, operators, issued in
            var code = issued
            var amount = "10,00"
            let expected: String
            switch refusal {
            case .mistyped:
                // The last character changed: the check character no longer matches.
                let last = code.last == "0" ? "1" : "0"
                code = String(code.dropLast()) + last
                expected = "il carattere di controllo non corrisponde"
            case .unknown:
                code = VoucherCode.random().description
                expected = "Nessun buono ha il codice \(code)."
            case .overBalance:
                amount = "250,01"
                expected =
                    "L'importo (250,01 €) supera il saldo del buono \(VoucherCode(typed: code)!), che è 250,00 €."
            case .notEnrolled:
                expected = "è della misura «Altra misura», per la quale il negozio non è iscritto"
            case .expired:
                operators.advance(214 * 86_400)
                expected = "è scaduto il 31/12/2026: non si può più usare."
            case .badAmount:
                amount = "dieci"
                expected = "Importo: L'importo può contenere solo cifre"
            case .zero:
                amount = "0"
                expected = "Importo: scrivi l'importo della spesa, più di 0,00 €."
            }
            let session = try await Browser.session(client, "cassa")
            let form = try await VoucherFixture.form(client, session: session)
            let answer = try await VoucherFixture.redeem(
                client, session: session, code: code, amount: amount, form: form)
            #expect(answer.status == .unprocessableContent)
            let page = Self.body(answer)
            #expect(page.contains(IntakeFixture.escaped(expected)), "\(page)")
            #expect(page.contains(#"name="codice" value="\#(code)""#) && page.contains(#"value="\#(amount)""#))
            // The same key stays: nothing was written with it.
            #expect(page.contains(#"name="_chiave" value="\#(form.key)""#))
            #expect(try await Self.rows(operators, "SELECT count(*) FROM redemptions") == 0)
        }
    }

    @Test("the shop voids a redemption within the window, once; after the window it is refused; another shop gets 404")
    func void() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let cassa = try await Browser.session(client, "cassa")
            var form = try await VoucherFixture.form(client, session: cassa)
            let first = try #require(
                VoucherFixture.redemptionURL(
                    try await VoucherFixture.redeem(client, session: cassa, code: code, amount: "50", form: form)))
            form = try await VoucherFixture.form(client, session: cassa)
            let second = try #require(
                VoucherFixture.redemptionURL(
                    try await VoucherFixture.redeem(client, session: cassa, code: code, amount: "30", form: form)))
            // Another member of the same shop's staff voids the first, twice (a double click).
            let banco = try await Browser.session(client, "banco")
            let bancoToken = try await VoucherFixture.form(client, session: banco).csrf
            for _ in 0..<2 {
                let voided = try await Browser.post(
                    client, first + "/annulla", [("_csrf", bancoToken)], cookies: [OperatorCookies.session: banco])
                #expect(voided.status == .seeOther && voided.headers[.location] == first)
            }
            let page = Self.body(try await Browser.get(client, first, session: banco))
            #expect(page.contains("Incasso annullato") && page.contains("l&#39;importo è tornato sul buono."))
            #expect(
                try await Self.rows(operators, "SELECT amount_cents FROM redemptions WHERE voided_at IS NULL") == 3000)
            // Another shop does not see it.
            let forno = try await Browser.session(client, "forno")
            let fornoToken = try await VoucherFixture.form(client, session: forno).csrf
            #expect(try await Browser.get(client, second, session: forno).status == .notFound)
            #expect(
                try await Browser.post(
                    client, second + "/annulla", [("_csrf", fornoToken)], cookies: [OperatorCookies.session: forno]
                ).status == .notFound)
            // Past the 30-minute window, the session kept alive (it too ends after 30 idle minutes).
            operators.advance(20 * 60)
            _ = try await Browser.get(client, first, session: banco)
            operators.advance(11 * 60)
            let late = try await Browser.post(
                client, second + "/annulla", [("_csrf", bancoToken)], cookies: [OperatorCookies.session: banco])
            #expect(late.status == .unprocessableContent)
            #expect(Self.body(late).contains("si poteva annullare fino al 01/06/2026 alle 12:30"))
            #expect(!Self.body(late).contains(#"action="\#(second)/annulla""#))
            #expect(try await Self.rows(operators, "SELECT count(*) FROM redemptions WHERE voided_at IS NOT NULL") == 1)
            #expect(
                try await Self.rows(operators, "SELECT count(*) FROM audit_log WHERE action = 'void_redemption'") == 1)
        }
    }

    @Test("without the session's token a redemption or a void is refused 403, without the page's key 400")
    func forgery() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let session = try await Browser.session(client, "cassa")
            let form = try await VoucherFixture.form(client, session: session)
            let forged = try await VoucherFixture.redeem(
                client, session: session, code: code, amount: "10", form: (csrf: "x", key: form.key))
            #expect(forged.status == .forbidden)
            let keyless = try await VoucherFixture.redeem(
                client, session: session, code: code, amount: "10", form: (csrf: form.csrf, key: ""))
            #expect(keyless.status == .badRequest)
            let done = try #require(
                VoucherFixture.redemptionURL(
                    try await VoucherFixture.redeem(client, session: session, code: code, amount: "10", form: form)))
            let void = try await Browser.post(
                client, done + "/annulla", [("_csrf", "x")], cookies: [OperatorCookies.session: session])
            #expect(void.status == .forbidden)
            #expect(try await Self.rows(operators, "SELECT count(*) FROM redemptions WHERE voided_at IS NULL") == 1)
        }
    }

    @Test("shop staff reach only their shop's voucher pages; everyone else gets the 404 of an unknown address")
    func isolation() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            let number = try await Browser.submit(client, portal: "prova")
            var sessions: [String: String] = [:]
            for name in ["anna", "bruno", "capo", "tutor", "cassa", "lontano", "chiuso"] {
                sessions[name] = try await Browser.session(client, name)
            }
            let missing = Self.body(try await Browser.get(client, "/operator/nessuno/", session: sessions["cassa"]))
            let buoni = ["/operator/prova/buoni", "/operator/prova/buoni/incassi/1"]
            // Every other back-office page of `prova`: shop staff get the 404 an unknown portal gets.
            let others =
                OperatorCasesTests.routes("prova", number: number) + [
                    "/operator/prova/cruscotto", "/operator/prova/pagamenti", "/operator/prova/pagamenti.csv",
                    "/operator/prova/esportazioni", "/operator/prova/presenze", "/operator/prova/rendicontazione",
                    "/operator/prova/registro", "/operator/prova/interessato", "/operator/prova/moduli/domanda/nuova",
                    "/operator/prova/pratiche/\(number)/allegati/1", "/operator/accessi",
                ]
            let table: [(user: String, routes: [String])] = [
                ("cassa", others), ("lontano", others + buoni), ("chiuso", others), ("anna", buoni), ("bruno", buoni),
                ("capo", buoni), ("tutor", buoni),
            ]
            for row in table {
                for route in row.routes {
                    let response = try await Browser.get(client, route, session: sessions[row.user])
                    #expect(response.status == .notFound, "\(row.user) \(route)")
                    #expect(Self.body(response) == missing, "\(row.user) \(route)")
                }
            }
            // Shop staff of a shop not enrolled are told so.
            let unenrolled = try await Browser.get(client, "/operator/prova/buoni", session: sessions["chiuso"])
            #expect(unenrolled.status == .forbidden && Self.body(unenrolled).contains("non risulta iscritto"))
        }
    }
}
