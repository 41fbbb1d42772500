import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// The rendicontazione of the fixture's `gruppi` calendar (2 seats, 90-minute slots, 25,00 € an
/// hour) for the week of 25 May 2026, with the clock on Monday 1 June 2026, 12:00.
@Suite("Rendicontazione of a calendar")
struct RendicontazioneTests {
    typealias Browser = OperatorFixture

    /// Bookings of the week and their attendance: Anna's slots on 25 (held), 26 (held) and 27 May
    /// (only a justified absence: not held); Bruno's on 25 (held), 26 (not marked) and 28 May (a
    /// cancelled booking); one booking on 1 June, outside the period.
    static func storeWeek(_ operators: Browser) async throws {
        let database = try #require(operators.app.portals["prova"]).database
        let rows: [(slot: String, name: String, seats: Int, fiscalCode: String?, attendance: Attendance?)] = [
            ("2026-05-25T15:00-tutor-anna", "Famiglia Rossi", 1, "RSSMRA80A01H501U", .present),
            ("2026-05-25T15:00-tutor-anna", "Famiglia Bianchi", 1, nil, .absent),
            ("2026-05-26T15:00-tutor-anna", "Rossi Mario", 2, "RSSMRA80A01H501U", .present),
            ("2026-05-27T15:00-tutor-anna", "Famiglia Verdi", 1, nil, .justified),
            ("2026-05-25T17:00-tutor-bruno", "Famiglia Neri", 2, nil, .present),
            ("2026-05-26T17:00-tutor-bruno", "Famiglia Gialli", 1, nil, nil),
            ("2026-05-28T17:00-tutor-bruno", "Famiglia Blu", 1, nil, .present),
            ("2026-06-01T15:00-tutor-anna", "Famiglia Rossi", 1, "RSSMRA80A01H501U", .present),
        ]
        for row in rows {
            let draft = BookingDraft(
                calendarID: "gruppi", slotID: row.slot, seats: row.seats, name: row.name, contact: "049 1234567",
                applicationNumber: nil, fiscalCode: row.fiscalCode,
                bookedAt: IntakeFixture.now.addingTimeInterval(-864_000))
            guard case .stored(let token) = try await database.storeBooking(draft, capacity: 2),
                let id = try await database.booking(token: token)?.id
            else { throw AttendanceTests.BookingNotStored() }
            if let attendance = row.attendance {
                _ = try await database.markAttendance(
                    calendar: "gruppi", slot: row.slot, marks: [id: attendance], by: "anna", at: IntakeFixture.now)
            }
            if row.name == "Famiglia Blu" { _ = try await database.cancelBooking(token: token, capacity: 2, at: .now) }
        }
    }

