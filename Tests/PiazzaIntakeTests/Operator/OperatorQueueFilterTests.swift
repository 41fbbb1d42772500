import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ItalianIdentifiers
import PiazzaContent
import Testing

@testable import PiazzaIntake

@Suite("Back-office queue: filters, search and deadlines")
struct OperatorQueueFilterTests {
    typealias Browser = OperatorFixture

    /// The `n`-th of a family of valid codici fiscali (women born in January 1990 in Rome, day n).
    static func fiscalCode(_ n: Int) -> String {
        let first15 = "BNCLRA90A" + String(40 + n) + "H501"
        return first15 + String(CodiceFiscale.checkCharacter(for: first15)!)
    }

    /// Submits an application of a household of its own (no duplicate warning) to `portal`, with
    /// the `n`-th codice fiscale, and returns its number.
    static func submit(
        _ client: some TestClientProtocol, _ n: Int, portal: String = "prova", _ changes: [(String, String)] = []
    ) async throws -> String {
        try await Browser.submit(
            client, portal: portal,
            [("codice_fiscale", fiscalCode(n)), ("componenti.0.nome", ""), ("componenti.0.codice_fiscale", "")]
                + changes)
    }

    /// The queue page at `query` as `anna` (operator of `prova`).
    static func queue(
        _ client: some TestClientProtocol, _ query: String, session: String, portal: String = "prova"
    ) async throws -> (status: HTTPResponse.Status, body: String) {
        let response = try await Browser.get(client, "/operator/\(portal)/?modulo=domanda&" + query, session: session)
        return (response.status, String(buffer: response.body))
    }

    static func numbers(_ page: String) -> [String] { OperatorCasesTests.numbers(page) }

