import Foundation
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

@Suite("The operators' results of the clarity feedback")
struct FeedbackResultsTests {
    typealias Browser = OperatorFixture

    /// Four feedbacks on two pages of `prova`, one on `altro`.
    static func send(_ client: some TestClientProtocol) async throws {
        let posts: [(String, [(String, String)])] = [
            ("prova", [("pagina", "/prenotazioni/lezioni/"), ("valutazione", "2"), ("risposta", "problemi-tecnici")]),
            (
                "prova",
                [("pagina", "/prenotazioni/lezioni/"), ("valutazione", "5"), ("dettagli", "=SOMMA(A1); tutto chiaro")]
            ),
            (
                "prova",
                [("pagina", "/prenotazioni/lezioni/"), ("valutazione", "4"), ("risposta", "indicazioni-chiare")]
            ),
            ("prova", [("pagina", "/"), ("valutazione", "1"), ("dettagli", "Non trovo gli orari")]),
            ("altro", [("pagina", "/"), ("valutazione", "3"), ("dettagli", "Testo di un altro portale")]),
        ]
        for (portal, fields) in posts {
            let response = try await FeedbackPostTests.post(client, fields, portal: portal)
            #expect(response.status == .seeOther)
        }
    }

    /// What anna reads at each of `uris` once ``send(_:)``'s feedbacks are in.
    static func read(_ uris: [String]) async throws -> [TestResponse] {
        let operators = try await Browser()
        return try await operators.app.buildApplication().test(.router) { client in
            try await Self.send(client)
            let anna = try await Browser.session(client, "anna")
            var responses: [TestResponse] = []
            for uri in uris { responses.append(try await Browser.get(client, uri, session: anna)) }
            return responses
        }
    }

    @Test("the results page shows per page the count, the average, the stars, the answers and the latest texts")
    func page() async throws {
        let responses = try await Self.read(["/operator/prova/valutazioni", "/operator/"])
        let response = responses[0]
        #expect(response.status == .ok)
        let html = String(buffer: response.body)
        #expect(html.contains("<h1>Valutazioni delle pagine</h1>"))
        #expect(
            html.contains(
                ##"<tr><th scope="row"><a href="#pagina-2">/prenotazioni/lezioni/</a></th><td>3</td><td>3,7</td><td>0</td><td>1</td><td>0</td><td>1</td><td>1</td></tr>"##
            ))
        #expect(html.contains("<li>Ho avuto problemi tecnici: 1</li>"))
        #expect(html.contains("<li>Le indicazioni erano chiare: 1</li>"))
        #expect(html.contains("<li>01/06/2026: Non trovo gli orari</li>"))
        #expect(html.contains(#"<a href="https://welfare.example.it/prenotazioni/lezioni/">"#))
        #expect(!html.contains("Testo di un altro portale"))
        let home = String(buffer: responses[1].body)
        #expect(home.contains(#"<a href="/operator/prova/valutazioni">valutazioni delle pagine</a>"#))
    }

    @Test(
        "the CSV holds the same figures for Excel, piazza report --feedback prints its bytes, its download is in the audit log"
    )
    func csv() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            try await Self.send(client)
            let anna = try await Browser.session(client, "anna")
            let response = try await Browser.get(client, "/operator/prova/valutazioni.csv", session: anna)
            #expect(response.status == .ok)
            #expect(
                response.headers[.contentDisposition] == "attachment; filename=\"prova-valutazioni-2026-06-01.csv\"")
            let header =
                "Pagina;Valutazioni;Media;1 stella;2 stelle;3 stelle;4 stelle;5 stelle;"
                + "Difficoltà: A volte le indicazioni non erano chiare;Difficoltà: A volte le indicazioni non erano complete;"
                + "Difficoltà: A volte non capivo se stavo procedendo correttamente;Difficoltà: Ho avuto problemi tecnici;"
                + "Difficoltà: Altro;Preferito: Le indicazioni erano chiare;Preferito: Le indicazioni erano complete;"
                + "Preferito: Capivo sempre che stavo procedendo correttamente;Preferito: Non ho avuto problemi tecnici;"
                + "Preferito: Altro;Ultimi dettagli\r\n"
            let rows =
                "/;1;1,0;1;0;0;0;0;0;0;0;0;0;0;0;0;0;0;01/06/2026: Non trovo gli orari\r\n"
                // The citizen's text, after its day, quoted for its ";".
                + "/prenotazioni/lezioni/;3;3,7;0;1;0;1;1;0;0;0;1;0;1;0;0;0;0;\"01/06/2026: =SOMMA(A1); tutto chiaro\"\r\n"
            #expect(Array(response.body.readableBytesView) == ExcelCSV.byteOrderMark + Array((header + rows).utf8))
            // piazza report --feedback: the same bytes.
            let report = ReportCommand(
                config: operators.fixture.config, content: try .load(from: operators.fixture.config.contentFolder))
            var printed: [UInt8] = []
            try await report.writeFeedback(portal: "prova") { printed += Array($0.readableBytesView) }
            #expect(printed == ExcelCSV.byteOrderMark + Array((header + rows).utf8))
            let log = try await #require(operators.app.portals["prova"]).database.auditPage(before: nil, limit: 10)
            // The download, then the command's export, each in the log (findings-s12 #6).
            #expect(
                log.prefix(2).map { [$0.actor, $0.action, $0.detail] } == [
                    [AuditEvent.commandLineActor, "export", "valutazioni"], ["anna", "export", "valutazioni"],
                ])
        }
    }

    @Test(
        "the dashboard shows per page the feedbacks, the average, the share of low ratings and the comments, with a link"
    )
    func dashboard() async throws {
        let response = try #require(try await Self.read(["/operator/prova/cruscotto"]).first)
        #expect(response.status == .ok)
        let html = String(buffer: response.body)
        #expect(html.contains(#"<h2 id="valutazioni">Valutazioni delle pagine</h2>"#))
        #expect(
            html.contains(
                "<thead><tr><th scope=\"col\">Pagina</th><th scope=\"col\">Valutazioni</th><th scope=\"col\">Media</th>"
                    + "<th scope=\"col\">Con 1–3 stelle</th><th scope=\"col\">Commenti</th></tr></thead>"))
        // One feedback of 1 star with a text; three of 2, 4 and 5 stars, one with a text.
        #expect(html.contains(#"<tr><th scope="row">/</th><td>1</td><td>1,0</td><td>100%</td><td>1</td></tr>"#))
        #expect(
            html.contains(
                #"<tr><th scope="row">/prenotazioni/lezioni/</th><td>3</td><td>3,7</td><td>33%</td><td>1</td></tr>"#
            ))
        #expect(
            html.contains(
                "<desc id=\"valutazioni-descrizione\">/: 1, media 1,0; /prenotazioni/lezioni/: 3, media 3,7.</desc>"
            ))
        #expect(
            html.contains(
                #"<p><a href="/operator/prova/valutazioni">Tutte le risposte e gli ultimi commenti, pagina per pagina</a></p>"#
            ))
        #expect(!html.contains("Testo di un altro portale"))
    }
}
