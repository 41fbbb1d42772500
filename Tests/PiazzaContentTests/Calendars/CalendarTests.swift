import Foundation
import PiazzaContent
import Testing

/// A valid calendar: `resources:` is line 5, `slots:` line 8, the first rule line 9.
let calendarHeader = """
    title: Pomeriggi con il tutor
    description: Compiti in piccoli gruppi.
    capacity: 3
    party_size: { min: 1, max: 3 }
    resources:
      - { id: tutor-anna, name: "Anna, tutor", place: Biblioteca civica }
      - { id: aula, name: Aula studio, capacity: 10 }
    slots:

    """

/// Loads `alfa/calendars/prova.yaml` written with `text` from the fixture tree.
func loadCalendar(_ text: String) throws -> CalendarDefinition {
    let content = try ContentFixture()
    try content.write("alfa/calendars/prova.yaml", text)
    return try #require(try content.load().portal("alfa")?.calendar(id: "prova"))
}

@Suite("Calendar slots are expanded from weekly rules, closures and extra slots")
struct CalendarSlotTests {
    @Test("weekly rules give one slot per weekday in the range, minus closures, plus extra slots")
    func expansion() throws {
        let calendar = try loadCalendar(
            calendarHeader + """
                  - { resource: tutor-anna, weekdays: [lunedì, giovedi], start: "15:00", end: "16:30", from: 2026-11-30, until: 2026-12-14 }
                closures:
                  - { date: 2026-12-07, reason: Ponte }
                  - { from: 2026-12-10, until: 2026-12-11, resource: aula }
                extra_slots:
                  - { resource: tutor-anna, date: 2026-12-12, start: "10:00", end: "11:00" }
                  - { resource: aula, date: 2026-12-10, start: "10:00", end: "12:00" }

                """)
        // 30/11 lun, 3/12 gio, [7/12 lun chiuso], 10/12 gio, 14/12 lun (last day of the range, included).
        #expect(
            calendar.slots.map(\.id) == [
                "2026-11-30T15:00-tutor-anna", "2026-12-03T15:00-tutor-anna", "2026-12-10T10:00-aula",
                "2026-12-10T15:00-tutor-anna", "2026-12-12T10:00-tutor-anna", "2026-12-14T15:00-tutor-anna",
            ])
        #expect(calendar.slots.map(\.capacity) == [3, 3, 10, 3, 3, 3])
        #expect(calendar.slots.first?.minutes == 90)
        #expect(calendar.slots.first?.startInstant == ISO8601DateFormatter().date(from: "2026-11-30T14:00:00Z"))
    }

    @Test(
        "a slot's instant follows Rome's clock across the daylight saving changes",
        arguments: [
            ("2026-10-24", "2026-10-24T13:00:00Z", 180),  // Saturday, still CEST (UTC+2)
            ("2026-10-25", "2026-10-25T14:00:00Z", 180),  // last Sunday of October: CET from 03:00 CEST
            ("2027-03-27", "2027-03-27T14:00:00Z", 180),  // Saturday, CET (UTC+1)
            ("2027-03-28", "2027-03-28T13:00:00Z", 180),  // last Sunday of March: CEST
        ])
    func daylightSaving(day: String, utcStart: String, minutes: Int) throws {
        let calendar = try loadCalendar(
            calendarHeader + """
                  - { resource: tutor-anna, weekdays: [sabato, domenica], start: "15:00", end: "18:00", from: 2026-10-24, until: 2027-03-28 }

                """)
        let slot = try #require(calendar.slot(id: "\(day)T15:00-tutor-anna"))
        #expect(slot.startInstant == ISO8601DateFormatter().date(from: utcStart))
        #expect(slot.minutes == minutes)
    }

    @Test("a night slot across the change lasts what the clock says: one hour less in March, one more in October")
    func lengthAcrossTheChange() throws {
        let calendar = try loadCalendar(
            calendarHeader + """
                  - { resource: aula, weekdays: [domenica], start: "01:00", end: "04:00", from: 2026-10-18, until: 2027-03-28 }

                """)
        #expect(calendar.slot(id: "2026-10-18T01:00-aula")?.minutes == 180)
        #expect(calendar.slot(id: "2026-10-25T01:00-aula")?.minutes == 240)
        #expect(calendar.slot(id: "2027-03-28T01:00-aula")?.minutes == 120)
        #expect(calendar.slots.count == 24)
    }

    @Test("the booking window opens at midnight in Rome N days before and closes N hours before the start")
    func bookingWindow() throws {
        let calendar = try loadCalendar(
            calendarHeader + """
                  - { resource: tutor-anna, weekdays: [giovedì], start: "15:00", end: "16:00", from: 2026-12-03, until: 2026-12-03 }
                booking_window: { opens_days_before: 7, closes_hours_before: 24 }
                cancel_hours_before: 48

                """)
        let slot = try #require(calendar.slots.first)
        let iso = ISO8601DateFormatter()
        #expect(calendar.bookingOpens(for: slot) == iso.date(from: "2026-11-25T23:00:00Z"))
        #expect(calendar.bookingState(of: slot, at: iso.date(from: "2026-11-25T22:59:59Z")!) == .notYetOpen)
        #expect(calendar.bookingState(of: slot, at: iso.date(from: "2026-11-25T23:00:00Z")!) == .open)
        #expect(calendar.bookingState(of: slot, at: iso.date(from: "2026-12-02T13:59:59Z")!) == .open)
        #expect(calendar.bookingState(of: slot, at: iso.date(from: "2026-12-02T14:00:00Z")!) == .closed)
        #expect(calendar.cancelDeadline(for: slot) == iso.date(from: "2026-12-01T14:00:00Z"))
    }

    @Test("a link to calendars/ID.yaml resolves to the calendar's page")
    func link() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/calendars/prova.yaml",
            calendarHeader
                + "  - { resource: aula, weekdays: [lunedì], start: \"15:00\", end: \"16:00\", from: 2026-12-07, until: 2026-12-07 }\n"
        )
        let portal = try #require(try content.load().portal("alfa"))
        #expect(
            portal.resolve("/calendars/prova.yaml", from: "servizi/tutor.md") == .internalPath("prenotazioni/prova/"))
        #expect(portal.resolve("../calendars/altro.yaml", from: "servizi/tutor.md") == .missing("calendars/altro.yaml"))
    }
}

