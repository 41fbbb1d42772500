import AsyncHTTPClient
import Foundation
import GRDB
import NIOCore
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// The balance rule on the real daemon process: concurrent redemptions of one voucher never take more
/// than its balance (issue 19).
@Suite(
    "Voucher redemption race on the real daemon", .serialized,
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct VoucherRaceTests {
    /// A voucher measure open from 2020 to 2099 (the daemon runs on the real clock), its measure page
    /// and the shop-enrolment form.
    static let files: [String: String] = [
        "prova/forms/corsa.yaml": IntakeFixture.form.replacingOccurrences(
            of: "2026-01-01 09:00", with: "2020-01-01 09:00"
        )
        .replacingOccurrences(of: "2026-12-31 12:00", with: "2099-12-31 12:00")
            + "\nmeasure: buoni-spesa\nvoucher:\n  valid_until: 2099-12-31\n",
        "prova/forms/adesione.yaml": VoucherFixture.files["prova/forms/adesione.yaml"]!,
        "prova/misure/buoni-spesa.md": VoucherFixture.measure("Buoni spesa", form: "corsa"),
    ]

    /// Writes the files, then, on the daemon's own databases before it starts: a voucher of 100 € issued
    /// by an accepted case, Alimentari Da Gino enrolled, and its staff account `cassa`.
    static func prepare(_ daemon: DaemonProcess) async throws {
        let content = daemon.root.appendingPathComponent("content")
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let portal = try #require(try ContentTree.load(from: content).portal("prova"))
        let data = daemon.root.appendingPathComponent("data")
        let database = try PortalDatabase(portalID: "prova", dataFolder: data)
        let effects = AcceptanceEffects(forms: portal.forms)
        for (form, answers, cents) in [
            ("corsa", [Answer(name: "nome", value: .text("Maria Bianchi"))], 10_000 as Int?),
            (
                "adesione",
                [
                    Answer(name: "insegna", value: .text("Alimentari Da Gino")),
                    Answer(name: "partita_iva", value: .text(VoucherFixture.gino)),
                    Answer(name: "iban", value: .text("IT60X0542811101000000123456")),
                ], nil
            ),
        ] {
            let draft = ApplicationDraft(
                formID: form, submittedAt: Date(), channel: .online,
                application: ValidatedApplication(formID: form, answers: answers), checks: [], household: nil,
                fiscalCodes: [], benefitCents: cents, idempotencyKey: { _ in form }, uploads: [])
            let number = try await database.storeApplication(draft).number
            for state in [ApplicationState.takenInCharge, .accepted] {
                #expect(
                    try await database.changeState(
                        number: number, to: state, reason: nil, actor: "anna", at: Date(), effects: effects)
                        == .changed)
            }
        }
        try await database.close()
        let accounts = try AccountsDatabase(dataFolder: data)
        try await accounts.addUser(
            name: "cassa", role: .merchant, portals: ["prova"], merchant: VoucherFixture.gino,
            passwordHash: await PasswordHashing(cost: 4).hash(OperatorFixture.password), at: Date())
        try accounts.close()
    }

    /// Logs `cassa` in; the session cookie and the redemption page's CSRF token.
    static func logIn(_ daemon: DaemonProcess, client: HTTPClient) async throws -> (cookie: String, csrf: String) {
        let login = try await client.execute(
            HTTPClientRequest(url: daemon.baseURL + "/operator/login"), timeout: .seconds(30))
        let loginPage = String(buffer: try await login.body.collect(upTo: 1 << 20))
        let loginCookie = try #require(login.headers["Set-Cookie"].first?.split(separator: ";").first)
        var request = HTTPClientRequest(url: daemon.baseURL + "/operator/login")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Cookie", value: String(loginCookie))
        request.body = .bytes(
            IntakeFixture.body([
                ("_csrf", try #require(Self.value(of: "_csrf", in: loginPage))), ("nome", "cassa"),
                ("password", OperatorFixture.password),
            ]))
        let session = try await client.execute(request, timeout: .seconds(30))
        #expect(session.status == .seeOther)
        let cookie = String(try #require(session.headers["Set-Cookie"].first?.split(separator: ";").first))
        var page = HTTPClientRequest(url: daemon.baseURL + "/operator/prova/buoni")
        page.headers.add(name: "Cookie", value: cookie)
        let form = String(
            buffer: try await client.execute(page, timeout: .seconds(30)).body.collect(upTo: 1 << 20))
        return (cookie, try #require(Self.value(of: "_csrf", in: form)))
    }

    /// The `value` of the hidden input `name` of a page.
    static func value(of name: String, in page: String) -> String? {
        page.range(of: #"name="\#(name)" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) }
    }

    @Test("100 concurrent redemptions of 10 % of the balance plus 1 cent: exactly 9 succeed, rows match, balance >= 0")
    func concurrentRedemptions() async throws {
        let daemon = try DaemonProcess()
        try await Self.prepare(daemon)
        let code = try #require(
            try await DatabaseQueue(path: daemon.databasePath).read { db in
                try String.fetchOne(db, sql: "SELECT code FROM vouchers")
            })
        try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            let (cookie, csrf) = try await Self.logIn(daemon, client: client)
            let statuses = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        var request = HTTPClientRequest(url: daemon.baseURL + "/operator/prova/buoni")
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                        request.headers.add(name: "Cookie", value: cookie)
                        request.body = .bytes(
                            IntakeFixture.body([
                                ("_csrf", csrf), (Redemptions.keyField, RandomToken.make()), ("codice", code),
                                ("importo", "10,01"),
                            ]))
                        guard let response = try? await client.execute(request, timeout: .seconds(60)) else {
                            return 0
                        }
                        _ = try? await response.body.collect(upTo: 1 << 20)
                        return Int(response.status.code)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 9)
            #expect(statuses.filter { $0 == 422 }.count == 91)
            let (rows, spent, balance) = try await DatabaseQueue(path: daemon.databasePath).read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM redemptions WHERE amount_cents = 1001")!,
                    try Int.fetchOne(db, sql: "SELECT sum(amount_cents) FROM redemptions")!,
                    try PortalDatabase.balance(ofVoucher: 1, in: db)
                )
            }
            #expect(rows == 9 && spent == 9_009 && balance == 991)
        }
    }
}
