import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// What makes a second SEPA file of overlapping days: only a confirmation that names the newest file the
/// rimborsi page showed, posted from that page; and nothing a download did not send. Before, a `HEAD`
/// (answered through the `GET` route) made and recorded a file that never left, a forged `ultimo` above
/// the newest file passed, a confirmation without `ultimo` was told to tick a box it had ticked, and the
/// refusal named the rimborsi page without a link to it.
@Suite("Reimbursement: a second SEPA file only as the page confirms it, nothing recorded for a HEAD")
struct CreditTransferConfirmationTests {
    typealias Browser = OperatorFixture

    static let june = ReimbursementRoutesTests.june

    /// The details of the exports in the portal's audit log, in order.
    static func exports(_ operators: OperatorFixture) async throws -> [String] {
        try await operators.app.portals["prova"]!.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action = 'export' ORDER BY seq")
        }
    }

    @Test(
        "a HEAD of a download answers as its GET and records nothing: no SEPA file, no export in the audit log",
        arguments: [
            "rimborsi/bonifici.xml?" + june, "rimborsi/esercenti/\(VoucherFixture.gino)/estratto.csv?" + june,
            "pagamenti.csv", "pagamenti.xlsx", "valutazioni.csv", "esportazioni/domande?modulo=buoni&formato=csv",
            "esportazioni/esiti?modulo=buoni",
        ])
    func head(route: String) async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let anna = try await Browser.session(client, "anna")
            let uri = "/operator/prova/" + route
            let head = try await client.execute(
                uri: uri, method: .head, headers: [.cookie: "\(OperatorCookies.session)=\(anna)"])
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(try await Self.exports(operators) == [])
            #expect(try await CreditTransferFileTests.files(operators).files == [])

            let get = try await Browser.get(client, uri, session: anna)
            #expect(get.status == .ok)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(try await Self.exports(operators).count == 1)
        }
    }

    @Test("a HEAD of a case's attachment records no download in the audit log; its GET does")
    func headOfAttachment() async throws {
        let operators = try await Browser()
        let database = operators.app.portals["prova"]!.database
        let downloads: @Sendable () async throws -> Int = {
            try await database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'download'") ?? 0
            }
        }
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await OperatorCaseFileTests.submitWithFile(client, filename: "isee.pdf")
            let anna = try await Browser.session(client, "anna")
            let head = try await client.execute(
                uri: "/operator/prova/pratiche/\(number)/allegati/1", method: .head,
                headers: [.cookie: "\(OperatorCookies.session)=\(anna)"])
            #expect(head.status == .ok && head.headers[.contentType] == "application/pdf")
            #expect(try await downloads() == 0)
            let get = try await Browser.get(client, "/operator/prova/pratiche/\(number)/allegati/1", session: anna)
            #expect(get.status == .ok)
            #expect(try await downloads() == 1)
        }
    }

    @Test("after a HEAD of the SEPA file, the GET downloads it at once: the HEAD's file never left")
    func headThenGet() async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let anna = try await Browser.session(client, "anna")
            let uri = CreditTransferFileTests.juneFile
            let head = try await client.execute(
                uri: uri, method: .head, headers: [.cookie: "\(OperatorCookies.session)=\(anna)"])
            #expect(head.status == .ok)
            #expect(try await Browser.get(client, uri, session: anna).status == .ok)
            #expect(try await CreditTransferFileTests.files(operators).files.count == 1)
            // A HEAD over a recorded file answers as the GET would: 409, still nothing written.
            let again = try await client.execute(
                uri: uri, method: .head, headers: [.cookie: "\(OperatorCookies.session)=\(anna)"])
            #expect(again.status == .conflict)
            #expect(try await CreditTransferFileTests.files(operators).files.count == 1)
        }
    }

    /// June's file downloaded by anna, then capo's rimborsi page of June: capo's session and token.
    static func afterFirstFile(_ client: some TestClientProtocol) async throws -> (session: String, token: String) {
        let anna = try await Browser.session(client, "anna")
        #expect(try await Browser.get(client, CreditTransferFileTests.juneFile, session: anna).status == .ok)
        let capo = try await Browser.session(client, "capo")
        let page = try await Browser.get(client, "/operator/prova/rimborsi?" + june, session: capo)
        #expect(String(buffer: page.body).contains(#"<input type="hidden" name="ultimo" value="1">"#))
        return (capo, try #require(Browser.token(page)))
    }

    @Test(
        "a confirmation naming another file than the newest one shown gets 409, nothing written",
        arguments: ["999", "2", "0", "-1"])
    func forgedNewest(ultimo: String) async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let (capo, token) = try await Self.afterFirstFile(client)
            let posted = try await Browser.post(
                client, CreditTransferFileTests.juneFile, [("_csrf", token), ("conferma", "si"), ("ultimo", ultimo)],
                cookies: [OperatorCookies.session: capo])
            #expect(posted.status == .conflict)
            #expect(String(buffer: posted.body).contains("File dei bonifici già scaricato"))
            #expect(try await CreditTransferFileTests.files(operators).files.count == 1)
            let exact = try await Browser.post(
                client, CreditTransferFileTests.juneFile, [("_csrf", token), ("conferma", "si"), ("ultimo", "1")],
                cookies: [OperatorCookies.session: capo])
            #expect(exact.status == .ok)
            #expect(try await CreditTransferFileTests.files(operators).files.count == 2)
        }
    }

    @Test(
        "a ticked confirmation without the number of the newest file says the page is out of date (409), with the link to reload it",
        arguments: ["", "uno", nil] as [String?])
    func staleForm(ultimo: String?) async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let (capo, token) = try await Self.afterFirstFile(client)
            let posted = try await Browser.post(
                client, CreditTransferFileTests.juneFile,
                [("_csrf", token), ("conferma", "si")] + (ultimo.map { [("ultimo", $0)] } ?? []),
                cookies: [OperatorCookies.session: capo])
            #expect(posted.status == .conflict)
            let page = String(buffer: posted.body)
            #expect(page.contains("Pagina dei rimborsi non aggiornata") && page.contains("Ricarica la pagina"))
            #expect(!page.contains("spunta la casella"))
            #expect(page.contains(#"<a href="/operator/prova/rimborsi?dal=2026-06-01&amp;al=2026-06-30">"#))
            #expect(try await CreditTransferFileTests.files(operators).files.count == 1)
        }
    }

    @Test("the 409 of a SEPA file over an earlier one links the rimborsi page of its period")
    func refusalLinksThePage() async throws {
        try await ReimbursementRoutesTests().withPurchase { client, _ in
            let capo = try await Self.afterFirstFile(client).session
            let again = try await Browser.get(
                client, "/operator/prova/rimborsi/bonifici.xml?dal=2026-06-10&al=2026-07-10", session: capo)
            #expect(again.status == .conflict)
            #expect(
                String(buffer: again.body).contains(
                    #"<a href="/operator/prova/rimborsi?dal=2026-06-10&amp;al=2026-07-10">"#
                        + "Apri la pagina dei rimborsi del periodo 10/06/2026 – 10/07/2026</a>"))
        }
    }
}
