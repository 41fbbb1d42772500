import Foundation
import PiazzaContent
import Testing

/// The one rule every date of content goes through (``ItalianDate/parse(iso:)``): a well-formed date that does
/// not exist is told why, as the daemon tells citizens; a malformed one is told the format.
@Suite("A date that does not exist is told why, wherever content writes it")
struct ContentDateRuleTests {
    @Test(
        "a day that does not exist says why and how to fix it; a malformed date is only malformed",
        arguments: [
            ("2026-11-31", ContentDateProblem.impossible("November 2026 has 30 days; check the day and the month")),
            (
                "2026-02-29",
                .impossible("February 2026 has 28 days (2026 is not a leap year); check the day and the month")
            ),
            ("2026-13-01", .impossible("there is no month 13; months go from 01 to 12")),
            ("2026-00-10", .impossible("there is no month 00; months go from 01 to 12")),
            ("2026-11-00", .impossible("there is no day 00; days go from 01 to 30")),
            ("0000-01-01", .impossible("there is no year 0000; write the year with 4 digits, e.g. 2026")),
            ("30/11/2026", .malformed), ("2026-1-30", .malformed), ("+026-01-01", .malformed),
            ("2026-11-3a", .malformed), ("", .malformed), ("9999-12-31", .outOfRange), ("0001-01-01", .outOfRange),
            ("1899-12-31", .outOfRange), ("2101-01-01", .outOfRange),
        ])
    func problems(text: String, problem: ContentDateProblem) {
        #expect(throws: problem) { try ContentDate.parse(iso: text) }
        #expect(ContentDate(iso: text) == nil)
    }

    @Test("the last day of each month, 29 February of a leap year, parse", arguments: ["2024-02-29", "2026-11-30"])
    func realDays(text: String) throws {
        #expect(try ContentDate.parse(iso: text).iso == text)
    }

    @Test(
        "a date and time says which part does not exist",
        arguments: [
            ("2026-08-31 25:00", ContentDateProblem.impossible("there is no hour 25; hours go from 00 to 23")),
            ("2026-08-31 12:60", .impossible("there is no minute 60; minutes go from 00 to 59")),
            ("2026-11-31 12:00", .impossible("November 2026 has 30 days; check the day and the month")),
            ("2026-08-31 9:00", .malformed), ("2026-08-31T12:00", .malformed),
        ])
    func dateTimes(text: String, problem: ContentDateProblem) {
        #expect(throws: problem) { try ContentDateTime.parse(text) }
    }

    /// A date field of each kind: in `file`, `original` is replaced by `written` with `DATE` for the date; the
    /// error is at `line:column`, about `subject`, and shows the value with `time` after the date.
    struct Field: Sendable, CustomTestStringConvertible {
        var file: String
        var original: String
        var written: String
        var subject: String
        var time = ""
        var line: Int
        var column: Int
        var testDescription: String { subject }
    }

    static let fields = [
        Field(
            file: "alfa/notizie/prima.md", original: "date: 2026-09-01", written: "date: DATE",
            subject: "`date` in news front matter", line: 3, column: 7),
        Field(
            file: "alfa/misure/buoni.md", original: "closes: 2026-12-15", written: "closes: DATE",
            subject: "`closes` in measure front matter", line: 7, column: 9),
        Field(
            file: "alfa/portal.yaml", original: "description:", written: "updated: DATE\ndescription:",
            subject: "`updated` in portal.yaml", line: 6, column: 10),
        Field(
            file: "_shared/forms/iscrizione.yaml", original: "closes: 2026-12-15 12:00", written: "closes: DATE 12:00",
            subject: "`closes` in form", time: " 12:00", line: 4, column: 9),
        Field(
            file: "_shared/forms/iscrizione.yaml", original: "{ name: nome, type: text, label: Nome, required: true }",
            written: "{ name: nome, type: date, label: Nome, required: true, min: DATE }", subject: "`min`",
            line: 10, column: 69),
    ]

    @Test(
        "front matter, portal.yaml, a bando window, a form's window and a date field's bound say why a day does not exist",
        arguments: fields,
        [
            ("2026-11-31", "November 2026 has 30 days; check the day and the month"),
            ("2026-02-29", "February 2026 has 28 days (2026 is not a leap year); check the day and the month"),
            ("2026-13-01", "there is no month 13; months go from 01 to 12"),
            ("2026-11-00", "there is no day 00; days go from 01 to 30"),
        ])
    func everyField(field: Field, date: (String, String)) throws {
        let content = try ContentFixture()
        let text = try content.read(field.file)
        #expect(text.contains(field.original))
        try content.write(
            field.file,
            text.replacingOccurrences(
                of: field.original, with: field.written.replacingOccurrences(of: "DATE", with: date.0)))
        // A form that does not load is also missing for the measure and the service that name it.
        #expect(
            content.diagnostics().filter { $0.file == field.file }.map(\.description) == [
                "\(field.file):\(field.line):\(field.column): error: \(field.subject) is '\(date.0)\(field.time)', which does not exist: \(date.1)"
            ])
    }

    @Test("a malformed date keeps the format to write")
    func malformed() throws {
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 31/11/2026\n---\n\nTesto.\n")
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/notizie/prima.md:3:7: error: `date` in news front matter is '31/11/2026', not a real date; write it as YYYY-MM-DD, e.g. 2026-03-31"
        )
    }
}
