import Foundation
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// Issue 14, item 8: every view of a portal's back office is in its audit log. The table names each
/// `GET` route of a portal and the entry it appends, or why it appends none; a route added without a
/// line here fails the first test.
@Suite("Audit log: every back-office page")
struct PageAuditTests {
    typealias Browser = OperatorFixture

    /// What a route appends to the portal's log when read.
    enum Audit {
        /// The entry, and the address a test reads (`{n}` the fixture's case, `{f}` its attachment's case).
        case appends(AuditAction, String)
        /// Nothing: why not.
        case exempt(String)
    }

    static let routes: [String: Audit] = [
        "/operator/{portal}": .appends(.viewPage, "?modulo=domanda&stato=inviata&cerca=\(fiscalCode.lowercased())"),
        "/operator/{portal}/pratiche/{numero}": .appends(.viewCase, "pratiche/{n}"),
        "/operator/{portal}/pratiche/{numero}/allegati/{id}": .appends(.download, "pratiche/{f}/allegati/1"),
        "/operator/{portal}/pagamenti": .appends(.viewPage, "pagamenti?stato=tutti"),
        "/operator/{portal}/pagamenti.csv": .appends(.export, "pagamenti.csv"),
        "/operator/{portal}/pagamenti.xlsx": .appends(.export, "pagamenti.xlsx"),
        "/operator/{portal}/esportazioni": .exempt(
            "the choice of an export: the forms' titles; each download is an export"),
        "/operator/{portal}/esportazioni/domande": .appends(.export, "esportazioni/domande?modulo=domanda"),
        "/operator/{portal}/esportazioni/esiti": .appends(.export, "esportazioni/esiti?modulo=domanda"),
        "/operator/{portal}/cruscotto": .appends(.viewPage, "cruscotto"),
        "/operator/{portal}/registro": .appends(.viewAudit, "registro"),
        "/operator/{portal}/interessato": .exempt("an empty form; the export it sends is subject_access"),
        "/operator/{portal}/presenze": .appends(.viewPage, "presenze"),
        "/operator/{portal}/presenze/{calendar}/{slot}": .appends(
            .viewPage, "presenze/gruppi/\(AttendanceTests.annaSlot)"),
        "/operator/{portal}/rendicontazione": .appends(
            .viewPage, "rendicontazione?calendario=gruppi&dal=2026-05-01&al=2026-05-31"),
        "/operator/{portal}/rendicontazione.csv": .appends(
            .export, "rendicontazione.csv?calendario=gruppi&dal=2026-05-01&al=2026-05-31"),
        "/operator/{portal}/moduli/{form}/nuova": .exempt("an empty form; what it sends is submit_assisted"),
        "/operator/{portal}/valutazioni": .appends(.viewPage, "valutazioni"),
        "/operator/{portal}/valutazioni.csv": .appends(.export, "valutazioni.csv"),
        "/operator/{portal}/buoni": .exempt(
            "a shop's till for its staff: no case data; redemptions and voids are logged"),
        "/operator/{portal}/buoni/incassi/{id}": .exempt(
            "a shop's own redemption, for its staff: no case data; the redemption itself is logged"),
        "/operator/{portal}/rimborsi": .exempt(
            "the shops' totals for a period: businesses' figures, no citizen's data; its downloads are exports"),
        "/operator/{portal}/rimborsi/esercenti/{piva}": .exempt(
            "a shop's statement: its redemptions with masked voucher codes, no citizen's data; the CSV is an export"),
        "/operator/{portal}/rimborsi/esercenti/{piva}/estratto.csv": .appends(
            .export, "rimborsi/esercenti/\(VoucherFixture.gino)/estratto.csv?" + ReimbursementRoutesTests.june),
        "/operator/{portal}/rimborsi/bonifici.xml": .appends(
            .export, "rimborsi/bonifici.xml?" + ReimbursementRoutesTests.june),
    ]

    static let fiscalCode = OperatorQueueFilterTests.fiscalCode(1)

