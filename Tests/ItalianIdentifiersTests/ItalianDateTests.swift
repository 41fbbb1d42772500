import Foundation
import ItalianIdentifiers
import Testing

@Suite("ItalianDate")
struct ItalianDateTests {
    @Test(
        "Dates in Italian and ISO formats are parsed",
        arguments: [
            ("29/02/2024", "2024-02-29"), ("1/3/2024", "2024-03-01"), ("01-03-2024", "2024-03-01"),
            ("2024-02-29", "2024-02-29"), ("31.12.1999", "1999-12-31"), (" 5/6/2020 ", "2020-06-05"),
            ("29/02/2000", "2000-02-29"), ("2024-2-3", "2024-02-03"), ("01/01/1900", "1900-01-01"),
            ("2100-12-31", "2100-12-31"),
        ]
    )
    func validDates(input: String, iso: String) throws {
        #expect(try ItalianDate(input).iso == iso)
    }

    @Test(
        "Impossible or malformed dates are rejected",
        arguments: [
            ("31/02/2024", IdentifierError.Code.date), ("29/02/2023", .date), ("29/02/1900", .date),
            ("31/04/2024", .date), ("31/13/2024", .date), ("00/01/2024", .date), ("01/00/2024", .date),
            ("0000-01-01", .date), ("1/1/24", .format), ("01/01/02024", .format), ("2024/02/29", .format),
            ("29-02/2024", .format), ("abc", .format), ("29/02", .format), ("29//2024", .format),
            ("100/01/2024", .format), ("2024-02-29T10:00", .format), ("", .empty), ("  ", .empty),
            ("31/12/9999", .range), ("9999-12-31", .range), ("31/12/1899", .range), ("01/01/2101", .range),
            ("01/01/0001", .range), ("31/12/0999", .range),
        ]
    )
    func invalidDates(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) { _ = try ItalianDate.parse(input) }
        #expect(error?.code == code)
    }

    @Test("A year outside 1900–2100 is told which years are accepted")
    func outOfRangeMessage() {
        let error = #expect(throws: IdentifierError.self) { _ = try ItalianDate("31/12/9999") }
        #expect(error?.message == "L'anno 9999 è fuori dagli anni accettati: scrivi un anno dal 1900 al 2100.")
    }

    @Test(
        "Adding days crosses months, years and leap days, and stops at 0001-01-01 and 9999-12-31 instead of trapping",
        arguments: [
            ("2024-02-28", 1, "2024-02-29"), ("2024-12-31", 1, "2025-01-01"), ("2026-03-01", -1, "2026-02-28"),
            ("2100-12-31", 1, "2101-01-01"), ("1900-01-01", -1, "1899-12-31"), ("2026-06-01", 3_000_000, "9999-12-31"),
            ("2026-06-01", -3_000_000, "0001-01-01"), ("2026-06-01", Int.max, "9999-12-31"),
            ("2026-06-01", Int.min, "0001-01-01"),
        ])
    func addingDays(start: String, days: Int, result: String) throws {
        #expect(try ItalianDate(start).adding(days: days).iso == result)
    }

    @Test("A two-digit year is explained")
    func twoDigitYearMessage() {
        let error = #expect(throws: IdentifierError.self) { _ = try ItalianDate("31/12/80") }
        #expect(error?.message.contains("4 cifre") == true)
    }

    @Test("Dates expose ISO and Italian strings")
    func strings() throws {
        let date = try ItalianDate(year: 2024, month: 2, day: 29)
        #expect(date.iso == "2024-02-29")
        #expect(date.italian == "29/02/2024")
        #expect(date.italianLong == "29 febbraio 2024")
        #expect(date.description == "29/02/2024")
    }

    @Test("Dates are ordered chronologically")
    func ordering() throws {
        let dates = try ["2024-01-02", "01/01/2024", "31/12/2023", "2024-02-01"].map(ItalianDate.init)
        #expect(dates.sorted().map(\.iso) == ["2023-12-31", "2024-01-01", "2024-01-02", "2024-02-01"])
        #expect(Set(try [ItalianDate("1/1/2024"), ItalianDate("2024-01-01")]).count == 1)
    }

    @Test(
        "Whole years count birthdays",
        arguments: [
            ("1945-04-25", "2025-04-24", 79), ("1945-04-25", "2025-04-25", 80), ("2004-02-29", "2022-02-28", 17),
            ("2004-02-29", "2022-03-01", 18), ("2025-01-01", "2024-01-01", -1),
        ]
    )
    func wholeYears(from: String, to: String, years: Int) throws {
        #expect(try ItalianDate(from).wholeYears(until: ItalianDate(to)) == years)
    }

    @Test("Leap years follow the Gregorian rules")
    func leapYears() {
        #expect(ItalianDate.isLeapYear(2024))
        #expect(ItalianDate.isLeapYear(2000))
        #expect(!ItalianDate.isLeapYear(1900))
        #expect(!ItalianDate.isLeapYear(2023))
        #expect(ItalianDate.isValid(year: 2024, month: 2, day: 29))
        #expect(!ItalianDate.isValid(year: 2023, month: 2, day: 29))
    }

    @Test("Dates convert to and from Foundation dates in Italian time")
    func foundationConversion() throws {
        let date = try ItalianDate(year: 2024, month: 3, day: 31)
        let instant = try #require(date.date())
        #expect(ItalianDate(instant) == date)
        // 2024-03-30T23:30:00Z is already 31 March in Rome (UTC+1).
        let lateEvening = Date(timeIntervalSince1970: 1_711_841_400)
        #expect(ItalianDate(lateEvening).iso == "2024-03-31")
        #expect(ItalianDate(lateEvening, timeZone: TimeZone(identifier: "UTC")).iso == "2024-03-30")
    }

    @Test(
        "The day and its midnight in Rome, named or by default, and in another zone, across the change of time",
        arguments: [
            // 2024-10-26T22:30:00Z: 00:30 of 27 October in Rome (summer time, UTC+2).
            (1_729_981_800, "Europe/Rome", "2024-10-27"), (1_729_981_800, "UTC", "2024-10-26"),
            // 2024-12-31T23:30:00Z: already 2025 in Rome, still 2024 in New York.
            (1_735_687_800, "Europe/Rome", "2025-01-01"), (1_735_687_800, "America/New_York", "2024-12-31"),
        ])
    func zones(seconds: Int, zone: String, day: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
        let date = ItalianDate(instant, timeZone: timeZone)
        #expect(date.iso == day)
        if zone == "Europe/Rome" { #expect(ItalianDate(instant) == date) }
        let midnight = try #require(date.date(timeZone: timeZone))
        #expect(ItalianDate(midnight, timeZone: timeZone) == date)
        #expect(ItalianDate(midnight.addingTimeInterval(-1), timeZone: timeZone) != date)
        #expect(midnight <= instant && instant.timeIntervalSince(midnight) < 86_400)
    }

    @Test("The day in Rome of instants asked in any order, each hour of a year and the seconds around its midnights")
    func remembersTheLastDay() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Rome"))
        // 2024-01-01T00:00:00Z onwards: both changes of time, 29 February, and back and forth between days.
        let start = 1_704_067_200
        var instants: [Date] = []
        for hour in 0..<(366 * 24) {
            let instant = Date(timeIntervalSince1970: TimeInterval(start + hour * 3600))
            let midnight = calendar.startOfDay(for: instant)
            instants += [instant, midnight, midnight.addingTimeInterval(-0.001), instant.addingTimeInterval(-86_400)]
        }
        for instant in instants {
            let parts = calendar.dateComponents([.year, .month, .day], from: instant)
            let expected = try ItalianDate(year: try #require(parts.year), month: parts.month!, day: parts.day!)
            #expect(ItalianDate(instant) == expected, "\(instant)")
            #expect(ItalianDate(instant, timeZone: calendar.timeZone) == expected, "\(instant)")
        }
    }

    @Test("Dates are encoded as ISO strings")
    func codable() throws {
        let date = try ItalianDate("29/02/2024")
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([ItalianDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([ItalianDate].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
    }
}
