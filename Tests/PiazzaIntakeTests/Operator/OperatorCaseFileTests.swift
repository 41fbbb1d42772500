import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

@Suite("Back-office case file: attachments, household, benefit amount, messages, full history")
struct OperatorCaseFileTests {
    typealias Browser = OperatorFixture

    /// A small PDF: what the sniffer recognises, and what the `documento` field accepts.
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".utf8)

    /// Submits the fixture's application with a PDF under `documento` named `filename` (an RFC 8187
    /// `filename*`, percent-encoded UTF-8); returns its number.
    static func submitWithFile(
        _ client: some TestClientProtocol, portal: String = "prova", filename: String,
        _ changes: [(String, String)] = []
    ) async throws -> String {
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["."]))!
        let (headers, body) = IntakeFixture.multipart(
            IntakeFixture.fields(changes), disposition: Array("name=\"documento\"; filename*=UTF-8''\(encoded)".utf8),
            bytes: pdf)
        let response = try await client.execute(
            uri: "/forms/\(portal)/domanda", method: .post, headers: headers, body: body)
        #expect(response.status == .seeOther)
        let token = try #require(response.headers[.location]?.split(separator: "/").last.map(String.init))
        let receipt = String(buffer: try await client.execute(uri: "/r/\(token)", method: .get).body)
        let start = try #require(receipt.range(of: #"<p class="receipt-number">"#))
        return String(receipt[start.upperBound...].prefix { $0 != "<" })
    }

    /// The links of the case page's attachment list.
    static func attachmentLinks(_ page: String) -> [String] {
        page.components(separatedBy: #"<a href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
            .filter { $0.contains("/allegati/") }
    }

    @Test("an attachment is listed on its case page and downloaded with its sniffed type as an attachment")
    func download() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Self.submitWithFile(client, filename: "attestazione ISEE è <1>.pdf")
            let session = try await Browser.session(client, "anna")
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session).body)
            let links = Self.attachmentLinks(page)
            #expect(links == ["/operator/prova/pratiche/\(number)/allegati/1"])
            #expect(
                page.contains("Documento: <a href=\"\(links[0])\" download>attestazione ISEE è &lt;1&gt;.pdf (PDF, "))
            let file = try await Browser.get(client, links[0], session: session)
            #expect(file.status == .ok)
            #expect(Array(file.body.readableBytesView) == Self.pdf)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(
                file.headers[.contentDisposition]
                    == #"attachment; filename="attestazione ISEE e <1>.pdf"; filename*=UTF-8''attestazione%20ISEE%20%C3%A8%20%3C1%3E.pdf"#
            )
            #expect(file.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(file.headers[.cacheControl] == "no-store")
        }
    }

    @Test("another portal's operator, another case's file id, an unknown id and no session never get the file")
    func downloadIsolation() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let first = try await Self.submitWithFile(client, filename: "primo.pdf")
            let second = try await Self.submitWithFile(client, filename: "secondo.pdf", [("note", "altra")])
            let anna = try await Browser.session(client, "anna")
            let bruno = try await Browser.session(client, "bruno")
            let capo = try await Browser.session(client, "capo")
            let missing = try await Browser.get(client, "/operator/nessuno/", session: bruno)
            #expect(
                try await Browser.get(client, "/operator/prova/pratiche/\(second)/allegati/2", session: anna).status
                    == .ok)
            #expect(
                try await Browser.get(client, "/operator/prova/pratiche/\(first)/allegati/1", session: capo).status
                    == .ok)
            // Bruno works on `altro` only: the answer is the one of a portal that does not exist.
            let foreign = try await Browser.get(client, "/operator/prova/pratiche/\(first)/allegati/1", session: bruno)
            #expect(foreign.status == .notFound && String(buffer: foreign.body) == String(buffer: missing.body))
            // The file of the second case asked for under the first: not this case's file.
            for path in ["\(first)/allegati/2", "\(second)/allegati/1", "\(first)/allegati/99", "\(first)/allegati/x"] {
                let response = try await Browser.get(client, "/operator/prova/pratiche/\(path)", session: anna)
                #expect(response.status == .notFound, "\(path)")
                #expect(!String(buffer: response.body).contains("%PDF"), "\(path)")
            }
            let attachment = "/operator/prova/pratiche/\(first)/allegati/1"
            let anonymous = try await Browser.get(client, attachment, session: nil)
            #expect(
                anonymous.status == .seeOther
                    && anonymous.headers[.location] == LoginReturn.loginAddress(returningTo: attachment))
        }
    }

    @Test(
        "the download name: an ASCII fallback without quotes, slashes or percent signs, and the exact UTF-8 name",
        arguments: [
            ("ricevuta.pdf", #"attachment; filename="ricevuta.pdf"; filename*=UTF-8''ricevuta.pdf"#),
            ("Perché sì.pdf", #"attachment; filename="Perche si.pdf"; filename*=UTF-8''Perch%C3%A9%20s%C3%AC.pdf"#),
            (
                #"a"b\c/d%e;f.pdf"#,
                #"attachment; filename="a_b_c_d_e;f.pdf"; filename*=UTF-8''a%22b%5Cc%2Fd%25e%3Bf.pdf"#
            ),
            ("文件.png", #"attachment; filename="__.png"; filename*=UTF-8''%E6%96%87%E4%BB%B6.png"#),
            ("", #"attachment; filename="allegato"; filename*=UTF-8''allegato"#),
        ])
    func disposition(name: String, header: String) {
        #expect(ContentDisposition.attachment(filename: name) == header)
    }

    @Test("the case page lists the other applications sharing a household codice fiscale, and only those")
    func household() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            // Maria (applicant) with Mario as a member.
            let first = try await Browser.submit(client, portal: "prova")
            operators.advance(60)
            // Another applicant who lists Mario too: the same household.
            let second = try await Browser.submit(
                client, portal: "prova", [("codice_fiscale", "RCCMNL83S18D969H"), ("note", "seconda")])
            operators.advance(60)
            // Nobody in common.
            let third = try await Browser.submit(
                client, portal: "prova",
                [("codice_fiscale", "VRDGPP13R10B293P"), ("componenti.0.codice_fiscale", "RSSMRA80A01H501U")])
            // The same household in another portal is another comune's business.
            _ = try await Browser.submit(client, portal: "altro")
            let session = try await Browser.session(client, "anna")
            func related(_ number: String) async throws -> [String] {
                let page = String(
                    buffer: try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session).body)
                guard let start = page.range(of: "Altre domande dello stesso nucleo"),
                    let end = page.range(of: "Scrivi al cittadino")
                else { return [] }
                return page[start.upperBound..<end.lowerBound].components(separatedBy: "/pratiche/").dropFirst().map {
                    String($0.prefix { $0 != "\"" })
                }
            }
            #expect(try await related(first) == [second])
            #expect(try await related(second) == [first])
            #expect(try await related(third) == [])
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(first)", session: session).body)
            #expect(page.contains("<td>Domanda di prova</td>") && page.contains("<td>Inviata</td>"))
        }
    }

    @Test("an operator sets the benefit amount in Italian format with a reason; the history keeps who, when and why")
    func benefit() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            let database = try #require(operators.app.portals["prova"]).database
            // The form's rule: a household of two gets 250 €.
            #expect(try await database.application(number: number)?.application.benefitCents == 25_000)
            operators.advance(120)
            let set = try await open.post(client, "importo", [("importo", "1.234,50"), ("motivo", "Delibera 12/2026")])
            #expect(set.status == .seeOther && set.headers[.location] == open.url)
            #expect(try await database.application(number: number)?.application.benefitCents == 123_450)
            let page = try await open.page(client)
            #expect(page.contains("Importo previsto: 1.234,50 €"))
            #expect(page.contains(#"value="1.234,50""#))
            #expect(
                page.contains(
                    "<li><strong>Importo modificato: 250,00 € → 1.234,50 €</strong> – 01/06/2026 alle 12:02 (anna)<br>Delibera 12/2026</li>"
                ))
            let receiptToken = try #require(try await database.application(number: number)?.application.token)
            let receipt = String(buffer: try await client.execute(uri: "/r/\(receiptToken)", method: .get).body)
            #expect(receipt.contains("Importo previsto se la domanda sarà accolta: 1.234,50 €"))
            #expect(!receipt.contains("Delibera") && !receipt.contains("anna"))
            // Once accepted, the citizen reads the amount as granted.
            for state in ["presa_in_carico", "accolta"] {
                #expect(try await open.post(client, "stato", [("stato", state), ("motivo", "")]).status == .seeOther)
            }
            let accepted = String(buffer: try await client.execute(uri: "/r/\(receiptToken)", method: .get).body)
            #expect(accepted.contains("<p>Importo riconosciuto: 1.234,50 €</p>"))
            #expect(!accepted.contains("Importo previsto"))
        }
    }

    @Test(
        "a malformed, negative or too large amount, or no reason, is refused with what to fix and nothing written",
        arguments: [
            ("-5,00", "motivo", "non può essere negativo"), ("12,345", "motivo", "al massimo 2 cifre"),
            ("dieci euro", "motivo", "solo cifre"), ("", "motivo", "Inserisci un importo"),
            ("100,00", " \u{200B} ", "Scrivi il motivo"),
            ("100.000,01", "motivo", "supera il massimo di un contributo, 100.000,00 €: controlla le cifre inserite."),
            ("92233720368547758,07", "motivo", "il massimo è 999.999.999,99 €. Controlla le cifre inserite."),
        ])
    func benefitRefused(amount: String, reason: String, message: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            let response = try await open.post(client, "importo", [("importo", amount), ("motivo", reason)])
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains(#"<p class="error-message" role="alert" id="importo-errore">"#))
            #expect(page.contains(message))
            #expect(page.contains(#"aria-invalid="true" aria-describedby="importo-errore""#))
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.application(number: number)?.application.benefitCents == 25_000)
            #expect(try await database.writer.read { db in try BenefitChange.fetchCount(db) } == 0)
        }
    }

    @Test(
        "the largest benefit, 100.000,00 €, is accepted; rows above any typed amount leave the dashboard's sums whole")
    func benefitMaximum() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            let database = try #require(operators.app.portals["prova"]).database
            let set = try await open.post(client, "importo", [("importo", "100.000,00"), ("motivo", "Tetto")])
            #expect(set.status == .seeOther)
            #expect(try await database.application(number: number)?.application.benefitCents == 10_000_000)
            // Two accepted cases holding Int.max cents, as a release without the bound could store them:
            // SQLite's sum() of them overflowed and the whole dashboard answered 500.
            let other = try await Browser.submit(client, portal: "prova", [("note", "seconda")])
            try await database.writer.write { db in
                try db.execute(
                    sql: "UPDATE applications SET state = 'accolta', benefit_cents = ? WHERE number IN (?, ?)",
                    arguments: [Int.max, number, other])
            }
            let session = try await Browser.session(client, "anna")
            let dashboard = try await Browser.get(client, "/operator/prova/cruscotto", session: session)
            #expect(dashboard.status == .ok)
            #expect(String(buffer: dashboard.body).contains("1.999.999.999,98 €"))
        }
    }

    @Test(
        "a paid case's amount cannot be changed: the case page says why instead of the form, a post from an older page gets 422, and nothing is written"
    )
    func paidBenefitRefused() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let database = try #require(operators.app.portals["prova"]).database
            try await PaymentsAndExportsTests.accept(number, in: database)
            #expect(
                try await database.markPaid(
                    numbers: [number], on: try ItalianDate("2026-05-30"), reference: "Mandato 12", actor: "anna",
                    at: IntakeFixture.now) == .marked(count: 1))
            let open = try await Browser.openCase(client, number)
            let locked =
                #"<p class="benefit-locked">La pratica \#(number) risulta già pagata il 30/05/2026 (riferimento Mandato 12). L&#39;importo pagato non si può più modificare.</p>"#
            let response = try await open.post(client, "importo", [("importo", "300,00"), ("motivo", "Ricalcolo")])
            #expect(response.status == .unprocessableContent)
            for page in [try await open.page(client), String(buffer: response.body)] {
                #expect(page.contains(locked))
                #expect(!page.contains(#"name="importo""#))
            }
            #expect(try await database.application(number: number)?.application.benefitCents == 25_000)
            #expect(try await database.writer.read { db in try BenefitChange.fetchCount(db) } == 0)
            #expect(try await database.payment(applicationID: 1)?.amountCents == 25_000)
        }
    }

    @Test("the benefit and message posts need the session's token (403) and the user's portal (404)")
    func postsForbidden() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let anna = try await Browser.session(client, "anna")
            let bruno = try await Browser.session(client, "bruno")
            let brunoToken = try #require(Browser.token(try await Browser.get(client, "/operator/", session: bruno)))
            let annaToken = try #require(Browser.token(try await Browser.get(client, "/operator/", session: anna)))
            for (path, fields) in [
                ("importo", [("importo", "10,00"), ("motivo", "x")]), ("messaggi", [("testo", "Buongiorno")]),
            ] {
                let url = "/operator/prova/pratiche/\(number)/\(path)"
                let attempts: [(token: String?, session: String, status: HTTPResponse.Status)] = [
                    (nil, anna, .forbidden), (brunoToken, anna, .forbidden), (brunoToken, bruno, .notFound),
                ]
                for attempt in attempts {
                    let response = try await Browser.post(
                        client, url, (attempt.token.map { [("_csrf", $0)] } ?? []) + fields,
                        cookies: [OperatorCookies.session: attempt.session])
                    #expect(response.status == attempt.status, "\(path)")
                }
                let unknown = try await Browser.post(
                    client, "/operator/prova/pratiche/2026-0009999/\(path)", [("_csrf", annaToken)] + fields,
                    cookies: [OperatorCookies.session: anna])
                #expect(unknown.status == .notFound, "\(path)")
            }
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.writer.read { db in try CaseMessage.fetchCount(db) } == 0)
            #expect(try await database.application(number: number)?.application.benefitCents == 25_000)
        }
    }

    @Test(
        "a message to the citizen is stored, shown escaped with its date on the receipt and in the case's history",
        arguments: [#"<script>alert(1)</script>"#, #""><img src=x onerror=alert(1)>"#])
    func message(payload: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            operators.advance(300)
            let sent = try await open.post(client, "messaggi", [("testo", "Porti il documento " + payload)])
            #expect(sent.status == .seeOther && sent.headers[.location] == open.url)
            let database = try #require(operators.app.portals["prova"]).database
            let receiptToken = try #require(try await database.application(number: number)?.application.token)
            let receipt = String(buffer: try await client.execute(uri: "/r/\(receiptToken)", method: .get).body)
            let escaped = "Porti il documento " + IntakeFixture.escaped(payload)
            #expect(receipt.contains("<h2>Messaggi del Comune</h2>"))
            #expect(receipt.contains("<li><strong>01/06/2026 alle 12:05</strong><br>\(escaped)</li>"))
            #expect(!receipt.contains(payload) && !receipt.contains("anna"))
            let page = try await open.page(client)
            #expect(
                page.contains(
                    "<li><strong>Messaggio al cittadino</strong> – 01/06/2026 alle 12:05 (anna)<br>\(escaped)</li>"))
            #expect(!page.contains(payload))
        }
    }

    @Test("an empty message is refused with the typed text kept; nothing is stored")
    func emptyMessage() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            let response = try await open.post(client, "messaggi", [("testo", " \u{200B}\n ")])
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("Scrivi il messaggio prima di inviarlo."))
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.writer.read { db in try CaseMessage.fetchCount(db) } == 0)
        }
    }

    @Test("the full history interleaves steps, amount changes and messages in time order with who made each")
    func history() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            for (path, fields) in [
                ("stato", [("stato", "presa_in_carico")]), ("messaggi", [("testo", "Ci servono due giorni.")]),
                ("importo", [("importo", "300"), ("motivo", "Nucleo di tre")]),
            ] {
                operators.advance(60)
                let response = try await open.post(client, path, fields)
                #expect(response.status == .seeOther, "\(path)")
            }
            let page = try await open.page(client)
            let start = try #require(page.range(of: "<h2>Storia</h2>"))
            let items = page[start.upperBound...].components(separatedBy: "<li><strong>").dropFirst().map {
                String($0.prefix { $0 != "<" })
            }
            #expect(
                items == [
                    "Inviata", "Presa in carico", "Messaggio al cittadino", "Importo modificato: 250,00 € → 300,00 €",
                ])
            #expect(page.contains("<li><strong>Inviata</strong> – 01/06/2026 alle 12:00 (online)"))
            #expect(page.contains("<li><strong>Presa in carico</strong> – 01/06/2026 alle 12:01 (anna)"))
        }
    }
}
