import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Citizen text whose markup characters share a grapheme cluster with a mark, so an escaper that
/// compares `Character`s lets them through, and the exact bytes the pages must show instead.
struct MarkedPayload: Sendable, CustomTestStringConvertible {
    let typed: String
    let escaped: String
    /// Bytes that appear only if the payload was not escaped.
    let injected: String

    var testDescription: String {
        typed.unicodeScalars.map {
            $0.isASCII ? String($0) : "U+\(String($0.value, radix: 16, uppercase: true))"
        }.joined()
    }

    static let all: [MarkedPayload] = [
        .init(
            typed: "X\"\u{301} autofocus data-x=\"1", escaped: "X&quot;\u{301} autofocus data-x=&quot;1",
            injected: "\"\u{301} autofocus"),
        .init(
            typed: "X'\u{301} onfocus='1", escaped: "X&#39;\u{301} onfocus=&#39;1", injected: "'\u{301} onfocus"),
        .init(
            typed: "<\u{301}button formaction=//evil>", escaped: "&lt;\u{301}button formaction=//evil&gt;",
            injected: "<\u{301}button"),
        .init(
            typed: "\u{600}<button formaction=//evil>", escaped: "\u{600}&lt;button formaction=//evil&gt;",
            injected: "<button formaction"),
        .init(
            typed: "\u{110BD}<img src=x>\u{110BD}>", escaped: "\u{110BD}&lt;img src=x&gt;\u{110BD}&gt;",
            injected: "<img src=x"),
    ]
}

/// How many times `needle` occurs in `page`, compared byte by byte (`String.contains` compares
/// grapheme clusters, the comparison that let these payloads through).
private func occurrences(of needle: String, in page: String) -> Int {
    Array(page.utf8).ranges(of: Array(needle.utf8)).count
}

@Suite("Marks next to quotes and angle brackets cannot break out of the daemon's pages")
struct MarkEscapingTests {
    /// Free-text inputs of the fixture form: two text fields, a textarea and a group member.
    static let textFields = ["nome", "indirizzo", "note", "componenti.0.nome"]

    @Test("the 422 page shows the typed value escaped in every input and textarea", arguments: MarkedPayload.all)
    func invalidPage(payload: MarkedPayload) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let fields = IntakeFixture.fields(Self.textFields.map { ($0, payload.typed) }, removing: ["codice_fiscale"])
            let response = try await IntakeFixture.post(client, fields)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(occurrences(of: "name=\"nome\" value=\"\(payload.escaped)\"", in: page) == 1)
            #expect(occurrences(of: ">\(payload.escaped)</textarea>", in: page) == 1)
            #expect(occurrences(of: payload.escaped, in: page) == Self.textFields.count)
            #expect(occurrences(of: payload.injected, in: page) == 0)
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("the receipt shows the stored value escaped", arguments: MarkedPayload.all)
    func receipt(payload: MarkedPayload) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let fields = IntakeFixture.fields(Self.textFields.map { ($0, payload.typed) })
            let response = try await IntakeFixture.post(client, fields)
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let receipt = try await client.execute(uri: location, method: .get)
            #expect(receipt.status == .ok)
            let page = String(buffer: receipt.body)
            #expect(occurrences(of: payload.escaped, in: page) == Self.textFields.count)
            #expect(occurrences(of: payload.injected, in: page) == 0)
        }
    }

    @Test("the minimal page for requests outside any portal escapes title and text", arguments: MarkedPayload.all)
    func plainPage(payload: MarkedPayload) {
        let page = Pages.plain(payload.typed, payload.typed)
        #expect(occurrences(of: "<title>\(payload.escaped)</title>", in: page) == 1)
        #expect(occurrences(of: "<p>\(payload.escaped)</p>", in: page) == 1)
        #expect(occurrences(of: payload.injected, in: page) == 0)
    }
}
