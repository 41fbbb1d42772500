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
            // The daemon's limits.file_bytes (16 KB here), lower than a file field's 5 MB, is the one told.
            #expect(receipt.contains("Fino a 3 file: PDF, JPEG o PNG, al massimo 16 KB ciascuno."))
            #expect(receipt.contains(#"maxlength="2000" required aria-describedby="risposta-hint">"#))
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

    /// Files the reply refuses, each with the start of its message.
    static let refusedFiles: [([UInt8], String)] = {
        let spaces = { (count: Int) -> [UInt8] in Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: count) }
        return [
            // Named as a PDF, not one by its bytes: said so, with what to do.
            (
                Array("<html><script>alert(1)</script></html>".utf8),
                "Il file «documento.pdf» non è un PDF valido: forse è danneggiato o non è stato salvato per intero."
            ),
            (Array("%PDF-1.4\n1 0 obj <<".utf8), "Il file «documento.pdf» non è un PDF valido"),
            (Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 8), "Il file deve essere di tipo PDF, JPEG o PNG"),
            (spaces(20_000), "Il file supera 16 KB: riducilo"),
            // Over body_bytes too (64 KB): read without its bytes, the reply kept all the same.
            (spaces(100_000), "Il file supera 16 KB: riducilo"),
        ]
    }()

    @Test(
        "a file of a type the intake refuses, or over the daemon's file limit (16 KB here) or its body limit, answers 422 with the receipt page: the reply kept, the error at the file's input and in a summary, nothing stored",
        arguments: refusedFiles)
    func refusedFile(bytes: [UInt8], message: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (number, token) = try await Self.waitingCase(client, operators)
            let (headers, body) = IntakeFixture.multipart(
                [("risposta", "Ecco <l'ISEE>.")], file: ("allegato_2", "documento.pdf", bytes))
            let response = try await client.execute(
                uri: "/r/\(token)/integrazione", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("<title>Errori nella risposta: Ricevuta della domanda \(number)"))
            #expect(page.contains("<h1>Domanda ricevuta</h1>") && page.contains("Manca l&#39;ISEE."))
            #expect(page.contains("<h2>Ci sono errori da correggere (1)</h2>"))
            let error = try #require(page.firstRange(of: ##"<li><a href="#allegato-2">Secondo documento: "##))
            #expect(page[error.upperBound...].hasPrefix(IntakeFixture.escaped(message)))
            #expect(page.contains(IntakeFixture.escaped("(File scelto: «documento.pdf».)")))
            #expect(
                page.contains(
                    #"<p class="error-message" id="allegato-2-error"><span class="visually-hidden">Errore: </span>"#
                        + IntakeFixture.escaped(message)))
            #expect(
                page.contains(
                    #"name="allegato_2" accept="application/pdf,image/jpeg,image/png" aria-describedby="allegati-aiuto allegato-2-error" aria-invalid="true">"#
                ))
            #expect(page.contains(#"aria-describedby="allegati-aiuto">"#))  // the other inputs, without an error
            #expect(page.contains(#"aria-describedby="risposta-hint">Ecco &lt;l&#39;ISEE&gt;.</textarea>"#))
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.application(number: number)?.application.state == .integrationRequested)
            #expect(try operators.fixture.uploads().isEmpty)
        }
    }

    @Test(
        "an empty or too long reply answers 422 with the receipt page, the error at the text and what was typed kept (cut to the limit); a valid file sent with it is not stored",
        arguments: [
            (" \u{200B} ", "Scrivi la tua risposta prima di inviarla.", ""),
            (
                String(repeating: "è", count: Workflow.reasonLimit + 5), "Puoi scrivere al massimo 2000 caratteri",
                String(repeating: "è", count: Workflow.reasonLimit)
            ),
        ])
    func refusedText(typed: String, message: String, kept: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (number, token) = try await Self.waitingCase(client, operators)
            let (headers, body) = IntakeFixture.multipart(
                [("risposta", typed)], file: ("allegato_1", "isee.pdf", OperatorCaseFileTests.pdf))
            let response = try await client.execute(
                uri: "/r/\(token)/integrazione", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains(##"<li><a href="#risposta">La tua risposta: \##(message)"##))
            #expect(
                page.contains(
                    #"<p class="error-message" id="risposta-error"><span class="visually-hidden">Errore: </span>\#(message)"#
                ))
            #expect(
                page.contains(
                    #"aria-describedby="risposta-hint risposta-error" aria-invalid="true">\#(kept)</textarea>"#))
            #expect(!page.contains("allegato-1-error"))
            let database = try #require(operators.app.portals["prova"]).database
            #expect(try await database.application(number: number)?.application.state == .integrationRequested)
            #expect(try operators.fixture.uploads().isEmpty)
        }
    }

    @Test(
        "a reply far over limits.body_bytes (64 KB here, read up to 256 KB) answers 413 with the receipt page, the error at the documents, nothing stored"
    )
    func tooLarge() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let (number, token) = try await Self.waitingCase(client, operators)
            let pdf = Array("%PDF-".utf8) + Array(repeating: 0x20, count: 300_000)
            let (headers, body) = IntakeFixture.multipart([("risposta", "Ecco")], file: ("allegato_1", "isee.pdf", pdf))
            let response = try await client.execute(
                uri: "/r/\(token)/integrazione", method: .post, headers: headers, body: body)
            #expect(response.status == .contentTooLarge)
            let page = String(buffer: response.body)
            #expect(page.contains("<h1>Domanda ricevuta</h1>") && page.contains(#"action="\#(token)/integrazione""#))
            #expect(
                page.contains(
                    ##"<li><a href="#allegato-1">Documenti da allegare: La risposta con i documenti supera di molto 64 KB in tutto"##
                ))
            #expect(page.contains(#"aria-describedby="allegati-aiuto allegato-1-error" aria-invalid="true">"#))
            // A body that is not a whole form: the receipt again, the error at the reply.
            let (cutHeaders, whole) = IntakeFixture.multipart([("risposta", "Ecco")], file: ("allegato_1", "a.pdf", []))
            let cut = try await client.execute(
                uri: "/r/\(token)/integrazione", method: .post, headers: cutHeaders,
                body: whole.getSlice(at: 0, length: whole.readableBytes - 8)!)
            #expect(cut.status == .badRequest)
            let cutPage = String(buffer: cut.body)
            #expect(cutPage.contains("<h1>Domanda ricevuta</h1>"))
            #expect(cutPage.contains(##"<li><a href="#risposta">La tua risposta: La risposta è arrivata incompleta"##))
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
