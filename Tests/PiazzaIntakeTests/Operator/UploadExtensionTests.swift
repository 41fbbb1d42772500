import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// An upload kept any extension: a PDF named `domanda.bat` or `.hta` was offered to operators under that name, and
/// Windows opens a download by its extension. The name a download offers, and every page and export shows, now ends in
/// the sniffed type's.
@Suite("An upload's downloaded name ends in the extension of the type read from its bytes")
struct UploadExtensionTests {
    typealias Browser = OperatorFixture

    @Test(
        "the rule: a matching extension is kept in any case, any other gets the type's added",
        arguments: [
            ("domanda.pdf", "application/pdf", "domanda.pdf"), ("SCAN.PDF", "application/pdf", "SCAN.PDF"),
            ("domanda.bat", "application/pdf", "domanda.bat.pdf"),
            ("domanda.hta", "application/pdf", "domanda.hta.pdf"),
            ("foto.html", "image/png", "foto.html.png"), ("foto.jpeg", "image/jpeg", "foto.jpeg"),
            ("invoicefdp.exe", "application/pdf", "invoicefdp.exe.pdf"), ("pdf", "application/pdf", "pdf.pdf"),
            ("x.exe", nil, "x.exe.bin"),
        ] as [(String, String?, String)])
    func rule(name: String, type: String?, expected: String) {
        #expect(UploadedFile.name(name, ofType: type) == expected)
    }

    @Test(
        "a PDF posted as .bat or .hta is downloaded as .pdf, with the PDF type, under the name the case page, the receipt and the export show",
        arguments: ["domanda.bat", "domanda.hta"])
    func download(filename: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await OperatorCaseFileTests.submitWithFile(client, filename: filename)
            let session = try await Browser.session(client, "anna")
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(number)", session: session).body)
            #expect(page.contains(">\(filename).pdf (PDF, "))
            #expect(!page.contains(">\(filename) ("))
            let token = try #require(
                try operators.fixture.query { db in
                    try String.fetchOne(db, sql: "SELECT token FROM applications WHERE number = ?", arguments: [number])
                })
            let receipt = String(buffer: try await client.execute(uri: "/r/\(token)", method: .get).body)
            #expect(receipt.contains("\(filename).pdf (PDF, ") && !receipt.contains("\(filename) ("))
            let export = String(
                buffer: try await Browser.get(
                    client, "/operator/prova/esportazioni/domande?modulo=domanda&formato=csv", session: session
                ).body)
            #expect(export.contains("\(filename).pdf (PDF, ") && !export.contains("\(filename) ("))
            let file = try await Browser.get(
                client, "/operator/prova/pratiche/\(number)/allegati/1", session: session)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(
                file.headers[.contentDisposition]
                    == "attachment; filename=\"\(filename).pdf\"; filename*=UTF-8''\(filename).pdf")
        }
    }
}
