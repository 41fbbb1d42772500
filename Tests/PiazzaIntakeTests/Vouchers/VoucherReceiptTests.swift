import Foundation
import GRDB
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import PiazzaRender
import Testing

@testable import PiazzaIntake

/// The citizen's side of a voucher: the code and its QR code on the receipt `/r/{token}`, with balance and
/// purchases, and the printable voucher `/r/{token}/buono`.
@Suite("The voucher on the citizen's receipt and on paper")
struct VoucherReceiptTests {
    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// Submits a case of `buoni` (a household of two: 250 €); its number and receipt token.
    static func submit(_ client: some TestClientProtocol, _ operators: OperatorFixture) async throws
        -> (number: String, token: String)
    {
        let number = try await VoucherFixture.submit(
            client, form: "buoni", IntakeFixture.fields([("note", UUID().uuidString)]))
        let token = try await operators.app.portals["prova"]!.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT token FROM applications WHERE number = ?", arguments: [number])
        }
        return (number, try #require(token))
    }

    @Test("an accepted case's receipt shows the grouped code, its QR code, the balance, the validity and purchases")
    func receipt() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            let (number, token) = try await Self.submit(client, operators)
            #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            let session = try await OperatorFixture.session(client, "cassa")
            let code = try #require(
                try await operators.app.portals["prova"]!.database.writer.read { db in
                    try String.fetchOne(db, sql: "SELECT code FROM vouchers")
                })
            let grouped = try #require(VoucherCode(typed: code)).description
            let form = try await VoucherFixture.form(client, session: session)
            let redeemed = try await VoucherFixture.redeem(
                client, session: session, code: grouped, amount: "12,50", form: form)
            #expect(redeemed.status == .ok)

            let page = Self.body(try await client.execute(uri: "/r/\(token)", method: .get))
            #expect(page.contains(#"<p class="voucher-code">\#(grouped)</p>"#))
            // The very SVG of the code's QR code (its matrix is tested against an independent encoder).
            let svg = try QRCode(encoding: grouped, correction: .medium)
                .svg(title: "Codice QR del buono \(grouped)", id: "qr-buono")
            #expect(page.contains(#"<div class="voucher-qr">\#(svg)</div>"#))
            #expect(page.contains("Saldo disponibile: <strong>237,50 €</strong> su 250,00 €"))
            #expect(page.contains("Valido fino al 31/12/2026"))
            #expect(page.contains("<td>Alimentari Da Gino</td><td>12,50 €</td>"))
            #expect(page.contains(#"<a href="\#(token)/buono">stampare il buono</a>"#))
        }
    }

    @Test("the printable voucher has the code, its QR code, the amounts and no script")
    func printable() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let (number, token) = try await Self.submit(client, operators)
            #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            let response = try await client.execute(uri: "/r/\(token)/buono", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex")
            let page = Self.body(response)
            let grouped = try #require(
                page.range(of: #"<p class="voucher-code">"#).map { String(page[$0.upperBound...].prefix { $0 != "<" }) }
            )
            #expect(VoucherCode(typed: grouped)?.description == grouped)
            #expect(page.contains("<h1>Buono spesa</h1>"))
            #expect(page.contains("domanda \(number)"))
            #expect(page.contains(#"<svg xmlns="http://www.w3.org/2000/svg" class="qr""#))
            #expect(page.contains("<p>Importo: 250,00 €</p>") && page.contains("<p>Saldo alla stampa: 250,00 €</p>"))
            #expect(page.contains(#"<a href="../\#(token)">"#))
            // Structured data only: no JavaScript.
            #expect(
                page.components(separatedBy: "<script").dropFirst().allSatisfy {
                    $0.hasPrefix(#" type="application/ld+json""#)
                })
        }
    }

    @Test("a case without a voucher has no voucher on its receipt, and its printable voucher is 404")
    func noVoucher() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let (_, token) = try await Self.submit(client, operators)
            let receipt = Self.body(try await client.execute(uri: "/r/\(token)", method: .get))
            #expect(receipt.contains("Domanda ricevuta") && !receipt.contains("voucher-code"))
            let missing = try await client.execute(uri: "/r/\(token)/buono", method: .get)
            #expect(missing.status == .notFound && Self.body(missing).contains("Buono non trovato"))
            let unknown = try await client.execute(uri: "/r/\(String(repeating: "a", count: 26))/buono", method: .get)
            #expect(unknown.status == .notFound && Self.body(unknown).contains("Ricevuta non trovata"))
        }
    }
}
