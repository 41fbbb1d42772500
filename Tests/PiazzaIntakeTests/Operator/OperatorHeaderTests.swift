import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Every back-office page after login carries one operator header (``OperatorController/header(_:portal:)``):
/// the portal's name, who is logged in, the way back to the back office's home, the areas the role reaches
/// and the logout button with the session's token. Before, the queue, a case, the exports and the dashboard
/// had the citizen site's menu (Cerca, Prenotazioni… on the public site) and no way to log out on a shared
/// office PC.
@Suite("The operator header on every back-office page")
struct OperatorHeaderTests {
    typealias Browser = OperatorFixture

    /// The `GET` routes under `/operator` that answer a file or a download, not a page.
    static let files: Set<String> = [
        "/operator/{portal}/esportazioni/domande", "/operator/{portal}/esportazioni/esiti",
        "/operator/{portal}/pagamenti.csv", "/operator/{portal}/pagamenti.xlsx",
        "/operator/{portal}/pratiche/{numero}/allegati/{id}", "/operator/{portal}/rendicontazione.csv",
        "/operator/{portal}/rimborsi/esercenti/{piva}/estratto.csv", "/operator/{portal}/valutazioni.csv",
        "/operator/{portal}/rimborsi/bonifici.xml",
    ]

    /// The routes under `/operator` open without a session, or that only take a `POST` (a `GET` answers 405).
    static let public_: Set<String> = [
        "/operator/login", "/operator/logout", "/operator/{portal}/buoni/incassi/{id}/annulla",
        "/operator/{portal}/pratiche/{numero}/importo", "/operator/{portal}/pratiche/{numero}/messaggi",
        "/operator/{portal}/pratiche/{numero}/pagamento", "/operator/{portal}/pratiche/{numero}/stato",
        "/operator/{portal}/rimborsi/chiudi",
    ]

    /// Whether `page` has the header for `user` (on `portal`'s pages, its name), with the logout form and
    /// its token, and not the citizen site's menu.
    static func hasHeader(_ page: String, user: String, portal: String?) -> [String] {
        var missing: [String] = []
        let expected = [
            #"<header class="site-header operator-header">"#,
            #"<a class="brand" href="/operator/"><span class="brand-name">\#(portal.map { "\($0) – " } ?? "")Area operatori</span></a>"#,
            "Accesso come <strong>\(user)</strong>",
            #"<li><a href="/operator/">Home dell'area operatori</a></li>"#,
            #"<form method="post" action="/operator/logout" class="operator-logout">"#,
        ]
        for text in expected where !page.contains(text) { missing.append(text) }
        if page.components(separatedBy: ">Esci</button>").count != 2 { missing.append("one Esci") }
        if page.contains(#"data-element="main-navigation""#) || page.contains(">Cerca</a>") {
            missing.append("no citizen menu")
        }
        return missing
    }

