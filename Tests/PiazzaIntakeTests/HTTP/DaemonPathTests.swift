import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaRender
import Testing

@testable import PiazzaIntake

/// Behind a reverse proxy that mounts the daemon under `public_url`'s path, every address the daemon
/// writes in its pages — stylesheets and scripts, links, form actions — and in its redirects starts with
/// that path (``Redirect``, ``PiazzaRender/PortalRenderer/daemonPath``). Before, the citizens' pages and
/// the back office linked `/assets/…` and `/themes/…` from the host's root, where the proxy serves
/// something else: pages without their styles.
@Suite("The daemon under public_url's path")
struct DaemonPathTests {
    typealias Browser = OperatorFixture

    /// With a final `/`, as a proxy's location is often written.
    static let publicURL = "https://comune.example.it/welfare/"
    static let prefix = "/welfare"

    /// Every `href`, `src` and `action` of a page.
    static func addresses(_ page: String) -> [String] {
        let pattern = #/(?:href|src|action)="([^"]*)"/#
        return page.matches(of: pattern).map { String($0.output.1) }
    }

    /// The addresses of `page` that start at the host's root (`/…`) and are not under the prefix once
    /// (`/welfare/welfare/…` is outside too: the proxy passes `/welfare/…` on, which the daemon lacks).
    static func outside(_ page: String) -> [String] {
        addresses(page).filter { !isUnderPrefix($0) }
    }

    /// Whether a root-relative `address` is under the prefix exactly once; a full URL or a relative one is.
    static func isUnderPrefix(_ address: String) -> Bool {
        !address.hasPrefix("/") || (address.hasPrefix(prefix + "/") && !address.hasPrefix(prefix + prefix + "/"))
    }

    /// The path a `Location` names, as the proxy passes it on to the daemon (without the prefix).
    static func unprefixed(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location])
        #expect(isUnderPrefix(location), "\(location)")
        return String(location.dropFirst(prefix.count))
    }

    @Test(
        "the citizens' pages (receipt, voucher, printable voucher, form with errors, thanks, booking, feedback, error) and the back office link only under the path"
    )
    func everyAddress() async throws {
        let operators = try await VoucherFixture.operators { $0.publicURL = Self.publicURL }
        try await operators.app.buildApplication().test(.router) { client in
            var pages: [String: String] = [:]
            func read(_ name: String, _ uri: String, session: String? = nil) async throws {
                let response = try await Browser.get(client, uri, session: session)
                #expect(response.status == .ok || response.status == .notFound, "\(name)")
                pages[name] = String(buffer: response.body)
            }
            try await VoucherFixture.enrolShops(client)
            let posted = try await client.execute(
                uri: "/forms/prova/buoni", method: .post, headers: IntakeFixture.formHeaders,
                body: IntakeFixture.body(IntakeFixture.fields()))
            let receipt = try Self.unprefixed(posted)
            try await read("ricevuta", receipt)
            let numberStart = try #require(pages["ricevuta"]?.range(of: #"<p class="receipt-number">"#))
            let number = String(pages["ricevuta"]![numberStart.upperBound...].prefix { $0 != "<" })
            #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            try await read("ricevuta con buono", receipt)
            try await read("buono stampabile", receipt + "/buono")

            let invalid = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: IntakeFixture.formHeaders,
                body: IntakeFixture.body(IntakeFixture.fields([("codice_fiscale", "X")])))
            #expect(invalid.status == .unprocessableContent)
            pages["modulo con errori"] = String(buffer: invalid.body)
            let spam = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: IntakeFixture.formHeaders,
                body: IntakeFixture.body(IntakeFixture.fields([("sito_web", "http://spam.example")])))
            try await read("grazie", try Self.unprefixed(spam))

            let booked = try await BookingPostTests.book(client)
            try await read("prenotazione", try Self.unprefixed(booked))
            let rated = try await FeedbackPostTests.post(client, FeedbackPostTests.valid)
            try await read("valutazione", try Self.unprefixed(rated))
            try await read("errore", "/forms/prova/nessuno")

            let login = try await client.execute(uri: "/operator/login", method: .get)
            pages["accesso"] = String(buffer: login.body)
            let anna = try await Browser.session(client, "anna")
            try await read("area operatori", "/operator/", session: anna)
            try await read("domande", "/operator/prova/?modulo=buoni", session: anna)
            try await read("pratica", "/operator/prova/pratiche/\(number)", session: anna)
            try await read("rimborsi", "/operator/prova/rimborsi", session: anna)
            try await read("cassa", "/operator/prova/buoni", session: try await Browser.session(client, "cassa"))

            #expect(pages.count == 14)
            for (name, page) in pages.sorted(by: { $0.key < $1.key }) {
                #expect(Self.addresses(page).contains { $0.hasPrefix(Self.prefix + "/assets/") }, "\(name)")
                #expect(Self.outside(page) == [], "\(name)")
            }
        }
    }

    @Test(
        "the rimborsi posts answer under the path once: closing a period redirects to its page, a refused SEPA file links it"
    )
    func reimbursementAnswers() async throws {
        try await ReimbursementRoutesTests().withPurchase(change: { $0.publicURL = Self.publicURL }) { client, _ in
            let june = "/operator/prova/rimborsi?" + ReimbursementRoutesTests.june
            let capo = try await Browser.session(client, "capo")
            let token = try #require(Browser.token(try await Browser.get(client, june, session: capo)))
            let closed = try await Browser.post(
                client, "/operator/prova/rimborsi/chiudi?" + ReimbursementRoutesTests.june, [("_csrf", token)],
                cookies: [OperatorCookies.session: capo])
            #expect(closed.status == .seeOther)
            #expect(try Self.unprefixed(closed) == june + "&esito=aperto")

            let file = "/operator/prova/rimborsi/bonifici.xml?" + ReimbursementRoutesTests.june
            #expect(try await Browser.get(client, file, session: capo).status == .ok)
            let again = try await Browser.get(client, file, session: capo)
            #expect(again.status == .conflict)
            let page = String(buffer: again.body)
            #expect(Self.addresses(page).contains(Self.prefix + june.replacingOccurrences(of: "&", with: "&amp;")))
            #expect(Self.outside(page) == [])
        }
    }

    @Test("a portal on another theme (Conegliano, italia) links its files at /welfare/themes/italia/")
    func otherTheme() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let repository = IntakeFixture.repository
        let config = DaemonConfig(
            contentFolder: repository.appendingPathComponent("content"),
            themeFolder: repository.appendingPathComponent("themes/default"),
            dataFolder: root.appendingPathComponent("data"), publicURL: Self.publicURL)
        let app = try IntakeApp(
            config: config, content: ContentTree.load(from: config.contentFolder),
            theme: Theme.load(from: config.themeFolder), logger: Logger(label: "test"), clock: { IntakeFixture.now })
        let database = try #require(app.portals["conegliano"]).database
        let token = try await database.storeApplication(PortalDatabaseTests.draft(key: "conegliano")).token
        try await app.buildApplication().test(.router) { client in
            for uri in ["/r/\(token)", "/grazie/conegliano"] {
                let page = String(buffer: try await client.execute(uri: uri, method: .get).body)
                #expect(Self.addresses(page).contains(Self.prefix + "/themes/italia/italia.css"), "\(uri)")
                #expect(Self.outside(page) == [], "\(uri)")
            }
        }
    }
}
