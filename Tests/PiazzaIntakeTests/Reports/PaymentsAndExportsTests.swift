import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ItalianIdentifiers
import NIOCore
import PiazzaContent
import Testing

@testable import PiazzaIntake

@Suite("Payments, exports and dashboard of the back office")
struct PaymentsAndExportsTests {
    typealias Browser = OperatorFixture

    /// Moves a case to accolta through the workflow, as operators do.
    static func accept(_ number: String, in database: PortalDatabase) async throws {
        for state in [ApplicationState.takenInCharge, .accepted] {
            #expect(
                try await database.changeState(
                    number: number, to: state, reason: nil, actor: "anna", at: IntakeFixture.now) == .changed)
        }
    }

    static func body(_ response: TestResponse) -> [UInt8] { Array(response.body.readableBytesView) }

    @Test("the database pays an accepted case with a benefit once, and refuses any other case, writing nothing")
    func transitions() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let accepted = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.submit(client, portal: "prova", [("note", "seconda")])
            try await Self.accept(accepted, in: database)
            let day = try ItalianDate("2026-05-30")
            #expect(
                try await database.markPaid(
                    numbers: [open], on: day, reference: "M1", actor: "anna", at: IntakeFixture.now)
                    == .refused(["La pratica \(open) non è accolta (stato: inviata): si paga solo una pratica accolta."]
                    ))
            #expect(
                try await database.markPaid(
                    numbers: ["2026-9999999"], on: day, reference: "M1", actor: "anna", at: IntakeFixture.now)
                    == .refused(["La pratica 2026-9999999 non esiste in questo portale."]))
            #expect(
                try await database.markPaid(
                    numbers: [accepted], on: day, reference: "M1", actor: "anna", at: IntakeFixture.now)
                    == .marked(count: 1))
            #expect(
                try await database.markPaid(
                    numbers: [accepted], on: day, reference: "M2", actor: "anna", at: IntakeFixture.now)
                    == .refused(["La pratica \(accepted) risulta già pagata il 30/05/2026 (riferimento M1)."]))
            let rows = try await database.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT paid_on, reference, actor, amount_cents FROM payments")
            }
            let stored: [[String]] = rows.map {
                [$0["paid_on"], $0["reference"], $0["actor"], String($0["amount_cents"] as Int)]
            }
            #expect(stored == [["2026-05-30", "M1", "anna", "25000"]])
            // No benefit, nothing to pay.
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE applications SET benefit_cents = NULL WHERE number = ?", arguments: [open])
            }
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE applications SET state = 'accolta' WHERE number = ?", arguments: [open])
            }
            #expect(
                try await database.markPaid(
                    numbers: [open], on: day, reference: "M3", actor: "anna", at: IntakeFixture.now)
                    == .refused(["La pratica \(open) non ha un importo da pagare."]))
        }
    }

    @Test("the date and reference typed are checked: a date, not after today, a reference of at most 100 characters")
    func typedValues() throws {
        let today = try ItalianDate("2026-06-01")
        #expect(try Payments.check(date: "01/06/2026", reference: " CRO 123 ", today: today) == (today, "CRO 123"))
        for (date, reference) in [("", "M1"), ("31/02/2026", "M1"), ("02/06/2026", "M1"), ("01/06/2026", "  ")] {
            #expect(throws: Payments.Refusal.self) {
                try Payments.check(date: date, reference: reference, today: today)
            }
        }
        #expect(throws: Payments.Refusal.self) {
            try Payments.check(date: "01/06/2026", reference: String(repeating: "x", count: 101), today: today)
        }
    }

    @Test("a bulk payment records every ticked case or none, and the list says why")
    func bulk() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let first = try await Browser.submit(client, portal: "prova")
            let second = try await Browser.submit(client, portal: "prova", [("note", "seconda")])
            let open = try await Browser.submit(client, portal: "prova", [("note", "terza")])
            try await Self.accept(first, in: database)
            try await Self.accept(second, in: database)
            let session = try await Browser.session(client, "anna")
            let page = try await Browser.get(client, "/operator/prova/pagamenti", session: session)
            #expect(page.status == .ok)
            let csrf = try #require(Browser.token(page))
            let cookies = [OperatorCookies.session: session]
            let fields = [("_csrf", csrf), ("data", "30/05/2026"), ("riferimento", "<b>M7</b>")]
            // Without the token: 403, nothing written.
            let forged = try await Browser.post(
                client, "/operator/prova/pagamenti",
                [("pratica", first), ("data", "30/05/2026"), ("riferimento", "M7")],
                cookies: cookies)
            #expect(forged.status == .forbidden)
            let refused = try await Browser.post(
                client, "/operator/prova/pagamenti",
                fields + [("pratica", first), ("pratica", open), ("pratica", second)],
                cookies: cookies)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("La pratica \(open) non è accolta"))
            #expect(
                try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM payments") } == 0
            )
            let marked = try await Browser.post(
                client, "/operator/prova/pagamenti", fields + [("pratica", first), ("pratica", second)],
                cookies: cookies)
            #expect(marked.status == .seeOther)
            #expect(marked.headers[.location] == "/operator/prova/pagamenti?segnate=2")
            #expect(
                try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM payments") } == 2
            )
            let paid = String(
                buffer: try await Browser.get(client, "/operator/prova/pagamenti?stato=pagata", session: session).body)
            #expect(paid.contains("&lt;b&gt;M7&lt;/b&gt;") && !paid.contains("<b>M7"))
            #expect(paid.contains("Contributo «Domanda di prova» – pratica \(first)"))
            // One case from its page.
            let third = try await Browser.submit(client, portal: "prova", [("note", "quarta")])
            try await Self.accept(third, in: database)
            let due = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(third)", session: session).body)
            #expect(due.contains("<p>Da pagare: 250,00 €</p>"))
            #expect(due.contains(#"<form method="post" action="/operator/prova/pratiche/\#(third)/pagamento""#))
            let notPayable = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(open)", session: session).body)
            #expect(!notPayable.contains("<h3>Pagamento</h3>"))
            let one = try await Browser.post(
                client, "/operator/prova/pratiche/\(third)/pagamento", fields, cookies: cookies)
            #expect(one.status == .seeOther && one.headers[.location] == "/operator/prova/pratiche/\(third)")
            let again = try await Browser.post(
                client, "/operator/prova/pratiche/\(third)/pagamento", fields, cookies: cookies)
            #expect(again.status == .unprocessableContent)
            #expect(String(buffer: again.body).contains("risulta già pagata il 30/05/2026"))
            let paidPage = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(third)", session: session).body)
            #expect(
                paidPage.contains(
                    "<p>Pagata: 250,00 €, il 30/05/2026 (riferimento &lt;b&gt;M7&lt;/b&gt;, registrato da anna)</p>"))
            #expect(!paidPage.contains("/pagamento\""))
            let csv = String(
                decoding: Self.body(
                    try await Browser.get(client, "/operator/prova/pagamenti.csv?stato=tutti", session: session)),
                as: UTF8.self)
            #expect(
                csv.hasPrefix(
                    "\u{FEFF}Numero pratica;IBAN;Importo;Causale;Stato pagamento;Data pagamento;Riferimento;Modulo\r\n")
            )
            #expect(
                csv.contains(
                    "\(first);;250,00;Contributo «Domanda di prova» – pratica \(first);Pagata;30/05/2026;<b>M7</b>;Domanda di prova\r\n"
                ))
        }
    }

    @Test("the applications export has exact bytes, and piazza report prints the same bytes, CSV and JSON")
    func applicationsExport() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let number = try await Browser.submit(
                client, portal: "prova",
                [
                    ("nome", "Rossi; \"Mario\" <script>alert(1)</script>"),
                    ("note", "=HYPERLINK(\"http://x\",\"clic\")"), ("affitto", "450,5"),
                ])
            try await Self.accept(number, in: database)
            #expect(
                try await database.markPaid(
                    numbers: [number], on: ItalianDate("2026-05-30"), reference: "M1", actor: "anna",
                    at: IntakeFixture.now) == .marked(count: 1))
            let session = try await Browser.session(client, "anna")
            let web = try await Browser.get(
                client, "/operator/prova/esportazioni/domande?modulo=domanda&formato=csv", session: session)
            #expect(web.status == .ok)
            #expect(web.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(web.headers[.contentDisposition] == "attachment; filename=\"prova-domanda-2026-06-01.csv\"")
            let expected =
                "\u{FEFF}Numero pratica;Data di invio;Canale;Stato;Controlli da verificare;Importo;Pagamento;Data pagamento;"
                + "Riferimento pagamento;Nome e cognome;Codice fiscale;Data di nascita;Comune di residenza;Indirizzo;CAP;"
                + "Email;Telefono;IBAN;Affitto mensile;Superficie dell'alloggio (m²);Note;Documento;Componente;"
                + "Componente 1 – Nome e cognome;Componente 1 – Codice fiscale;Componente 2 – Nome e cognome;"
                + "Componente 2 – Codice fiscale;Componente 3 – Nome e cognome;Componente 3 – Codice fiscale;"
                + "Componente 4 – Nome e cognome;Componente 4 – Codice fiscale;ISEE;"
                + "ISEE – protocollo DSU;Ho letto l'informativa\r\n"
                + "\(number);01/06/2026 12:00;online;Accolta;;250,00;Pagata;30/05/2026;M1;"
                + "\"Rossi; \"\"Mario\"\" <script>alert(1)</script>\";BNCLRA90A41H501F;01/01/1990;Vigonza;;;;;;450,50;;"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\";;1;Mario Rossi;RSSMRA45D25F205N;;;;;;;8500,00;"
                + "INPS-ISEE-2026-12345678A-00;Sì\r\n"
            #expect(String(decoding: Self.body(web), as: UTF8.self) == expected)
            #expect(Self.body(web).starts(with: [0xEF, 0xBB, 0xBF]))
            // piazza report: the same bytes, for every format and with --since.
            let report = ReportCommand(
                config: operators.fixture.config, content: try .load(from: operators.fixture.config.contentFolder))
            for (query, format, since) in [
                ("formato=csv", ReportFormat.csv, nil as String?), ("formato=json", .json, nil),
                ("formato=xlsx", .xlsx, nil), ("formato=csv&dal=2026-06-01", .csv, "2026-06-01"),
            ] {
                let page = try await Browser.get(
                    client, "/operator/prova/esportazioni/domande?modulo=domanda&" + query, session: session)
                var printed: [UInt8] = []
                try await report.write(portal: "prova", form: "domanda", format: format, since: since) {
                    printed += Array($0.readableBytesView)
                }
                #expect(printed == Self.body(page), "\(query)")
                #expect(page.headers[.contentType] == format.contentType, "\(query)")
            }
            let json = try JSONSerialization.jsonObject(
                with: Data(
                    Self.body(
                        try await Browser.get(
                            client, "/operator/prova/esportazioni/domande?modulo=domanda&formato=json", session: session
                        ))))
            let rows = try #require(json as? [[String: Any]])
            #expect(
                rows.count == 1 && rows[0]["numero"] as? String == number && rows[0]["importo_cents"] as? Int == 25000)
            #expect((rows[0]["pagamento"] as? [String: Any])?["stato"] as? String == "pagata")
            let outcomes = try await Browser.get(
                client, "/operator/prova/esportazioni/esiti?modulo=domanda", session: session)
            #expect(
                String(decoding: Self.body(outcomes), as: UTF8.self)
                    == "\u{FEFF}Numero pratica;Esito\r\n\(number);Accolta\r\n")
            // The outcomes and the payments list as workbooks; a format an export does not offer is named.
            for route in ["esportazioni/esiti?modulo=domanda&formato=xlsx", "pagamenti.xlsx?stato=tutti"] {
                let workbook = try await Browser.get(client, "/operator/prova/" + route, session: session)
                #expect(
                    workbook.status == .ok && Self.body(workbook).starts(with: Array("PK\u{3}\u{4}".utf8)), "\(route)")
                #expect(workbook.headers[.contentDisposition]?.hasSuffix(".xlsx\"") == true, "\(route)")
            }
            let refused = try await Browser.get(
                client, "/operator/prova/esportazioni/esiti?modulo=domanda&formato=json", session: session)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("Questa esportazione è in formato csv o xlsx."))
        }
    }

    @Test("piazza report refuses an unknown portal, form or date, and a data folder without the portal's database")
    func reportErrors() async throws {
        let fixture = try IntakeFixture()
        let content = try ContentTree.load(from: fixture.config.contentFolder)
        let report = ReportCommand(config: fixture.config, content: content)
        let cases: [(String, String, String?, ReportError.Code)] = [
            ("nessuno", "domanda", nil, .unknownPortal), ("prova", "nessuno", nil, .unknownForm),
            ("prova", "domanda", "31/02/2026", .invalidDate),
        ]
        for (portal, form, since, code) in cases {
            do {
                try await report.write(portal: portal, form: form, format: .csv, since: since) { _ in }
                Issue.record("\(portal) \(form) \(since ?? "") was not refused")
            } catch let error as ReportError {
                #expect(error.code == code && error.exitCode == 1)
            }
        }
        var elsewhere = fixture.config
        elsewhere.dataFolder = fixture.root.appendingPathComponent("altrove")
        await #expect(throws: ReportError.self) {
            try await ReportCommand(config: elsewhere, content: content)
                .write(portal: "prova", form: "domanda", format: .csv, since: nil) { _ in }
        }
        #expect(!FileManager.default.fileExists(atPath: elsewhere.dataFolder.path))
    }

    @Test(
        "the dashboard counts by state, by day, amounts and checks, escapes what it shows, and has a table for each chart"
    )
    func dashboard() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let accepted = try await Browser.submit(client, portal: "prova", [("nome", "<script>alert(1)</script>")])
            _ = try await Browser.submit(client, portal: "prova", [("note", "seconda"), ("comune_residenza", "altro")])
            try await Self.accept(accepted, in: database)
            #expect(
                try await database.markPaid(
                    numbers: [accepted], on: ItalianDate("2026-05-30"), reference: "M1", actor: "anna",
                    at: IntakeFixture.now) == .marked(count: 1))
            let session = try await Browser.session(client, "anna")
            let response = try await Browser.get(client, "/operator/prova/cruscotto", session: session)
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(!page.contains("<script>alert"))
            #expect(
                page.contains(
                    #"<svg class="chart" role="img" aria-labelledby="per-stato-titolo per-stato-descrizione""#))
            #expect(
                page.contains(
                    "<desc id=\"per-stato-descrizione\">Inviata: 1; Presa in carico: 0; Richiesta di integrazione: 0; Integrata: 0; Accolta: 1;"
                ))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Domanda di prova</th><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>2</td></tr>"
                ))
            #expect(page.contains("<tr><th scope=\"row\">01/06/2026</th><td>2</td></tr>"))
            #expect(page.contains("<td>1</td><td>250,00 €</td><td>1</td><td>250,00 €</td><td>0,00 €</td>"))
            #expect(page.contains("<tr><th scope=\"row\">Residenza da verificare</th><td>1</td></tr>"))
            #expect(page.contains("<tr><th scope=\"row\">Domanda di prova</th><td>30</td><td>0</td></tr>"))
            // 31 days later the case still inviata is past its 30-day term; the accepted one is concluded.
            operators.advance(31 * 86_400)
            let again = try await Browser.session(client, "anna")
            let later = String(buffer: try await Browser.get(client, "/operator/prova/cruscotto", session: again).body)
            #expect(later.contains("<tr><th scope=\"row\">Domanda di prova</th><td>30</td><td>1</td></tr>"))
        }
    }

    @Test(
        "an operator of another portal gets the 404 of a missing portal on every payments, export and dashboard route")
    func isolation() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            try await Self.accept(number, in: try #require(operators.app.portals["prova"]).database)
            let bruno = try await Browser.session(client, "bruno")
            let anna = try await Browser.session(client, "anna")
            let missing = try await Browser.get(client, "/operator/nessuno/", session: bruno)
            let routes = [
                "/operator/prova/pagamenti", "/operator/prova/pagamenti?stato=tutti", "/operator/prova/pagamenti.csv",
                "/operator/prova/esportazioni", "/operator/prova/esportazioni/domande?modulo=domanda&formato=csv",
                "/operator/prova/esportazioni/domande?modulo=domanda&formato=json",
                "/operator/prova/esportazioni/esiti?modulo=domanda", "/operator/prova/cruscotto",
                "/operator/prova/esportazioni/domande?modulo=domanda&formato=xlsx", "/operator/prova/pagamenti.xlsx",
                "/operator/prova/esportazioni/esiti?modulo=domanda&formato=xlsx",
            ]
            for route in routes {
                let foreign = try await Browser.get(client, route, session: bruno)
                #expect(foreign.status == .notFound, "\(route)")
                #expect(Self.body(foreign) == Self.body(missing), "\(route)")
                #expect(try await Browser.get(client, route, session: anna).status == .ok, "\(route)")
                let anonymous = try await Browser.get(client, route, session: nil)
                #expect(
                    anonymous.status == .seeOther
                        && anonymous.headers[.location] == LoginReturn.loginAddress(returningTo: route), "\(route)")
            }
            // Bruno's own token, posted to prova's payments: 404, nothing written.
            let page = try await Browser.get(client, "/operator/", session: bruno)
            let csrf = try #require(Browser.token(page))
            let fields = [("_csrf", csrf), ("data", "30/05/2026"), ("riferimento", "M1"), ("pratica", number)]
            for route in ["/operator/prova/pagamenti", "/operator/prova/pratiche/\(number)/pagamento"] {
                let post = try await Browser.post(client, route, fields, cookies: [OperatorCookies.session: bruno])
                #expect(post.status == .notFound, "\(route)")
            }
            let count = try operators.fixture.query { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM payments") }
            #expect(count == 0)
        }
    }
}