    @Test("hours, seats, attendance rate, families, children and cost per tutor and in total, on the operator's page")
    func figures() async throws {
        let operators = try await Browser()
        try await Self.storeWeek(operators)
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let response = try await Browser.get(
                client, "/operator/prova/rendicontazione?calendario=gruppi&dal=2026-05-25&al=2026-05-31",
                session: session)
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(
                page.contains("<caption>Per risorsa: Gruppi di studio, dal 25 maggio 2026 al 31 maggio 2026</caption>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Anna, tutor</th><td>2</td><td>3</td><td>5</td><td>3</td><td>1</td><td>1</td>"
                        + "<td>0</td><td>60,0</td><td>1</td><td>2</td><td>75,00 €</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Bruno, tutor</th><td>1</td><td>1,5</td><td>3</td><td>2</td><td>0</td><td>0</td>"
                        + "<td>1</td><td>100,0</td><td>1</td><td>2</td><td>37,50 €</td></tr>"))
            let total =
                "<td>3</td><td>4,5</td><td>8</td><td>5</td><td>1</td><td>1</td><td>1</td><td>71,4</td><td>2</td><td>4</td>"
                + "<td>112,50 €</td></tr>"
            #expect(page.contains("<tr><th scope=\"row\">Totale</th>" + total))
            #expect(page.contains("<tr><th scope=\"row\">maggio 2026</th>" + total))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Famiglia Rossi</th><td>2</td><td>3</td><td>3</td><td>3</td><td>0</td><td>0</td>"
                        + "<td>0</td><td>100,0</td><td>2</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Famiglia Gialli</th><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td>"
                        + "<td>1</td><td>–</td><td>0</td></tr>"))
            // The family is named by its first booking's name, never by its codice fiscale.
            #expect(!page.contains("RSSMRA80A01H501U") && !page.contains("Rossi Mario"))
            #expect(
                page.contains(
                    "href=\"/operator/prova/rendicontazione.csv?calendario=gruppi&amp;dal=2026-05-25&amp;al=2026-05-31\""
                ))
            let backwards = try await Browser.get(
                client, "/operator/prova/rendicontazione?calendario=gruppi&dal=2026-05-31&al=2026-05-25",
                session: session)
            #expect(backwards.status == .unprocessableContent)
            let unknown = try await Browser.get(
                client, "/operator/prova/rendicontazione?calendario=nessuno", session: session)
            #expect(unknown.status == .notFound)
        }
    }

    @Test(
        "the period's days read as every typed date, where the browser has no date picker",
        arguments: ["25/05/2026", "2026-05-25", "\u{FF12}\u{FF15}/\u{FF10}\u{FF15}/\u{FF12}\u{FF10}\u{FF12}\u{FF16}"])
    func typedDays(from: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let query = "calendario=gruppi&dal=\(from)&al=31/05/2026"
            let response = try await Browser.get(
                client,
                "/operator/prova/rendicontazione?"
                    + query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["+"]))!,
                session: session)
            #expect(response.status == .ok)
            #expect(
                String(buffer: response.body).contains(
                    "<caption>Per risorsa: Gruppi di studio, dal 25 maggio 2026 al 31 maggio 2026</caption>"))
        }
    }

    /// The CSV of the week of 25 May to Monday 1 June: per resource, per month (June's slot of 15:00
    /// has not started at noon, so June is zeros), per family.
    static let weekCSV =
        "\u{FEFF}Rendicontazione;Gruppi di studio\r\nDal;25/05/2026\r\nAl;01/06/2026\r\n\r\nPer risorsa\r\n"
        + "Risorsa;Turni svolti;Ore erogate;Posti prenotati;Presenze;Assenze;Assenze giustificate;Da segnare;"
        + "Tasso di presenza (%);Famiglie;Bambini seguiti;Costo\r\n"
        + "Anna, tutor;2;3;5;3;1;1;0;60,0;1;2;75,00\r\n" + "Bruno, tutor;1;1,5;3;2;0;0;1;100,0;1;2;37,50\r\n"
        + "Totale;3;4,5;8;5;1;1;1;71,4;2;4;112,50\r\n\r\nPer mese\r\n"
        + "Mese;Turni svolti;Ore erogate;Posti prenotati;Presenze;Assenze;Assenze giustificate;Da segnare;"
        + "Tasso di presenza (%);Famiglie;Bambini seguiti;Costo\r\n"
        + "maggio 2026;3;4,5;8;5;1;1;1;71,4;2;4;112,50\r\n" + "giugno 2026;0;0;0;0;0;0;0;;0;0;0,00\r\n"
        + "Totale;3;4,5;8;5;1;1;1;71,4;2;4;112,50\r\n\r\nPer famiglia\r\n"
        + "Famiglia;Turni frequentati;Ore di frequenza;Posti prenotati;Presenze;Assenze;Assenze giustificate;"
        + "Da segnare;Tasso di presenza (%);Bambini seguiti\r\n"
        + "Famiglia Bianchi;0;0;1;0;1;0;0;0,0;0\r\n" + "Famiglia Gialli;0;0;1;0;0;0;1;;0\r\n"
        + "Famiglia Neri;1;1,5;2;2;0;0;0;100,0;2\r\n" + "Famiglia Rossi;2;3;3;3;0;0;0;100,0;2\r\n"
        + "Famiglia Verdi;0;0;1;0;0;1;0;0,0;0\r\n"

    @Test("the CSV has exact bytes, is audited, and piazza report --calendar prints the same bytes")
    func csv() async throws {
        let operators = try await Browser()
        try await Self.storeWeek(operators)
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let web = try await Browser.get(
                client, "/operator/prova/rendicontazione.csv?calendario=gruppi&dal=2026-05-25&al=2026-06-01",
                session: session)
            #expect(web.status == .ok)
            #expect(web.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(
                web.headers[.contentDisposition]
                    == "attachment; filename=\"prova-rendicontazione-gruppi-2026-06-01.csv\"")
            let bytes = Array(web.body.readableBytesView)
            #expect(String(decoding: bytes, as: UTF8.self) == Self.weekCSV)
            let database = try #require(operators.app.portals["prova"]).database
            let logged = try await database.auditPage(before: nil, limit: 1)
            #expect(logged.first?.action == AuditAction.export.rawValue)
            #expect(logged.first?.detail == "rendicontazione gruppi 2026-05-25 2026-06-01")
            let report = ReportCommand(
                config: operators.fixture.config, content: try .load(from: operators.fixture.config.contentFolder),
                clock: { IntakeFixture.now })
            var printed: [UInt8] = []
            try await report.writeRendicontazione(
                portal: "prova", calendar: "gruppi", since: "2026-05-25", until: "01/06/2026"
            ) { printed += Array($0.readableBytesView) }
            #expect(printed == bytes)
            // Without a period: this month up to today, on both sides.
            let month = try await Browser.get(
                client, "/operator/prova/rendicontazione.csv?calendario=gruppi", session: session)
            printed = []
            try await report.writeRendicontazione(portal: "prova", calendar: "gruppi", since: nil, until: nil) {
                printed += Array($0.readableBytesView)
            }
            #expect(printed == Array(month.body.readableBytesView))
            #expect(String(decoding: printed, as: UTF8.self).contains("Dal;01/06/2026\r\nAl;01/06/2026\r\n"))
            let backwards = try await Browser.get(
                client, "/operator/prova/rendicontazione.csv?calendario=gruppi&dal=2026-05-31&al=2026-05-25",
                session: session)
            #expect(backwards.status == .unprocessableContent)
            let tutor = try await Browser.session(client, "tutor")
            let refused = try await Browser.get(
                client, "/operator/prova/rendicontazione.csv?calendario=gruppi", session: tutor)
            #expect(refused.status == .notFound)
            let foreign = try await Browser.get(
                client, "/operator/prova/rendicontazione.csv?calendario=gruppi",
                session: try await Browser.session(client, "bruno"))
            #expect(foreign.status == .notFound)
        }
    }

    @Test(
        "piazza report --calendar refuses an unknown calendar, a bad date, --until alone and a period that ends before it starts"
    )
    func reportErrors() async throws {
        let fixture = try IntakeFixture()
        let report = ReportCommand(
            config: fixture.config, content: try .load(from: fixture.config.contentFolder), clock: { IntakeFixture.now }
        )
        let cases: [(String, String?, String?, ReportError.Code)] = [
            ("nessuno", nil, nil, .unknownCalendar), ("gruppi", "31/02/2026", nil, .invalidDate),
            ("gruppi", nil, "domani", .invalidDate), ("gruppi", "2026-05-31", "2026-05-25", .invalidDate),
            // The back office's one rule of a period (PeriodQuery): --until alone is refused, not given a start.
            ("gruppi", nil, "2026-05-31", .invalidDate), ("gruppi", "2026-06-02", nil, .invalidDate),
        ]
        for (calendar, since, until, code) in cases {
            do {
                try await report.writeRendicontazione(portal: "prova", calendar: calendar, since: since, until: until) {
                    _ in
                }
                Issue.record("\(calendar) \(since ?? "") \(until ?? "") was not refused")
            } catch let error as ReportError {
                #expect(error.code == code && error.exitCode == 1)
            }
        }
    }

    @Test("two families with the same name are told apart by their contact; a name is a guarded text cell in the CSV")
    func familyNames() async throws {
        let operators = try await Browser()
        let database = try #require(operators.app.portals["prova"]).database
        let rows = [
            ("2026-05-25T15:00-tutor-anna", "Famiglia Rossi", "049 111"),
            ("2026-05-25T15:00-tutor-anna", "Famiglia Rossi", "049 222"),
            ("2026-05-26T15:00-tutor-anna", "=1+1", "049 333"),
        ]
        for (slot, name, contact) in rows {
            let draft = BookingDraft(
                calendarID: "gruppi", slotID: slot, seats: 1, name: name, contact: contact, applicationNumber: nil,
                fiscalCode: nil, bookedAt: IntakeFixture.now.addingTimeInterval(-864_000))
            guard case .stored = try await database.storeBooking(draft, capacity: 2) else {
                throw AttendanceTests.BookingNotStored()
            }
        }
        let calendar = try #require(operators.app.portals["prova"]?.portal.calendar(id: "gruppi"))
        let report = try await Rendicontazione.read(
            calendar, from: try #require(ContentDate(iso: "2026-05-25")),
            until: try #require(ContentDate(iso: "2026-05-31")), now: IntakeFixture.now, database: database)
        #expect(report.families.map(\.label) == ["=1+1", "Famiglia Rossi (049 111)", "Famiglia Rossi (049 222)"])
        let csv = String(buffer: report.csv)
        #expect(csv.contains("\r\n'=1+1;0;0;1;0;0;0;1;;0\r\n"))
        #expect(!csv.contains("049 333"))
    }

    @Test("the months of a period are the calendar months it touches, in order, across a year's end")
    func months() throws {
        let months = Rendicontazione.months(
            from: try #require(ContentDate(iso: "2026-11-30")), until: try #require(ContentDate(iso: "2027-02-01")))
        #expect(months.map(\.italianMonth) == ["novembre 2026", "dicembre 2026", "gennaio 2027", "febbraio 2027"])
    }

    @Test(
        "hours are written with at most two decimals", arguments: [(90, "1.5"), (60, "1"), (20, "0.33"), (45, "0.75")])
    func hours(minutes: Int, text: String) {
        var figures = Rendicontazione.Figures(label: "x")
        figures.minutes = minutes
        #expect(figures.hours == text)
    }
}