@Suite("Calendar schema errors are located in the calendar file")
struct CalendarErrorTests {
    static let rule =
        "  - { resource: tutor-anna, weekdays: [lunedì], start: \"15:00\", end: \"16:00\", from: 2026-12-07, until: 2026-12-21 }\n"

    @Test(
        "each fault is one error at its line and column",
        arguments: [
            (
                rule + "colour: blu\n", 10, 1,
                "unknown key `colour` in calendar; allowed keys: booking_window, cancel_hours_before, capacity, closures, cost_per_hour, description, education, extra_slots, party_size, requires_form, resources, retention_months, slots, title, waitlist"
            ),
            (rule + "waitlist: \"si\"\n", 10, 11, "`waitlist` in calendar must be true or false, without quotes"),
            (
                "  - { resource: tutor-anna, weekdays: [lunedì], start: \"25:00\", end: \"16:00\", from: 2026-12-07, until: 2026-12-21 }\n",
                9, 56, "`start` in a slot rule is '25:00', not a time; write HH:MM, e.g. 15:00"
            ),
            (
                "  - { resource: tutor-anna, weekdays: [lunedì], start: \"15:00\", end: \"14:00\", from: 2026-12-07, until: 2026-12-21 }\n",
                9, 70, "`end` (14:00) is not after `start` (15:00); a slot ends on its day"
            ),
            (
                "  - { resource: tutor-anna, weekdays: [lunedì], start: \"02:30\", end: \"04:00\", from: 2026-12-07, until: 2026-12-21 }\n",
                9, 56,
                "`start` 02:30 is in the hour Rome's clock skips or repeats when daylight saving time changes (02:00-02:59); choose another time"
            ),
            (
                "  - { resource: tutor-bea, weekdays: [lunedì], start: \"15:00\", end: \"16:00\", from: 2026-12-07, until: 2026-12-21 }\n",
                9, 17, "resource 'tutor-bea' is not declared in `resources`; declared: aula, tutor-anna"
            ),
            (
                "  - { resource: aula, weekdays: [lunedi, lundì], start: \"15:00\", end: \"16:00\", from: 2026-12-07, until: 2026-12-21 }\n",
                9, 42,
                "'lundì' is not a day of the week; use: lunedì, martedì, mercoledì, giovedì, venerdì, sabato, domenica"
            ),
            (
                "  - { resource: aula, weekdays: [lunedì], start: \"15:00\", end: \"16:00\", from: 2026-12-21, until: 2026-12-07 }\n",
                9, 98, "`until` (2026-12-07) is before `from` (2026-12-21); swap them"
            ),
            (
                rule
                    + "  - { resource: tutor-anna, weekdays: [lunedì], start: \"15:30\", end: \"17:00\", from: 2026-12-14, until: 2026-12-14 }\n",
                10, 5,
                "slot 2026-12-14T15:30-tutor-anna overlaps 2026-12-14T15:00-tutor-anna of the same resource (rule at line 9); change the times, days or dates"
            ),
            (
                rule + "requires_form: nessuno\n", 10, 1,
                "requires_form 'nessuno' not found in forms/; forms are: iscrizione"
            ),
        ] as [(String, Int, Int, String)])
    func fault(body: String, line: Int, column: Int, message: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/calendars/prova.yaml", calendarHeader + body)
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/calendars/prova.yaml")
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(diagnostic.message == message)
    }

