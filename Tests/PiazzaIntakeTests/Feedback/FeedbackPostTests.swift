import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

@Suite("Posting the clarity feedback of a page to the daemon")
struct FeedbackPostTests {
    static let valid: [(String, String)] = [
        ("pagina", "/prenotazioni/lezioni/"), ("valutazione", "2"), ("risposta", "problemi-tecnici"),
        ("dettagli", "  Il link al modulo non si apre. "),
    ]

    static func post(
        _ client: some TestClientProtocol, _ fields: [(String, String)], portal: String = "prova", json: Bool = false
    ) async throws -> TestResponse {
        var headers = IntakeFixture.formHeaders
        if json { headers[.accept] = "application/json" }
        return try await client.execute(
            uri: "/feedback/\(portal)", method: .post, headers: headers, body: IntakeFixture.body(fields))
    }

    static func rows(_ fixture: IntakeFixture) throws -> [Row] {
        try fixture.query { db in try Row.fetchAll(db, sql: "SELECT * FROM feedback ORDER BY id") }
    }

    @Test("a feedback is stored with the page, the day and the choices only, then 303 to the thanks page")
    func stored() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.post(client, Self.valid)
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location == "/feedback/prova/grazie?pagina=/prenotazioni/lezioni/")
            let rows = try Self.rows(fixture)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            // Nothing else is kept: no address, no browser, no time of day.
            #expect(Array(row.columnNames) == ["id", "page", "day", "rating", "answer", "details"])
            #expect(row["page"] as String == "/prenotazioni/lezioni/" && row["day"] as String == "2026-06-01")
            #expect(row["rating"] as Int == 2 && row["answer"] as String == "problemi-tecnici")
            #expect(row["details"] as String == "Il link al modulo non si apre.")
            let thanks = try await client.execute(uri: location, method: .get)
            #expect(thanks.status == .ok)
            let page = String(buffer: thanks.body)
            #expect(page.contains(ClarityFeedback.thanks))
            #expect(page.contains(#"<a href="https://welfare.example.it/prenotazioni/lezioni/">"#))
        }
    }

    @Test("the enhanced widget gets JSON its own site may read, and only that site passes the preflight")
    func json() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.post(client, [("pagina", "/"), ("valutazione", "5")], json: true)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[.accessControlAllowOrigin] == "https://welfare.example.it")
            #expect(String(buffer: response.body) == #"{"message":"\#(ClarityFeedback.thanks)"}"#)
            #expect(try Self.rows(fixture).map { $0["rating"] as Int } == [5])
            let own = try await client.execute(
                uri: "/feedback/prova", method: .options,
                headers: [.origin: "https://welfare.example.it", .accessControlRequestMethod: "POST"])
            #expect(own.status == .noContent)
            #expect(own.headers[.accessControlAllowOrigin] == "https://welfare.example.it")
            #expect(own.headers[.accessControlAllowHeaders] == FeedbackController.scriptHeader)
            let other = try await client.execute(
                uri: "/feedback/prova", method: .options,
                headers: [.origin: "https://altro.example.it", .accessControlRequestMethod: "POST"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test(
        "a post with a wrong value is refused at its field and nothing is stored",
        arguments: [
            ([("valutazione", "")], 422, "valutazione"), ([("valutazione", "0")], 422, "valutazione"),
            ([("valutazione", "6")], 422, "valutazione"), ([("valutazione", "tre")], 422, "valutazione"),
            // Five stars, an answer to the question of 1 to 3.
            ([("valutazione", "5")], 422, "risposta"), ([("risposta", "altro")], 422, "risposta"),
            ([("dettagli", String(repeating: "a", count: 201))], 422, "dettagli"),
            ([("pagina", "https://altro.example.it/")], 400, "pagina"), ([("pagina", "/../segreti/")], 400, "pagina"),
            ([("pagina", "/prenotazioni/lezioni")], 400, "pagina"),
            ([("pagina", "/prenotazioni/lezioni/?x=1")], 400, "pagina"),
            // Well-formed paths of no page the portal publishes with the widget: none there, a form page.
            ([("pagina", "/servizi/tutor/")], 400, "pagina"), ([("pagina", "/moduli/domanda/")], 400, "pagina"),
        ] as [([(String, String)], Int, String)])
    func refused(change: [(String, String)], status: Int, field: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let names = Set(change.map(\.0))
            let fields = Self.valid.filter { !names.contains($0.0) } + change
            let page = try await Self.post(client, fields)
            #expect(page.status.code == status)
            let json = try await Self.post(client, fields, json: true)
            #expect(json.status.code == status)
            let answer = try JSONDecoder().decode([String: [[String: String]]].self, from: Data(buffer: json.body))
            #expect(answer["problems"]?.map { $0["field"] } == [field])
            if status == 422 {
                // The widget again, with the choices kept and the message at its field.
                let html = String(buffer: page.body)
                let message = try #require(answer["problems"]?.first?["message"])
                #expect(html.contains(message.replacingOccurrences(of: "«", with: "«")))
                #expect(html.contains(#"name="pagina" value="/prenotazioni/lezioni/""#))
                #expect(html.contains(#"data-element="feedback""#))
            }
            #expect(try Self.rows(fixture).isEmpty)
        }
    }

    @Test("free text of exactly 200 characters after trimming is stored, with an empty answer and text left out")
    func boundaries() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let text = String(repeating: "è", count: 200)
            #expect(
                try await Self.post(client, [("pagina", "/"), ("valutazione", "4"), ("dettagli", " \(text)\n")])
                    .status == .seeOther)
            #expect(
                try await Self.post(
                    client, [("pagina", "/"), ("valutazione", "1"), ("risposta", ""), ("dettagli", "")]
                )
                .status == .seeOther)
            let rows = try Self.rows(fixture)
            #expect(rows.map { $0["details"] as String? } == [text, nil])
            #expect(rows.map { $0["answer"] as String? } == [nil, nil])
        }
    }

    @Test("another portal's name is the 404 of an unknown portal, and posts count against the forms' rate")
    func portalAndRate() async throws {
        let fixture = try IntakeFixture(limits: .init(bodyBytes: 65_536, fileBytes: 16_384, perIPPerMinute: 1))
        try await fixture.app.buildApplication().test(.router) { client in
            let unknown = try await Self.post(client, Self.valid, portal: "nessuno")
            #expect(unknown.status == .notFound)
            #expect(try await Self.post(client, Self.valid).status == .seeOther)
            #expect(try await Self.post(client, Self.valid).status == .tooManyRequests)
            #expect(try Self.rows(fixture).count == 1)
        }
    }
}