    @Test("every GET route of a portal's back office is in the table, with its entry or the reason it has none")
    func table() async throws {
        let operators = try await Browser()
        // `on(_:only:)` answers every method of its path (405 for those it lacks): the GET routes are
        // the paths whose GET is not a 405.
        let paths = Set(
            operators.app.buildRouter().routes.map { "\($0.path)" }.filter { $0.hasPrefix("/operator/{portal}") })
        let served = try await operators.app.buildApplication().test(.router) { client in
            var served: Set<String> = []
            for path in paths {
                let uri = path.replacingOccurrences(of: "{portal}", with: "prova")
                    .replacingOccurrences(of: #"\{[a-z]+\}"#, with: "x", options: .regularExpression)
                if try await client.execute(uri: uri, method: .get).status != .methodNotAllowed { served.insert(path) }
            }
            return served
        }
        #expect(served.subtracting(Self.routes.keys).sorted() == [], "routes without a line in the table")
        #expect(Set(Self.routes.keys).subtracting(served).sorted() == [], "lines without a route")
    }

    /// The fixture every page has something to show in: the reimbursement pages' (shops enrolled, a voucher
    /// redeemed in June), a booking, a case (`{n}`) and a case with an attachment (`{f}`); `body` gets
    /// the client, the daemon and `address` filling those in.
    static func withEveryPage(
        _ body: @Sendable (any TestClientProtocol, OperatorFixture, _ address: (String) -> String) async throws -> Void
    ) async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            try await AttendanceTests.book(operators, slot: AttendanceTests.annaSlot, name: "Maria Bianchi")
            let number = try await OperatorQueueFilterTests.submit(client, 1)
            let withFile = try await OperatorCaseFileTests.submitWithFile(client, filename: "isee.pdf")
            try await body(client, operators) {
                $0.replacingOccurrences(of: "{n}", with: number).replacingOccurrences(of: "{f}", with: withFile)
            }
        }
    }

    @Test("each page appends its entry naming the user before the answer; a codice fiscale searched is never written")
    func everyPage() async throws {
        try await Self.withEveryPage { client, operators, filled in
            let database = try #require(operators.app.portals["prova"]).database
            // An admin: the audit log is theirs only, and they read every other page as an operator does.
            let session = try await Browser.session(client, "capo")
            for (route, audit) in Self.routes.sorted(by: { $0.key < $1.key }) {
                guard case .appends(let action, let address) = audit else { continue }
                let before = try await database.auditPage(before: nil, limit: 1).first?.seq ?? 0
                let response = try await Browser.get(client, "/operator/prova/" + filled(address), session: session)
                #expect(response.status == .ok, "\(route)")
                let added = try await database.auditPage(before: nil, limit: 10).filter { $0.seq > before }
                #expect(added.map(\.action) == [action.rawValue], "\(route)")
                #expect(added.allSatisfy { $0.actor == "capo" }, "\(route)")
                #expect(
                    !added.contains { ($0.detail ?? "").uppercased().contains(Self.fiscalCode) }, "\(route)")
            }
            let queue = try await database.auditPage(before: nil, limit: 100).first {
                $0.detail?.hasPrefix("elenco ") == true
            }
            #expect(queue?.detail == "elenco domanda cerca=codice fiscale stato=inviata")
        }
    }

    @Test("the queue's entry holds its filters and page, a numero pratica searched, never a codice fiscale")
    func queueFilters() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let session = try await Browser.session(client, "anna")
            for query in [
                "modulo=domanda&cerca=2026-7&canale=assisted&dal=01%2F06%2F2026&al=02%2F06%2F2026&controlli=1&scadute=1"
                    + "&dopo=2026-0000009",
                "modulo=domanda&cerca=" + Self.fiscalCode.replacingOccurrences(of: "L", with: "l"),
                "modulo=domanda&cerca=ABCDEF12G34H567I",
            ] {
                _ = try await Browser.get(client, "/operator/prova/?" + query, session: session)
            }
            let details = try await database.auditPage(before: nil, limit: 10).reversed().compactMap(\.detail)
            #expect(
                details == [
                    "elenco domanda cerca=2026-0000007 canale=assisted dal=01/06/2026 al=02/06/2026 controlli=1 "
                        + "scadute=1 dopo=2026-0000009",
                    "elenco domanda cerca=codice fiscale",
                    // A code that is not one is refused at its field, and not written either.
                    "elenco domanda",
                ])
        }
    }
}
