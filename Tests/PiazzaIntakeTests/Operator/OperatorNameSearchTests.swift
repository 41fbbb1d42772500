import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// The queue's search by the applicant's name (findings-s12 #13): an operator on the phone with
/// «sono la signora Bianchi» finds the case without its number or codice fiscale.
@Suite("Back-office queue: search by the applicant's name")
struct OperatorNameSearchTests {
    typealias Browser = OperatorFixture
    typealias Queue = OperatorQueueFilterTests

    /// The fixture's form with its applicant's `nome` marked as a person's name (`autocomplete: name`),
    /// as `domanda` and `chiuso`.
    static func operators() async throws -> OperatorFixture {
        let form = IntakeFixture.form.replacingOccurrences(
            of: "label: Nome e cognome, required: true }\n      - { name: codice_fiscale",
            with: "label: Nome e cognome, required: true, autocomplete: name }\n      - { name: codice_fiscale")
        #expect(form != IntakeFixture.form)
        return try await Browser(files: [
            "prova/forms/domanda.yaml": form,
            "prova/forms/chiuso.yaml": form.replacingOccurrences(
                of: "closes: 2026-12-31 12:00", with: "closes: 2026-03-01 12:00"),
        ])
    }

    @Test(
        "a name, surname or part of a double surname finds the case whatever the case and accents",
        arguments: ["Rossi", "rossi", "ROSSÌ", "Zoe", "zoë", "De Rossi", "de", "Zoë De Rossi", "ross", "derossi"])
    func found(searched: String) async throws {
        let operators = try await Self.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let zoe = try await Queue.submit(client, 1, [("nome", "Zoë De Rossi")])
            _ = try await Queue.submit(client, 2, [("nome", "Maria Bianchi")])
            let session = try await Browser.session(client, "anna")
            let encoded = searched.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await Queue.queue(client, "cerca=" + encoded, session: session)
            #expect(page.status == .ok)
            #expect(Queue.numbers(page.body) == [zoe], "\(searched)")
        }
    }

    @Test("every word searched must begin a word of the name; another applicant's name finds nothing")
    func allWords() async throws {
        let operators = try await Self.operators()
        try await operators.app.buildApplication().test(.router) { client in
            _ = try await Queue.submit(client, 1, [("nome", "Zoë De Rossi")])
            let session = try await Browser.session(client, "anna")
            for searched in ["Zoe+Bianchi", "Rossini", "oss", "Maria"] {
                let page = try await Queue.queue(client, "cerca=" + searched, session: session)
                #expect(page.status == .ok && Queue.numbers(page.body).isEmpty, "\(searched)")
            }
        }
    }

    @Test("a name found in several cases lists them newest first, 50 a page, with the other filters and the next link")
    func paginated() async throws {
        let operators = try await Self.operators()
        try await operators.app.buildApplication().test(.router) { client in
            var rossi: [String] = []
            var anna: [String] = []
            for n in 1...52 {
                operators.advance(60)
                let name = n % 2 == 0 ? "Anna Rossi" : "Ugo Verdi"
                let number = try await Queue.submit(client, n % 31 + 1, [("nome", name)])
                if n % 2 == 0 {
                    rossi.append(number)
                    anna.append(number)
                }
            }
            for n in 1...30 {
                operators.advance(60)
                rossi.append(try await Queue.submit(client, n, [("nome", "Luca Rossi")]))
            }
            let session = try await Browser.session(client, "anna")
            let first = try await Queue.queue(client, "cerca=rossi", session: session)
            let newest = Array(rossi.reversed())
            #expect(Queue.numbers(first.body) == Array(newest.prefix(50)))
            let next = try #require(first.body.firstMatch(of: /<a href="([^"]+)">Domande precedenti<\/a>/)?.1)
            #expect(next.hasSuffix("cerca=rossi&amp;dopo=" + newest[49]))
            let second = try await Browser.get(
                client, String(next).replacingOccurrences(of: "&amp;", with: "&"), session: session)
            #expect(Queue.numbers(String(buffer: second.body)) == Array(newest.dropFirst(50)))
            let filtered = try await Queue.queue(client, "cerca=anna+rossi&stato=inviata", session: session)
            #expect(Queue.numbers(filtered.body) == Array(anna.reversed()))
        }
    }

    @Test("nothing found says so in Italian with how else to search, and each form's link counts its cases")
    func nothingFound() async throws {
        let operators = try await Self.operators()
        try await operators.app.buildApplication().test(.router) { client in
            _ = try await Queue.submit(client, 1, [("nome", "Zoë De Rossi")])
            let session = try await Browser.session(client, "anna")
            let page = try await Browser.get(client, "/operator/prova/?modulo=chiuso&cerca=Rossi", session: session)
            let body = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(
                body.contains(
                    "<p>Nessuna domanda di questo modulo trovata per «Rossi» con i filtri scelti. Puoi cercare per "
                        + "numero pratica (come 2026-0000042, o più breve 2026-42), per codice fiscale o per nome e "
                        + "cognome del richiedente (anche solo il cognome, o una parte come «Rossi» di «De Rossi»). "
                        + "Maiuscole e accenti non contano."), "\(body)")
            #expect(
                body.contains(
                    #"<a href="/operator/prova/?modulo=domanda&amp;cerca=Rossi">Domanda di prova (1 trovata)</a>"#))
        }
    }

    @Test(
        "a text with digits that is neither a number nor a codice fiscale is still a 400 saying how to search by name")
    func digits() async throws {
        let operators = try await Self.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let page = try await Queue.queue(client, "cerca=Rossi2", session: session)
            #expect(page.status == .badRequest)
            #expect(page.body.contains("Per cercare per nome, scrivi il nome o il cognome senza cifre."))
            let marks = try await Queue.queue(client, "cerca=%27-%27", session: session)
            #expect(
                marks.status == .badRequest && marks.body.contains("non contiene lettere né cifre: puoi cercare per"))
        }
    }

    @Test("the audit log says a name was searched, never which")
    func audit() async throws {
        let operators = try await Self.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            _ = try await Queue.queue(client, "cerca=Zo%C3%AB", session: session)
            let database = try #require(operators.app.portals["prova"]).database
            let details = try await database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action = 'view_page'")
            }
            #expect(details == ["elenco domanda cerca=nome"])
        }
    }

    @Test("an anonymised case is no longer found by name: its words go with its answers")
    func anonymised() async throws {
        let operators = try await Self.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let zoe = try await Queue.submit(client, 1, [("nome", "Zoë De Rossi")])
            let session = try await Browser.session(client, "anna")
            #expect(Queue.numbers(try await Queue.queue(client, "cerca=rossi", session: session).body) == [zoe])
            let database = try #require(operators.app.portals["prova"]).database
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE applications SET retention_ends = '2000-01-01T00:00:00.000Z'")
            }
            #expect(try await database.anonymiseExpiredCases(at: IntakeFixture.now).anonymised == 1)
            #expect(Queue.numbers(try await Queue.queue(client, "cerca=rossi", session: session).body).isEmpty)
            let words = try await database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM application_names")
            }
            #expect(words == 0)
        }
    }

    @Test("the words of a name are folded and split; neighbouring words are also stored run together")
    func words() {
        #expect(
            NameWords.stored("Zoë  D'Angelo-Rossì") == [
                "zoe", "d", "angelo", "rossi", "zoed", "zoedangelo", "zoedangelorossi", "dangelo", "dangelorossi",
                "angelorossi",
            ])
        #expect(NameWords.searched("ROSSI rossi De") == ["rossi", "de"])
        #expect(NameWords.searched(" - ' ").isEmpty)
    }

    @Test(
        "a search by name reads a queue page from the words' index and the cases by id, never the whole table",
        arguments: ["cerca=Rossi", "cerca=Zoe+Rossi&stato=inviata"])
    func plans(query: String) throws {
        let database = try PortalDatabase(
            portalID: "prova", writer: DatabaseQueue(), uploadsFolder: FileManager.default.temporaryDirectory)
        let pairs = query.split(separator: "&").map { $0.split(separator: "=").map(String.init) }
        let (filter, problems) = QueueFilter.parse { name in
            pairs.first { $0[0] == name }?[1].replacingOccurrences(of: "+", with: " ")
        }
        #expect(problems.isEmpty)
        let (sql, arguments) = PortalDatabase.queueStatement(
            formID: "domanda", filter: filter, overdueBefore: nil, after: "2026-0000001", limit: 51)
        let plan = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("application_names") }, "\(plan)")
        #expect(!plan.contains { $0.contains("SCAN applications") }, "\(plan)")
    }
}
