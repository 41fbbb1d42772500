import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import ItalianIdentifiers
import Synchronization
import Testing

@testable import PiazzaIntake

/// The back-office fixture with a voucher measure and a shop-enrolment form in portal `prova` (and its
/// copy `altro`), and shop staff: `cassa` and `banco` of Alimentari Da Gino, `forno` of Forno Peraga
/// (both enrolled by ``enrol(_:)``), `chiuso` of a shop never enrolled, `lontano` of Da Gino on `altro`.
enum VoucherFixture {
    static let gino = "01234560280"
    static let peraga = "03456780281"
    static let neverEnrolled = "00743110157"

    /// `buoni`: the intake fixture's form (benefit 150/250/350 €) as a voucher measure valid until
    /// 31 December 2026; `adesione`: enrols shops for it; `altra`: a measure no shop is enrolled for.
    static let files: [String: String] = [
        "prova/forms/buoni.yaml": IntakeFixture.form + "\nmeasure: buoni-spesa\nvoucher:\n  valid_until: 2026-12-31\n",
        "prova/forms/altra.yaml": IntakeFixture.form + "\nmeasure: altra-misura\nvoucher:\n  valid_until: 2026-12-31\n",
        "prova/forms/adesione.yaml": """
        title: Adesione dei negozi
        description: I negozi chiedono di accettare i buoni spesa.
        opens: 2026-01-01 09:00
        closes: 2026-12-31 12:00
        privacy: privacy.md
        retention_years: 10
        sections:
          - title: Negozio
            fields:
              - { name: insegna, type: text, label: Nome del negozio, required: true }
              - { name: partita_iva, type: partita_iva, label: Partita IVA, required: true }
              - { name: iban, type: iban, label: IBAN, required: true }
        merchant_enrolment:
          measures: [buoni-spesa]
          name: insegna

        """,
        "prova/misure/buoni-spesa.md": measure("Buoni spesa", form: "buoni"),
        "prova/misure/altra-misura.md": measure("Altra misura", form: "altra"),
    ]

    static func measure(_ title: String, form: String) -> String {
        "---\ntitle: \(title)\ndescription: Una misura di prova.\nform: \(form)\nopens: 2026-01-01\ncloses: 2026-12-31\n---\n\nTesto.\n"
    }

    /// The operators' fixture with `files` (by default these), the settings `change` makes and the shop staff.
    static func operators(
        files: [String: String] = Self.files, change: (inout DaemonConfig) -> Void = { _ in }
    ) async throws -> OperatorFixture {
        let operators = try await OperatorFixture(files: files, change: change)
        let hash = await PasswordHashing(cost: 4).hash(OperatorFixture.password)
        for (name, portal, merchant) in [
            ("cassa", "prova", gino), ("banco", "prova", gino), ("forno", "prova", peraga),
            ("chiuso", "prova", neverEnrolled), ("lontano", "altro", gino),
        ] {
            try await operators.app.accounts.addUser(
                name: name, role: .merchant, portals: [portal], merchant: merchant, passwordHash: hash,
                at: IntakeFixture.now)
        }
        return operators
    }

    /// Runs `body` on the router of a fixture (with `files`) whose shops are enrolled (``enrolShops(_:)``), with the code
    /// of a voucher of `form` just issued to Maria Bianchi, the applicant of ``IntakeFixture/valid``.
    static func withVoucher(
        files: [String: String] = Self.files, form: String = "buoni",
        _ body: @Sendable (any TestClientProtocol, OperatorFixture, _ code: String) async throws -> Void
    ) async throws {
        let operators = try await Self.operators(files: files)
        try await operators.app.buildApplication().test(.router) { client in
            try await enrolShops(client)
            try await body(client, operators, try await issue(client, operators, form: form, fiscalCode: maria))
        }
    }

    /// Takes `number` of `portal` in charge and accepts it, as `anna` (operator of `prova`) or `bruno`
    /// (of `altro`) does on the case page; the status of the acceptance.
    @discardableResult
    static func accept(_ client: some TestClientProtocol, _ number: String, portal: String = "prova") async throws
        -> HTTPResponse.Status
    {
        try await acceptance(client, number, portal: portal).status
    }

    /// ``accept(_:_:portal:)``'s answer to the acceptance itself.
    static func acceptance(_ client: some TestClientProtocol, _ number: String, portal: String = "prova")
        async throws -> TestResponse
    {
        let session = try await OperatorFixture.session(client, portal == "prova" ? "anna" : "bruno")
        let page = try await OperatorFixture.get(client, "/operator/\(portal)/pratiche/\(number)", session: session)
        let token = try #require(OperatorFixture.token(page))
        var answer: TestResponse?
        for state in [ApplicationState.takenInCharge, .accepted] {
            answer = try await OperatorFixture.post(
                client, "/operator/\(portal)/pratiche/\(number)/stato", [("_csrf", token), ("stato", state.rawValue)],
                cookies: [OperatorCookies.session: session])
        }
        return try #require(answer)
    }

