import Foundation
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// A citizen's post too large for the daemon (a phone's photo of many megabytes) keeps her answers: the form comes
/// back with the error at the file, or, when the post could not be read at all, a page of the portal that leads back
/// to the form (docs/DAEMON.md, *Limits*). Limits here: body_bytes 64 KB, file_bytes 16 KB, read up to 256 KB.
@Suite("Posts too large keep the citizen's answers or her way back")
struct LargePostTests {
    static let formPage = "https://welfare.example.it/" + Portal.formURL(id: "domanda")

    static func post(_ client: some TestClientProtocol, file bytes: Int, fields: [(String, String)]) async throws
        -> TestResponse
    {
        let pdf = Array("%PDF-1.4\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: bytes) + Array("\n%%EOF\n".utf8)
        let (headers, body) = IntakeFixture.multipart(fields, file: ("documento", "foto.pdf", pdf))
        return try await client.execute(uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
    }

    @Test("a file over body_bytes (100 KB) gives the form again with every answer and the error at the file")
    func photoOverBody() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.post(
                client, file: 100_000, fields: IntakeFixture.fields([("nome", "Maria Bianchi"), ("note", "Urgente")]))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains(#"value="Maria Bianchi""#))
            #expect(page.contains(">Urgente</textarea>"))
            #expect(page.contains(##"<li><a href="#f-documento">Documento: Il file supera 16 KB: riducilo"##))
            #expect(page.contains(#"id="f-documento-error""#))
            #expect(try fixture.applicationCount() == 0)
            #expect(try fixture.uploads().isEmpty)
        }
    }

    @Test("files each within file_bytes but together over body_bytes: the one that did not fit is refused at its field")
    func filesTogetherOverBody() async throws {
        let fixture = try IntakeFixture(limits: .init(bodyBytes: 4096, fileBytes: 4096, perIPPerMinute: 1000))
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.post(
                client, file: 4050, fields: IntakeFixture.fields([("nome", "Maria Bianchi")]))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains(#"value="Maria Bianchi""#))
            #expect(
                page.contains(
                    "Documento: Gli allegati inviati insieme superano 4 KB, il massimo di un invio, e questo file non è "
                        + "stato ricevuto"))
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a post far over body_bytes, or not a form, answers a page of the portal linking back to the form")
    func unreadPosts() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let back = #"<a href="\#(Self.formPage)">Torna al modulo «Domanda di prova»</a>"#
            let huge = try await Self.post(client, file: 300_000, fields: IntakeFixture.fields())
            #expect(huge.status == .contentTooLarge)
            let page = String(buffer: huge.body)
            #expect(page.contains("Prova Welfare") && page.contains(back))
            #expect(page.contains("supera di molto 64 KB"))
            #expect(fixture.app.metrics.total(.tooLarge) == 1)
            // A urlencoded body has no file to leave out: over body_bytes it is not read.
            let text = try await IntakeFixture.post(
                client, IntakeFixture.fields([("note", String(repeating: "x", count: 70_000))]))
            #expect(text.status == .contentTooLarge)
            #expect(String(buffer: text.body).contains(back))
            // A multipart body that ends before its close delimiter.
            var (headers, body) = IntakeFixture.multipart(
                IntakeFixture.fields(), file: ("documento", "a.pdf", Array("%PDF-1.4\n%%EOF\n".utf8)))
            body = body.getSlice(at: 0, length: body.readableBytes - 10)!
            let cut = try await client.execute(uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(cut.status == .badRequest)
            #expect(String(buffer: cut.body).contains(back))
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a booking post too large or not a form links back to the slot on the calendar page")
    func booking() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let slot = "https://welfare.example.it/prenotazioni/lezioni/#turno-2026-06-02T15-00-tutor-anna"
            let large = try await BookingPostTests.book(
                client, BookingPostTests.fields([("nome", String(repeating: "x", count: 70_000))]))
            #expect(large.status == .contentTooLarge)
            #expect(String(buffer: large.body).contains(#"<a href="\#(slot)">Torna al turno di martedì 2 giugno 2026"#))
            let invalid = try await client.execute(
                uri: "/bookings/prova/lezioni/\(BookingPostTests.slot)", method: .post,
                headers: IntakeFixture.formHeaders, body: ByteBuffer(bytes: Array("nome=".utf8) + [0xFF]))
            #expect(invalid.status == .badRequest)
            #expect(String(buffer: invalid.body).contains(#"<a href="\#(slot)">Torna al turno"#))
            #expect(try BookingPostTests.bookingCount(fixture) == 0)
        }
    }
}
