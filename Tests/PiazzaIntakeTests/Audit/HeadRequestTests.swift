import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Hummingbird answers a `HEAD` by running the `GET` route and dropping the body: nothing leaves
/// the daemon, so nothing is written either (``OperatorController/delivers(_:)``): no audit entry
/// (page, case, audit log, export, download, SEPA file), no session's last use moved.
@Suite("HEAD requests write nothing")
struct HeadRequestTests {
    typealias Browser = OperatorFixture

    /// Every table's rows, by table: the database as a whole, to compare before and after.
    static func contents(_ writer: any DatabaseWriter) async throws -> [String: [String]] {
        try await writer.read { db in
            var tables: [String: [String]] = [:]
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                tables[name] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"").map(\.description)
            }
            return tables
        }
    }

    /// The addresses of the pages `PageAuditTests.routes` exempts from the log, which a HEAD must not
    /// write to either.
    static let exemptAddresses = [
        "esportazioni", "interessato", "moduli/domanda/nuova",
        "rimborsi?" + ReimbursementRoutesTests.june,
        "rimborsi/esercenti/\(VoucherFixture.gino)?" + ReimbursementRoutesTests.june,
    ]

    @Test("a HEAD of every back-office GET page answers as the GET does and leaves both databases unchanged")
    func everyPage() async throws {
        try await PageAuditTests.withEveryPage { client, operators, filled in
            let portal = try #require(operators.app.portals["prova"]).database
            let admin = try await Browser.session(client, "capo")
            let shop = try await Browser.session(client, "negozio")
            let addresses =
                PageAuditTests.routes.values.compactMap { audit -> String? in
                    guard case .appends(_, let address) = audit else { return nil }
                    return "/operator/prova/" + filled(address)
                } + Self.exemptAddresses.map { "/operator/prova/" + $0 } + ["/operator/", "/operator/accessi"]
            // Later than the logins: a session whose last use moved would show it.
            operators.advance(60)
            let before = (
                try await Self.contents(portal.writer), try await Self.contents(operators.app.accounts.writer)
            )
            for (address, session) in addresses.sorted().map({ ($0, admin) }) + [
                ("/operator/prova/buoni", shop), ("/operator/prova/buoni/incassi/1", shop),
            ] {
                let headers: HTTPFields = [.cookie: "\(OperatorCookies.session)=\(session)"]
                let head = try await client.execute(uri: address, method: .head, headers: headers)
                #expect([.ok, .seeOther].contains(head.status), "\(address)")
                #expect(head.body.readableBytes == 0, "\(address)")
                let after = (
                    try await Self.contents(portal.writer), try await Self.contents(operators.app.accounts.writer)
                )
                #expect(after.0 == before.0, "\(address): the portal's database changed")
                #expect(after.1 == before.1, "\(address): the users' database changed")
            }
            // The same GET writes: the test would see a HEAD that did.
            let get = try await Browser.get(client, "/operator/prova/" + filled("pratiche/{n}"), session: admin)
            #expect(get.status == .ok)
            #expect(try await Self.contents(portal.writer) != before.0)
            #expect(try await Self.contents(operators.app.accounts.writer) != before.1)
        }
    }
}