    /// Enrols Da Gino and Forno Peraga in `prova` (and Da Gino in `altro`) through accepted cases.
    static func enrolShops(_ client: some TestClientProtocol) async throws {
        for (portal, name, partitaIVA) in [
            ("prova", "Alimentari Da Gino", gino), ("prova", "Forno Peraga", peraga), ("altro", "Da Gino", gino),
        ] {
            let number = try await submit(
                client, portal: portal, form: "adesione",
                [("insegna", name), ("partita_iva", partitaIVA), ("iban", "IT60X0542811101000000123456")])
            #expect(try await accept(client, number, portal: portal) == .seeOther)
        }
    }

    /// Submits `fields` to `form` of `portal`; the numero pratica.
    static func submit(
        _ client: some TestClientProtocol, portal: String = "prova", form: String, _ fields: [(String, String)]
    ) async throws -> String {
        let response = try await client.execute(
            uri: "/forms/\(portal)/\(form)", method: .post, headers: IntakeFixture.formHeaders,
            body: IntakeFixture.body(fields))
        let token = try #require(response.headers[.location]?.split(separator: "/").last.map(String.init))
        let receipt = String(buffer: try await client.execute(uri: "/r/\(token)", method: .get).body)
        let start = try #require(receipt.range(of: #"<p class="receipt-number">"#))
        return String(receipt[start.upperBound...].prefix { $0 != "<" })
    }

    /// The codice fiscale of Maria Bianchi, the applicant of ``IntakeFixture/valid``.
    static let maria = "BNCLRA90A41H501F"

    /// How many applicants ``applicant()`` has named: each gets a codice fiscale of their own.
    private static let applicants = Mutex(0)

    /// A valid codice fiscale no other call gives (`BNCLRA` born in February, never Maria's January, on
    /// another day or year): one voucher per applicant and measure is the rule at acceptance.
    static func applicant() -> String {
        let n = applicants.withLock { count in
            count += 1
            return count
        }
        let year = n % 100 < 10 ? "0\(n % 100)" : String(n % 100)
        let first15 = "BNCLRA\(year)B\(41 + n / 100 % 28)H501"
        return first15 + String(CodiceFiscale.checkCharacter(for: first15)!)
    }

    /// Submits a case of `form` (a household of two: 250 €) for `fiscalCode` (by default a new
    /// applicant's), accepts it and returns its voucher's code.
    static func issue(
        _ client: some TestClientProtocol, _ operators: OperatorFixture, form: String = "buoni",
        fiscalCode: String = applicant()
    ) async throws -> String {
        let number = try await submit(
            client, form: form, IntakeFixture.fields([("note", UUID().uuidString), ("codice_fiscale", fiscalCode)]))
        #expect(try await accept(client, number) == .seeOther)
        return try #require(
            try await operators.app.portals["prova"]!.database.writer.read { db in
                try String.fetchOne(
                    db,
                    sql:
                        "SELECT v.code FROM vouchers v JOIN applications a ON a.id = v.application_id WHERE a.number = ?",
                    arguments: [number])
            })
    }

    /// The redemption page of `session`, its CSRF token and one-time key.
    static func form(_ client: some TestClientProtocol, session: String) async throws -> (csrf: String, key: String) {
        let page = String(buffer: try await OperatorFixture.get(client, "/operator/prova/buoni", session: session).body)
        let key = try #require(page.range(of: #"name="_chiave" value=""#))
        let csrf = try #require(page.range(of: #"name="_csrf" value=""#))
        return (
            String(page[csrf.upperBound...].prefix { $0 != "\"" }),
            String(page[key.upperBound...].prefix { $0 != "\"" })
        )
    }

    /// The address of the redemption a till page shows as done (its void form's action less `/annulla`).
    static func redemptionURL(_ response: TestResponse) -> String? {
        let page = String(buffer: response.body)
        guard let start = page.range(of: #"action="/operator/prova/buoni/incassi/"#) else { return nil }
        let action = page[page.index(start.lowerBound, offsetBy: 8)...].prefix { $0 != "\"" }
        return action.hasSuffix("/annulla") ? String(action.dropLast("/annulla".count)) : nil
    }

    /// Posts a redemption of `amount` (as typed) on `code` with the page's `csrf` and `key`.
    static func redeem(
        _ client: some TestClientProtocol, session: String, code: String, amount: String,
        form: (csrf: String, key: String)
    ) async throws -> TestResponse {
        try await OperatorFixture.post(
            client, "/operator/prova/buoni",
            [("_csrf", form.csrf), ("_chiave", form.key), ("codice", code), ("importo", amount)],
            cookies: [OperatorCookies.session: session])
    }
}
