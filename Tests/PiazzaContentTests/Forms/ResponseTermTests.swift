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
}