    @Test("every page route under /operator, for the role that opens it, has the header; a new route must be listed")
    func everyPage() async throws {
        let operators = try await VoucherFixture.operators()
        let annaSlot = AttendanceTests.annaSlot
        _ = try await AttendanceTests.book(operators, slot: annaSlot, name: "Maria Bianchi")
        let routes = operators.app.buildRouter().routes.filter {
            $0.method == .get && $0.path.description.hasPrefix("/operator")
        }.map(\.path.description)
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            let code = try await VoucherFixture.issue(
                client, operators, form: "buoni", fiscalCode: VoucherFixture.maria)
            let cassa = try await Browser.session(client, "cassa")
            let redeemed = try await VoucherFixture.redeem(
                client, session: cassa, code: code, amount: "10,00",
                form: try await VoucherFixture.form(client, session: cassa))
            let redemption = try #require(VoucherFixture.redemptionURL(redeemed))
            let number = try await Browser.submit(client, portal: "prova")
            let sessions = [
                "anna": try await Browser.session(client, "anna"), "capo": try await Browser.session(client, "capo"),
                "tutor": try await Browser.session(client, "tutor"), "cassa": cassa,
            ]
            // Each page route, with who opens it and an address of it.
            let pages: [String: (user: String, url: String)] = [
                "/operator": ("anna", "/operator/"),
                "/operator/accessi": ("capo", "/operator/accessi"),
                "/operator/{portal}": ("anna", "/operator/prova/"),
                "/operator/{portal}/pratiche/{numero}": ("anna", "/operator/prova/pratiche/\(number)"),
                "/operator/{portal}/cruscotto": ("anna", "/operator/prova/cruscotto"),
                "/operator/{portal}/pagamenti": ("anna", "/operator/prova/pagamenti"),
                "/operator/{portal}/esportazioni": ("anna", "/operator/prova/esportazioni"),
                "/operator/{portal}/valutazioni": ("anna", "/operator/prova/valutazioni"),
                "/operator/{portal}/rimborsi": ("anna", "/operator/prova/rimborsi"),
                "/operator/{portal}/rimborsi/esercenti/{piva}": (
                    "cassa",
                    "/operator/prova/rimborsi/esercenti/\(VoucherFixture.gino)?" + ReimbursementRoutesTests.june
                ),
                "/operator/{portal}/rendicontazione": ("anna", "/operator/prova/rendicontazione"),
                "/operator/{portal}/presenze": ("tutor", "/operator/prova/presenze"),
                "/operator/{portal}/presenze/{calendar}/{slot}": ("tutor", AttendanceTests.slotURL(annaSlot)),
                "/operator/{portal}/moduli/{form}/nuova": ("anna", "/operator/prova/moduli/domanda/nuova"),
                "/operator/{portal}/registro": ("capo", "/operator/prova/registro"),
                "/operator/{portal}/interessato": ("capo", "/operator/prova/interessato"),
                "/operator/{portal}/buoni": ("cassa", "/operator/prova/buoni"),
                "/operator/{portal}/buoni/incassi/{id}": ("cassa", redemption),
            ]
            for route in routes where !Self.files.contains(route) && !Self.public_.contains(route) {
                guard let (user, url) = pages[route] else {
                    Issue.record("\(route) is a new page route: list it here with who opens it")
                    continue
                }
                let response = try await Browser.get(client, url, session: sessions[user])
                #expect(response.status == .ok, "\(route)")
                let page = String(buffer: response.body)
                let portal = route == "/operator" || route == "/operator/accessi" ? nil : "Prova Welfare"
                #expect(Self.hasHeader(page, user: user, portal: portal) == [], "\(route)")
                let token = try #require(Browser.token(response), "\(route)")
                #expect(page.contains(#"<input type="hidden" name="_csrf" value="\#(token)">"#))
            }
        }
    }

    @Test(
        "the header lists the areas the role reaches, and its logout ends the session",
        arguments: [
            (
                "anna", "/operator/prova/cruscotto",
                [
                    "Domande", "Cruscotto", "Pagamenti", "Esportazioni", "Rimborsi agli esercenti",
                    "Valutazioni delle pagine", "Presenze", "Rendicontazione",
                ]
            ),
            (
                "capo", "/operator/prova/",
                [
                    "Domande", "Cruscotto", "Pagamenti", "Esportazioni", "Rimborsi agli esercenti",
                    "Valutazioni delle pagine", "Presenze", "Rendicontazione", "Registro delle attività",
                    "Dati di un interessato",
                ]
            ),
            ("tutor", "/operator/prova/presenze", ["Presenze"]),
            ("cassa", "/operator/prova/buoni", ["Buoni spesa"]),
            ("capo", "/operator/", ["Registro degli accessi"]),
            ("anna", "/operator/", []),
        ] as [(String, String, [String])])
    func areas(user: String, url: String, labels: [String]) async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            try await VoucherFixture.enrolShops(client)
            let session = try await Browser.session(client, user)
            let response = try await Browser.get(client, url, session: session)
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            let nav = try #require(page.range(of: #"<nav class="main-nav" aria-label="Area operatori">"#))
            let menu = page[nav.upperBound...]
            let end = try #require(menu.range(of: "</nav>"))
            let listed = menu[..<end.lowerBound].matches(of: #/<li><a href="[^"]*">([^<]*)</a></li>/#)
                .map { String($0.output.1) }.dropFirst()
            #expect(Array(listed) == labels.map { $0.replacingOccurrences(of: "'", with: "&#39;") })

            let token = try #require(Browser.token(response))
            let out = try await Browser.post(
                client, "/operator/logout", [("_csrf", token)], cookies: [OperatorCookies.session: session])
            #expect(out.status == .seeOther && out.headers[.location] == "/operator/login")
            let after = try await Browser.get(client, url, session: session)
            #expect(after.status == .seeOther && after.headers[.location] == LoginReturn.loginAddress(returningTo: url))
        }
    }
}