    @Test("stato lists the cases in that state, with the day each was taken in charge")
    func byState() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let first = try await Self.submit(client, 1)
            let second = try await Self.submit(client, 2)
            operators.advance(86_400)
            let database = try #require(operators.app.portals["prova"]).database
            #expect(
                try await database.changeState(
                    number: first, to: .takenInCharge, reason: nil, actor: "anna",
                    at: IntakeFixture.now.addingTimeInterval(86_400)) == .changed)
            let session = try await Browser.session(client, "anna")
            let taken = try await Self.queue(client, "stato=presa_in_carico", session: session)
            #expect(taken.status == .ok && Self.numbers(taken.body) == [first])
            #expect(
                taken.body.contains("<td>Presa in carico</td><td>online</td><td>02/06/2026</td><td>01/07/2026</td>"))
            #expect(taken.body.contains(#"<option value="presa_in_carico" selected>"#))
            let sent = try await Self.queue(client, "stato=inviata", session: session)
            #expect(Self.numbers(sent.body) == [second])
            #expect(sent.body.contains("<td>Inviata</td><td>online</td><td>–</td><td>01/07/2026</td>"))
        }
    }

    @Test(
        "a filter value the queue cannot use is named on the page in Italian, 400, with no list",
        arguments: [
            ("stato=chiusa", "stato", "Lo stato «chiusa» non esiste"),
            ("canale=posta", "canale", "Il canale «posta» non esiste"),
            ("dal=31%2F02%2F2026", "dal", "La data «Inviate dal» «31/02/2026» non è valida"),
            ("dal=domani", "dal", "La data «Inviate dal» «domani» non è valida"),
            (
                "dal=10%2F06%2F2026&al=01%2F06%2F2026", "al",
                "(01/06/2026) è prima della data «Inviate dal» (10/06/2026)"
            ),
            (
                "cerca=ABC1", "cerca",
                "«ABC1» non è un numero pratica (come 2026-0000042, o più breve 2026-42) né un codice fiscale valido"
            ),
            ("controlli=si", "controlli", "Valore «si» non previsto"),
        ])
    func invalidFilter(query: String, field: String, message: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            _ = try await Self.submit(client, 1)
            let session = try await Browser.session(client, "anna")
            let page = try await Self.queue(client, query, session: session)
            #expect(page.status == .badRequest)
            #expect(page.body.contains(message), "\(page.body)")
            #expect(page.body.contains("<a href=\"#\(field)\">"))
            #expect(page.body.contains(#"aria-invalid="true" aria-describedby="\#(field)-errore""#))
            #expect(Self.numbers(page.body).isEmpty && !page.body.contains("<table>"))
        }
    }

    @Test("dal and al are whole days in Rome, both included")
    func byDate() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            // 1 June 12:00, 1 June 23:30 and 2 June 00:30 in Rome (21:30 and 22:30 UTC).
            let noon = try await Self.submit(client, 1)
            operators.advance(11.5 * 3600)
            let late = try await Self.submit(client, 2)
            operators.advance(3600)
            let nextDay = try await Self.submit(client, 3)
            let session = try await Browser.session(client, "anna")
            let first = try await Self.queue(client, "dal=01%2F06%2F2026&al=01%2F06%2F2026", session: session)
            #expect(first.status == .ok && Self.numbers(first.body) == [late, noon])
            #expect(first.body.contains(#"value="01/06/2026""#))
            let second = try await Self.queue(client, "dal=2%2F6%2F2026", session: session)
            #expect(Self.numbers(second.body) == [nextDay])
            let until = try await Self.queue(client, "al=01%2F06%2F2026", session: session)
            #expect(Self.numbers(until.body) == [late, noon])
            let none = try await Self.queue(client, "dal=03%2F06%2F2026", session: session)
            #expect(Self.numbers(none.body).isEmpty && none.body.contains("Nessuna domanda risponde ai filtri."))
        }
    }

    @Test("controlli=1 lists the cases with a check asking for a look; canale the channel")
    func byFlagsAndChannel() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let clean = try await Self.submit(client, 1)
            let overThreshold = try await Self.submit(client, 2, [("isee.importo", "20.000,00")])
            let elsewhere = try await Self.submit(client, 3, [("comune_residenza", "altro")])
            let database = try #require(operators.app.portals["prova"]).database
            let assisted = try await database.storeApplication(
                PortalDatabaseTests.draft(
                    key: "assistita", at: IntakeFixture.now.addingTimeInterval(60), channel: .assisted)
            ).number
            let session = try await Browser.session(client, "anna")
            let flagged = try await Self.queue(client, "controlli=1", session: session)
            #expect(Self.numbers(flagged.body) == [elsewhere, overThreshold])
            #expect(flagged.body.contains(#"name="controlli" value="1" checked"#))
            let helped = try await Self.queue(client, "canale=assisted", session: session)
            #expect(Self.numbers(helped.body) == [assisted] && helped.body.contains("<td>assistita</td>"))
            let online = try await Self.queue(client, "canale=online&controlli=1&stato=inviata", session: session)
            #expect(Self.numbers(online.body) == [elsewhere, overThreshold])
            #expect(!Self.numbers(online.body).contains(clean))
        }
    }

    @Test("scadute=1 lists the open cases past the form's term; a concluded case is never past it")
    func pastDeadline() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let old = try await Self.submit(client, 1)
            let concluded = try await Self.submit(client, 2)
            operators.advance(4 * 86_400)
            let recent = try await Self.submit(client, 3)
            let database = try #require(operators.app.portals["prova"]).database
            for state in [ApplicationState.takenInCharge, .accepted] {
                _ = try await database.changeState(
                    number: concluded, to: state, reason: nil, actor: "anna",
                    at: IntakeFixture.now.addingTimeInterval(4 * 86_400))
            }
            // 1 July is the last day of the cases of 1 June (30 days, L. 241/1990): on it, none is late.
            // (A new login each time: a session idle for days has ended.)
            operators.advance(26 * 86_400)
            let onTime = try await Self.queue(client, "scadute=1", session: Browser.session(client, "anna"))
            #expect(onTime.status == .ok && Self.numbers(onTime.body).isEmpty)
            #expect(onTime.body.contains("Nessuna domanda risponde ai filtri."))
            operators.advance(86_400)
            let session = try await Browser.session(client, "anna")
            let late = try await Self.queue(client, "scadute=1", session: session)
            #expect(Self.numbers(late.body) == [old])
            let all = try await Self.queue(client, "", session: session)
            #expect(Self.numbers(all.body) == [recent, concluded, old])
            #expect(all.body.contains("<td>01/07/2026 <strong class=\"overdue\">termine superato</strong></td>"))
            #expect(all.body.contains("<td>Accolta</td><td>online</td><td>05/06/2026</td><td>conclusa</td>"))
            #expect(all.body.contains("<td>05/07/2026</td>"))
            #expect(all.body.contains("Solo oltre il termine di 30 giorni"))
        }
    }

    @Test("the case page shows the take-charge day and the deadline, late while open, none once concluded")
    func casePageTerm() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Self.submit(client, 1)
            let database = try #require(operators.app.portals["prova"]).database
            let page = { () async throws -> String in
                String(
                    buffer: try await Browser.get(
                        client, "/operator/prova/pratiche/\(number)", session: Browser.session(client, "anna")
                    ).body)
            }
            #expect(
                try await page().contains(
                    "<p>Presa in carico: non ancora.<br>\nDa concludere entro il 01/07/2026 (30 giorni dal ricevimento, "
                        + "L. 241/1990, art. 2).</p>"))
            _ = try await database.changeState(
                number: number, to: .takenInCharge, reason: nil, actor: "anna",
                at: IntakeFixture.now.addingTimeInterval(2 * 86_400))
            operators.advance(31 * 86_400)
            #expect(
                try await page().contains(
                    "<p>Presa in carico: 03/06/2026.<br>\nDa concludere entro il 01/07/2026 (30 giorni dal ricevimento, "
                        + "L. 241/1990, art. 2): <strong class=\"overdue\">termine superato</strong>.</p>"))
            _ = try await database.changeState(
                number: number, to: .accepted, reason: nil, actor: "anna",
                at: IntakeFixture.now.addingTimeInterval(31 * 86_400))
            #expect(try await page().contains("<p>Presa in carico: 03/06/2026.<br>\nPratica conclusa.</p>"))
        }
    }

    @Test(
        "cerca finds a case by numero pratica in any digits, short or in full, and by codice fiscale in any case, spacing or omocodia",
        arguments: [
            "2026-0000002", "2026-2", " 2026-02 ", "BNCLRA90A42H501", "bnclra90a42h501", "BNCL RA90 A42H 501",
            // Digits and dashes as every typed number reads them (TypedText.identifier).
            "\u{FF12}\u{FF10}\u{FF12}\u{FF16}\u{FF0D}\u{FF12}", "\u{0662}\u{0660}\u{0662}\u{0666}\u{2013}\u{0662}",
        ])
    func search(written: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            _ = try await Self.submit(client, 1)
            let wanted = try await Self.submit(client, 2)
            _ = try await Self.submit(client, 3)
            let session = try await Browser.session(client, "anna")
            // The written code with its check character, if it is a codice fiscale without one.
            var text = written
            if written.lowercased().contains("bncl") {
                let code = Self.fiscalCode(2)
                text = written + String(code.last!).lowercased()
            }
            let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await Self.queue(client, "cerca=" + encoded, session: session)
            #expect(page.status == .ok && Self.numbers(page.body) == [wanted], "\(text)")
        }
    }

    /// Moves the cases `numbers` to the form `form` (a closed form of the fixture takes no new ones).
    static func move(_ numbers: [String], to form: String, in operators: Browser) async throws {
        let database = try #require(operators.app.portals["prova"]).database
        for number in numbers {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE applications SET form_id = ? WHERE number = ?", arguments: [form, number])
            }
        }
    }

    @Test("a numero pratica of another form, searched from any queue, answers with its own form's queue")
    func searchNumberAcrossForms() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let elsewhere = try await Self.submit(client, 1)
            _ = try await Self.submit(client, 2)
            try await Self.move([elsewhere], to: "chiuso", in: operators)
            let session = try await Browser.session(client, "anna")
            for written in [elsewhere, "2026-1"] {
                let response = try await Browser.get(
                    client, "/operator/prova/?modulo=domanda&cerca=\(written)&stato=inviata", session: session)
                #expect(response.status == .seeOther)
                let location = try #require(response.headers[.location])
                #expect(location == "/operator/prova/?modulo=chiuso&cerca=\(written)&stato=inviata")
                let page = String(buffer: try await Browser.get(client, location, session: session).body)
                #expect(Self.numbers(page) == [elsewhere])
            }
            // A number the portal does not have stays on the queue shown, every form saying it has none.
            let missing = try await Self.queue(client, "cerca=2026-0000099", session: session)
            #expect(missing.status == .ok && Self.numbers(missing.body).isEmpty)
            #expect(missing.body.contains(#"cerca=2026-0000099">Domanda di prova (nessuna trovata)</a>"#))
        }
    }

    @Test("a codice fiscale searched in one form's queue says how many cases each other form has for it")
    func searchFiscalCodeAcrossForms() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let here = try await Self.submit(client, 2)
            let there = [
                try await Self.submit(client, 2, [("note", "seconda")]),
                try await Self.submit(client, 2, [("note", "terza")]),
            ]
            _ = try await Self.submit(client, 3)
            try await Self.move(there, to: "chiuso", in: operators)
            let session = try await Browser.session(client, "anna")
            let code = Self.fiscalCode(2)
            let page = try await Self.queue(client, "cerca=" + code, session: session)
            #expect(page.status == .ok && Self.numbers(page.body) == [here])
            #expect(
                page.body.contains(
                    #"<a href="/operator/prova/?modulo=chiuso&amp;cerca=\#(code)">Domanda di prova (2 trovate)</a>"#))
            #expect(
                page.body.contains(
                    #"<a href="/operator/prova/?modulo=domanda&amp;cerca=\#(code)" aria-current="page">Domanda di prova (1 trovata)</a>"#
                ))
            #expect(
                page.body.contains(
                    #"<a href="/operator/prova/?modulo=futuro&amp;cerca=\#(code)">Domanda di prova (nessuna trovata)</a>"#
                ))
            let other = try await Browser.get(client, "/operator/prova/?modulo=chiuso&cerca=" + code, session: session)
            #expect(Self.numbers(String(buffer: other.body)) == there.reversed())
            // Without a search the links are the forms' names alone.
            let plain = try await Self.queue(client, "", session: session)
            #expect(plain.body.contains(#"<a href="/operator/prova/?modulo=chiuso">Domanda di prova</a>"#))
        }
    }

    @Test("an omocodic variant of the codice fiscale finds the case stored with the plain code")
    func searchOmocodic() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let wanted = try await Self.submit(client, 2)
            let session = try await Browser.session(client, "anna")
            let variant = try CodiceFiscale(Self.fiscalCode(2)).omocodicVariant(substitutions: 1).value
            #expect(variant != Self.fiscalCode(2))
            let page = try await Self.queue(client, "cerca=" + variant, session: session)
            #expect(Self.numbers(page.body) == [wanted])
        }
    }

    @Test("the filters are kept on every page: the next link carries them and the next page applies them")
    func filtersAcrossPages() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            var flagged: [String] = []
            // Residence elsewhere (every index but multiples of 3) or a household seen before (from
            // index 28, the codes start again) asks for a look: 53 of 63.
            for index in 0..<63 {
                operators.advance(60)
                let number = try await Self.submit(
                    client, 1 + index % 28,
                    [("note", "domanda \(index)")] + (index % 3 == 0 ? [] : [("comune_residenza", "altro")]))
                if index % 3 != 0 || index >= 28 { flagged.append(number) }
            }
            let session = try await Browser.session(client, "anna")
            let first = try await Self.queue(client, "controlli=1&dal=01%2F06%2F2026", session: session)
            let expected = Array(flagged.reversed())
            #expect(Self.numbers(first.body) == Array(expected.prefix(50)))
            let link = try #require(
                first.body.range(
                    of: #"<a href="(/operator/prova/\?[^"]+)">Domande precedenti"#, options: .regularExpression))
            let href = String(first.body[link].dropFirst(9).prefix { $0 != "\"" }).replacingOccurrences(
                of: "&amp;", with: "&")
            #expect(href == "/operator/prova/?modulo=domanda&dal=01%2F06%2F2026&controlli=1&dopo=\(expected[49])")
            let second = String(buffer: try await Browser.get(client, href, session: session).body)
            #expect(Self.numbers(second) == Array(expected.dropFirst(50)))
        }
    }

    @Test("filters and search read only the portal's own cases; another portal's queue stays 404")
    func isolation() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let own = try await Self.submit(client, 1, portal: "prova")
            let foreign = try await Self.submit(client, 2, portal: "altro")
            let session = try await Browser.session(client, "anna")
            let search = try await Self.queue(client, "cerca=" + Self.fiscalCode(2), session: session)
            #expect(search.status == .ok && Self.numbers(search.body).isEmpty)
            let number = try await Self.queue(client, "cerca=" + foreign, session: session)
            #expect(foreign == own && Self.numbers(number.body) == [own])
            for query in ["cerca=" + Self.fiscalCode(2), "stato=inviata", "controlli=1", "scadute=1", "stato=chiusa"] {
                let other = try await Self.queue(client, query, session: session, portal: "altro")
                #expect(other.status == .notFound, "\(query)")
                #expect(!other.body.contains(foreign) && !other.body.contains("Altro Welfare"), "\(query)")
            }
        }
    }

    @Test(
        "a filter value is echoed escaped, in the field and in the message",
        arguments: [#"<script>alert(1)</script>"#, #""><img src=x onerror=alert(1)>"#])
    func escaping(payload: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for name in ["cerca", "dal", "stato", "canale"] {
                let page = try await Self.queue(client, name + "=" + encoded, session: session)
                #expect(page.status == .badRequest, "\(name)")
                #expect(!page.body.contains(payload) && !page.body.contains("<img src=x"), "\(name)")
                #expect(page.body.contains(IntakeFixture.escaped(payload)), "\(name)")
            }
        }
    }

    @Test(
        "applications stored before migration v9 are flagged by it, and their codici fiscali indexed at the next start")
    func backfill() async throws {
        let queue = try DatabaseQueue()
        try PortalMigrations.migrator.migrate(queue, upTo: "v4 payments")
        try await queue.write { db in
            for (id, form, status) in [(1, "domanda", "warning"), (2, "domanda", "ok"), (3, "tolto", "ok")] {
                try db.execute(
                    sql: """
                        INSERT INTO applications (id, token, number, year, seq, form_id, submitted_at, channel, answers,
                            checks, benefit_cents, state)
                        VALUES (?, ?, ?, 2026, ?, ?, '2026-06-01T10:00:00.000Z', 'online', ?, ?, NULL, 'inviata')
                        """,
                    arguments: [
                        id, "token\(id)", "2026-000000\(id)", id, form,
                        #"{"answers":[{"name":"nome","text":"Maria"},{"name":"codice_fiscale","text":"\#(Self.fiscalCode(id))"}],"formID":"\#(form)"}"#,
                        #"[{"code":"residence","message":"Fuori comune.","status":"\#(status)"}]"#,
                    ])
            }
        }
        let database = try PortalDatabase(
            portalID: "prova", writer: queue, uploadsFolder: FileManager.default.temporaryDirectory)
        let flagged = try await queue.read { db in
            try Int.fetchAll(db, sql: "SELECT flagged FROM applications ORDER BY id")
        }
        #expect(flagged == [1, 0, 0])
        let portal = try #require(IntakeFixture().app.portals["prova"]).portal
        // `tolto` is no longer served: nothing says which of its answers is a codice fiscale.
        #expect(try database.indexPendingFiscalCodes(form: portal.form(id:)) == 3)
        #expect(try database.indexPendingFiscalCodes(form: portal.form(id:)) == 0)
        let indexed = try await queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT fiscal_code, application_id FROM application_fiscal_codes ORDER BY application_id"
            )
            .map { "\($0["fiscal_code"] as String) \($0["application_id"] as Int64)" }
        }
        #expect(indexed == ["\(Self.fiscalCode(1)) 1", "\(Self.fiscalCode(2)) 2"])
        let (filter, _) = QueueFilter.parse { $0 == "cerca" ? Self.fiscalCode(2).lowercased() : nil }
        let found = try await database.queue(
            formID: "domanda", filter: filter, term: ResponseTerm(days: 30),
            today: ContentDateTime.romeDay(of: IntakeFixture.now), after: nil, limit: 51)
        #expect(found.map(\.number) == ["2026-0000002"])
    }

    @Test(
        "every filter reads a queue page through an index already in order, never the whole table",
        arguments: [
            "", "stato=inviata", "canale=assisted", "controlli=1", "scadute=1", "dal=01/06/2026&al=30/06/2026",
            "cerca=2026-0000001", "cerca=BNCLRA90A41H501F", "stato=inviata&scadute=1",
        ])
    func plans(query: String) throws {
        let database = try PortalDatabase(
            portalID: "prova", writer: DatabaseQueue(), uploadsFolder: FileManager.default.temporaryDirectory)
        let pairs = query.split(separator: "&").map { $0.split(separator: "=").map(String.init) }
        let (filter, problems) = QueueFilter.parse { name in pairs.first { $0[0] == name }?[1] }
        #expect(problems.isEmpty)
        for after in [nil, "2026-0000001"] {
            let (sql, arguments) = PortalDatabase.queueStatement(
                formID: "domanda", filter: filter, overdueBefore: IntakeFixture.now, after: after, limit: 51)
            let plan = try database.writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map {
                    $0["detail"] as String
                }
            }
            #expect(!plan.contains { $0.contains("SCAN applications") }, "\(query) \(plan)")
            if !query.hasPrefix("cerca") {
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(query) \(plan)")
            }
        }
    }
}
