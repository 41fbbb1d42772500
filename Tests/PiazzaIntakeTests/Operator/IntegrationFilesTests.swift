import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Integration reply with files: the intake's limits and sniffing, stored with the case")
struct IntegrationFilesTests {
    typealias Browser = OperatorFixture

    /// A case of `prova` waiting for an integration; returns its number and receipt token.
    static func waitingCase(_ client: some TestClientProtocol, _ operators: Browser) async throws -> (String, String) {
        let number = try await Browser.submit(client, portal: "prova")
        let database = try #require(operators.app.portals["prova"]).database
        for (state, reason) in [(ApplicationState.takenInCharge, ""), (.integrationRequested, "Manca l'ISEE.")] {
            #expect(
                try await database.changeState(
                    number: number, to: state, reason: reason, actor: "anna", at: IntakeFixture.now) == .changed)
        }
        return (number, try #require(try await database.application(number: number)?.application.token))
    }

    @Test("a reply with a PDF moves the case to integrata; the file is listed on the case page and downloads")
    func replyWithFile() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (number, token) = try await Self.waitingCase(client, operators)
            let receipt = String(buffer: try await client.execute(uri: "/r/\(token)", method: .get).body)
            #expect(receipt.contains(#"name="allegato_1" accept="application/pdf,image/jpeg,image/png""#))
            #expect(receipt.contains("Fino a 3 file: PDF, JPEG o PNG, al massimo 5 MB ciascuno."))
            let (headers, body) = IntakeFixture.multipart(
                [("risposta", "Ecco l'ISEE.")], file: ("allegato_2", "isee 2026.pdf", OperatorCaseFileTests.pdf))
            let sent = try await client.execute(
                uri: "/r/\(token)/integrazione", method: .post, headers: headers, body: body)
            #expect(sent.status == .seeOther && sent.headers[.location] == "/r/\(token)")
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.application(number: number)?.application.state == .integrated)
            let session = try await Browser.session(client, "anna")
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session).body)
            let links = OperatorCaseFileTests.attachmentLinks(page)
            #expect(links == ["/operator/prova/pratiche/\(number)/allegati/1"])
            #expect(
                page.contains("Risposta all&#39;integrazione: <a href=\"\(links[0])\" download>isee 2026.pdf (PDF, "))
            let file = try await Browser.get(client, links[0], session: session)
            #expect(file.status == .ok && Array(file.body.readableBytesView) == OperatorCaseFileTests.pdf)
            #expect(file.headers[.contentType] == "application/pdf")
        }
    }

    @Test(
        "a file of a type the intake refuses, or over the daemon's file limit (16 KB here), is refused with 422 naming the file and why, and nothing is stored",
        arguments: [
            (Array("<html><script>alert(1)</script></html>".utf8), "Il file deve essere di tipo PDF, JPEG o PNG"),
            (Array("GIF89a....".utf8), "Il file deve essere di tipo PDF, JPEG o PNG"),
            (Array("%PDF-".utf8) + Array(repeating: 0x20, count: 20_000), "Il file supera 16 KB: riducilo"),
        ])
    func refusedFile(bytes: [UInt8], message: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (number, token) = try await Self.waitingCase(client, operators)
            let (headers, body) = IntakeFixture.multipart(
                [("risposta", "Ecco.")], file: ("allegato_1", "documento.pdf", bytes))
            let response = try await client.execute(
                uri: "/r/\(token)/integrazione", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("Allegato «documento.pdf»: \(message)"))
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.application(number: number)?.application.state == .integrationRequested)
            #expect(try operators.fixture.uploads().isEmpty)
        }
    }

    @Test("a reply posted after the case stopped waiting leaves no file behind")
    func lateReply() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (number, _) = try await Self.waitingCase(client, operators)
            let database = try #require(operators.app.portals["prova"]).database
            #expect(
                try await database.recordIntegrationReply(
                    number: number, text: "prima", files: [], actor: "cittadino", at: IntakeFixture.now) == .changed)
            let upload = ApplicationDraft.Upload(
                field: "allegato_1",
                file: .init(filename: "x.pdf", detectedType: "application/pdf", size: 5, sha256: "00"),
                bytes: Data("%PDF-".utf8))
            let change = try await database.recordIntegrationReply(
                number: number, text: "seconda", files: [upload], actor: "cittadino", at: IntakeFixture.now)
            guard case .refused = change else {
                Issue.record("a second reply was not refused: \(change)")
                return
            }
            #expect(try operators.fixture.uploads().isEmpty)
            #expect(try await database.writer.read { db in try FileRecord.fetchCount(db) } == 0)
        }
    }
}
