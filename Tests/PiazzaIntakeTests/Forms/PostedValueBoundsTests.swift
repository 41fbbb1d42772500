import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Oversized and repeated values through the daemon: read up to the form's bounds, shown back cut")
struct PostedValueBoundsTests {
    /// Room for a 9 MB value.
    static let limits = DaemonConfig.Limits(bodyBytes: 10_000_000, fileBytes: 16_384, perIPPerMinute: 1000)

    static let tooLong = "il testo inviato è molto più lungo"

    /// A 9 MB value (URL-encoded) by kind, and the character it repeats: what the 422 page shows back under a field
    /// limited to `n` characters is that character `n` times.
    static let values: [String: (value: String, echoed: String)] = [
        "ascii": (String(repeating: "a", count: 9_000_000), "a"),
        "accented": (String(repeating: "è", count: 1_500_000), "è"),
        // One character with millions of marks: nothing of it fits 4 scalars per character.
        "stacked marks": ("a" + String(repeating: "\u{301}", count: 1_500_000), ""),
    ]

    @Test(
        "a 9 MB value answers 422 saying it is too long, shows back its first characters only, stores nothing",
        arguments: ["ascii", "accented", "stacked marks"],
        [("nome", 200), ("componenti.0.nome", 200), ("isee.dsu", 100)])
    func oversizedValue(kind: String, field: (name: String, limit: Int)) async throws {
        let (value, echoed) = try #require(Self.values[kind])
        let fixture = try IntakeFixture(limits: Self.limits)
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields([(field.name, value)]))
            #expect(response.status == .unprocessableContent)
            #expect(response.body.readableBytes < 65_536)
            let page = String(buffer: response.body)
            #expect(page.contains(Self.tooLong))
            #expect(page.contains("name=\"\(field.name)\" value=\"\(String(repeating: echoed, count: field.limit))\""))
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a 9 MB value in a multipart body answers 422 too, with its first characters shown back")
    func oversizedMultipart() async throws {
        let fixture = try IntakeFixture(limits: Self.limits)
        let (headers, body) = IntakeFixture.multipart(
            IntakeFixture.fields([("nome", String(repeating: "è", count: 4_000_000))]),
            file: ("documento", "a.pdf", OperatorCaseFileTests.pdf))
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            #expect(response.body.readableBytes < 65_536)
            let page = String(buffer: response.body)
            #expect(page.contains(Self.tooLong))
            #expect(page.contains("name=\"nome\" value=\"\(String(repeating: "è", count: 200))\""))
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a 9 MB value under a name the form does not have is ignored: the valid answers are stored without it")
    func unknownName() async throws {
        let fixture = try IntakeFixture(limits: Self.limits)
        let junk = String(repeating: "x", count: 9_000_000)
        let (headers, multipart) = IntakeFixture.multipart(
            IntakeFixture.fields([("sconosciuto", junk), ("nome", "Anna Verdi")]),
            file: ("allegato_ignoto", "a.pdf", OperatorCaseFileTests.pdf))
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields([("sconosciuto", junk)]))
            #expect(response.status == .seeOther)
            let second = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: multipart)
            #expect(second.status == .seeOther)
            let stored = try fixture.query { db in try String.fetchAll(db, sql: "SELECT answers FROM applications") }
            #expect(stored.count == 2)
            #expect(stored.allSatisfy { $0.utf8.count < 4096 && !$0.contains("xxxx") && !$0.contains("sconosciuto") })
            #expect(try fixture.uploads().isEmpty)
        }
    }

    static let repeated = "Questo campo è stato inviato due volte; ricarica la pagina e riprova."

    @Test(
        "a field that takes one value, sent twice, answers 422 on that field, URL-encoded or multipart",
        arguments: ["nome", "comune_residenza", "privacy", "componenti.0.nome", "isee.dsu"], [false, true])
    func repeatedName(name: String, multipart: Bool) async throws {
        let fixture = try IntakeFixture()
        let value = try #require(IntakeFixture.valid.first { $0.0 == name }?.1)
        let fields = IntakeFixture.fields() + [(name, value)]
        try await fixture.app.buildApplication().test(.router) { client in
            let response: TestResponse
            if multipart {
                let (headers, body) = IntakeFixture.multipart(
                    fields, file: ("documento", "a.pdf", OperatorCaseFileTests.pdf))
                response = try await client.execute(
                    uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            } else {
                response = try await IntakeFixture.post(client, fields)
            }
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(
                page.contains(
                    "href=\"#f-\(name.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-"))\""
                ))
            #expect(page.contains(IntakeFixture.escaped(Self.repeated)))
            #expect(try fixture.applicationCount() == 0)
        }
    }
}
