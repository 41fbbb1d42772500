import Foundation
import PiazzaContent
import Testing

@Suite("The term to conclude a form's cases (L. 241/1990 art. 2)")
struct ResponseTermTests {
    @Test("a form's own response_days win; else the shortest term of the services linking it; else 30 days")
    func resolution() throws {
        let content = try ContentFixture()
        let field = "      - { name: nome, type: text, label: Nome }\n"
        try content.write(
            "alfa/forms/proprio.yaml",
            FormDefinitionErrorTests.header.replacingOccurrences(
                of: "retention_years: 5", with: "retention_years: 5\nresponse_days: 45") + field)
        try content.write("alfa/forms/senza.yaml", FormDefinitionErrorTests.header + field)
        let portal = try #require(try content.load().portal("alfa"))
        // `servizi/tutor.md` links `iscrizione` with max_response_days: 15.
        #expect(portal.responseTerm(of: try #require(portal.form(id: "iscrizione"))).days == 15)
        #expect(portal.responseTerm(of: try #require(portal.form(id: "proprio"))).days == 45)
        #expect(portal.responseTerm(of: try #require(portal.form(id: "senza"))).days == ResponseTerm.legalDefault)
        #expect(ResponseTerm.legalDefault == 30)
    }

    @Test("response_days over 180 (art. 2 comma 4) or not a whole number is an error at the key")
    func outOfRange() throws {
        for value in ["181", "0", "trenta"] {
            let content = try ContentFixture()
            try content.write(
                "alfa/forms/prova.yaml",
                FormDefinitionErrorTests.header.replacingOccurrences(
                    of: "retention_years: 5", with: "retention_years: 5\nresponse_days: \(value)")
                    + "      - { name: nome, type: text, label: Nome }\n")
            let diagnostic = try content.onlyDiagnostic()
            #expect(diagnostic.file == "alfa/forms/prova.yaml" && diagnostic.line == 7, "\(value)")
            #expect(diagnostic.message.contains("`response_days`"), "\(diagnostic.message)")
        }
    }

    @Test(
        "the deadline is the day of receipt in Rome plus the term; past it from the next day, also across DST",
        arguments: [
            ("2026-06-01 12:00", 30, "01/07/2026"), ("2026-06-01 00:30", 30, "01/07/2026"),
            ("2026-03-01 23:30", 30, "31/03/2026"), ("2026-10-20 10:00", 10, "30/10/2026"),
            ("2026-12-31 23:59", 1, "01/01/2027"),
        ])
    func deadline(received: String, days: Int, expected: String) throws {
        let term = ResponseTerm(days: days)
        let instant = try #require(ContentDateTime(received)).instant
        let deadline = term.deadline(receivedAt: instant)
        #expect(deadline.italian == expected)
        // The query's form of the rule agrees: received before the cutoff of the day after the deadline.
        #expect(instant < term.overdueBefore(today: deadline.adding(days: 1)))
        #expect(instant >= term.overdueBefore(today: deadline))
    }

    static func instant(_ text: String) throws -> Date { try #require(ContentDateTime(text)).instant }

    @Test(
        "a request for documents suspends the term by the Rome days it waits, at most 30 (art. 2 comma 7), across DST too",
        arguments: [
            // Received 1 June (deadline 1 July), asked 10 June, answered 22 June: 12 days more.
            ("2026-06-10 09:00", "2026-06-22 18:00" as String?, "2026-08-01", "13/07/2026"),
            // Answered the same day: no day more.
            ("2026-06-10 09:00", "2026-06-10 18:00", "2026-08-01", "01/07/2026"),
            // Still waiting on 20 June: 10 days so far.
            ("2026-06-10 09:00", nil, "2026-06-20", "11/07/2026"),
            // Waiting 40 days: 30 at most.
            ("2026-06-10 09:00", nil, "2026-07-20", "31/07/2026"),
            ("2026-06-10 09:00", "2026-08-01 09:00", "2026-08-01", "31/07/2026"),
            // Asked after the deadline: a term that ran out is not revived.
            ("2026-07-02 09:00", "2026-07-05 09:00", "2026-07-06", "01/07/2026"),
            // Asked on the deadline itself: it counts.
            ("2026-07-01 09:00", "2026-07-05 09:00", "2026-07-06", "05/07/2026"),
        ])
    func suspension(requested: String, answered: String?, today: String, expected: String) throws {
        let suspension = TermSuspension(
            requestedAt: try Self.instant(requested), answeredAt: try answered.map(Self.instant))
        let deadline = ResponseTerm(days: 30).deadline(
            receivedAt: try Self.instant("2026-06-01 12:00"), suspension: suspension,
            today: try #require(ContentDate(iso: today)))
        #expect(deadline.italian == expected)
    }

    @Test(
        "suspended days are calendar days in Rome, not 24-hour periods: a day with a change of clock counts one",
        arguments: [
            // 47.5 hours over the October change (a 25-hour day): 2 days, not 1.
            ("2026-10-24 12:00", "2026-10-26 10:30", 2),
            // Over the March change (a 23-hour day): 47 hours, and 24 hours from a Saturday evening to
            // the Monday just after midnight, 2 days each.
            ("2026-03-27 23:30", "2026-03-29 23:30", 2), ("2026-03-28 23:30", "2026-03-30 00:30", 2),
            // Ten minutes over midnight: one day.
            ("2026-06-10 23:55", "2026-06-11 00:05", 1),
        ])
    func suspensionDays(requested: String, answered: String, days: Int) throws {
        let suspension = TermSuspension(
            requestedAt: try Self.instant(requested), answeredAt: try Self.instant(answered))
        #expect(suspension.days(today: try #require(ContentDate(iso: "2026-12-31"))) == days)
    }
}