    @Test("a party larger than a slot's seats is an error at `max`")
    func partyLargerThanCapacity() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/calendars/prova.yaml",
            calendarHeader.replacingOccurrences(of: "max: 3", with: "max: 4") + Self.rule)
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/calendars/prova.yaml:4:28: error: `max` of `party_size` (4) is more than the `capacity` of a slot (3)"
        )
    }
}

@Suite("Calendars are found like forms: in a portal or in _shared, the portal's file winning")
struct CalendarPlacementTests {
    static let calendar =
        calendarHeader
        + "  - { resource: aula, weekdays: [lunedì], start: \"15:00\", end: \"16:00\", from: 2026-12-07, until: 2026-12-07 }\n"

    @Test("a calendar in _shared belongs to every portal; a portal's own file with the same name replaces it")
    func shared() throws {
        let content = try ContentFixture()
        try content.write("_shared/calendars/prova.yaml", Self.calendar)
        try content.write(
            "beta/calendars/prova.yaml",
            Self.calendar.replacingOccurrences(of: "\"15:00\", end: \"16:00\"", with: "\"17:00\", end: \"18:00\""))
        let tree = try content.load()
        #expect(tree.portal("alfa")?.calendar(id: "prova")?.slots.map(\.id) == ["2026-12-07T15:00-aula"])
        #expect(tree.portal("beta")?.calendar(id: "prova")?.slots.map(\.id) == ["2026-12-07T17:00-aula"])
        #expect(tree.portal("beta")?.calendar(id: "prova")?.source == "beta/calendars/prova.yaml")
    }

    @Test("an empty calendar file is an error at line 1")
    func empty() throws {
        let content = try ContentFixture()
        try content.write("alfa/calendars/prova.yaml", "# nulla\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/calendars/prova.yaml:1:1: error: the calendar file is empty (or only comments); write the calendar, starting with `title: ...` (see docs/CALENDARS.md)"
        )
    }

    @Test("a page published at the calendar's address is an error naming the calendar")
    func publishedPathClash() throws {
        let content = try ContentFixture()
        try content.write("alfa/calendars/prova.yaml", Self.calendar)
        try content.write("alfa/prenotazioni/prova.md", "---\ntitle: Prenota\n---\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/prenotazioni/prova.md:1:1: error: this page is published at 'prenotazioni/prova/', like alfa/calendars/prova.yaml; rename or move one of them"
        )
    }

    @Test("a service booking a calendar that does not exist is an error at `booking:`")
    func missingBookingCalendar() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter.replacingOccurrences(
                of: "access:\n  place: Municipio", with: "access:\n  booking: /calendars/nessuno.yaml")
                + serviceBody())
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/servizi/prova.md")
        #expect(
            diagnostic.message
                == "booking page '/calendars/nessuno.yaml' resolves to 'calendars/nessuno.yaml', which does not exist")
    }
}
