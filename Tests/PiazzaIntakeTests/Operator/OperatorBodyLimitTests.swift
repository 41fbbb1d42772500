import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The body limit of the back office's posts (``PostedForm/body(of:upTo:tooLarge:)``, the rule the
/// citizens' forms follow too): over it, the answer is 413, whether the body announces its length or
/// not, and nothing is written.
@Suite("Back-office posts over their body limit")
struct OperatorBodyLimitTests {
    typealias Browser = OperatorFixture

    /// A form-encoded body of the fields given, padded with an ignored field to `bytes` bytes.
    static func padded(_ fields: [(String, String)], to bytes: Int) -> ByteBuffer {
        var text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        text += "&riempitivo=" + String(repeating: "x", count: max(0, bytes - text.utf8.count - 12))
        return ByteBuffer(string: text)
    }

    /// Posts `body` to `uri` with the session cookie, announcing its length or not.
    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ body: ByteBuffer, session: String?, announced: Bool
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let session { headers[.cookie] = "\(OperatorCookies.session)=\(session)" }
        if announced { headers[.contentLength] = String(body.readableBytes) }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: body)
    }

    @Test("a till post over 16 KiB answers 413 and redeems nothing; just under it is read", arguments: [true, false])
    func till(announced: Bool) async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            let session = try await Browser.session(client, "cassa")
            let form = try await VoucherFixture.form(client, session: session)
            let fields = [("_csrf", form.csrf), ("_chiave", form.key), ("codice", code), ("importo", "10")]
            let over = try await Self.post(
                client, "/operator/prova/buoni", Self.padded(fields, to: 16_385), session: session,
                announced: announced)
            #expect(over.status == .contentTooLarge)
            #expect(String(buffer: over.body).contains("Il modulo inviato supera 16 KB"))
            #expect(try await VoucherRoutesTests.rows(operators, "SELECT count(*) FROM redemptions") == 0)
            let under = try await Self.post(
                client, "/operator/prova/buoni", Self.padded(fields, to: 16_384), session: session,
                announced: announced)
            #expect(under.status == .ok)
            #expect(try await VoucherRoutesTests.rows(operators, "SELECT count(*) FROM redemptions") == 1)
        }
    }

    @Test("a login or a payments post over its limit answers 413", arguments: [true, false])
    func otherRoutes(announced: Bool) async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let login = try await Self.post(
                client, "/operator/login", Self.padded([("nome", "anna")], to: 20_000), session: nil,
                announced: announced)
            #expect(login.status == .contentTooLarge)
            let session = try await Browser.session(client, "anna")
            let payments = try await Self.post(
                client, "/operator/prova/pagamenti", Self.padded([("data", "01/06/2026")], to: 70_000),
                session: session, announced: announced)
            #expect(payments.status == .contentTooLarge)
            #expect(String(buffer: payments.body).contains("Il modulo inviato supera 64 KB"))
        }
    }
}
