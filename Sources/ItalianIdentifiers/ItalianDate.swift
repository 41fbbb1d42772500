/// A calendar date (year, month, day) in the proleptic Gregorian calendar, without time or time zone.
///
/// Parses the formats Italian citizens commonly type in forms:
/// - `gg/mm/aaaa` and `g/m/aaaa` (also with `-` or `.` as separator), e.g. `29/02/2024`, `1/3/2024`, `01-03-2024`;
/// - ISO 8601 `aaaa-mm-gg`, e.g. `2024-02-29` (what an HTML `<input type="date">` sends).
///
/// Two-digit years are rejected, as are dates that do not exist (`31/02/2024`, `29/02/2023`).
///
/// ```swift
/// let date = try ItalianDate("29/02/2024")
/// date.iso      // "2024-02-29"
/// date.italian  // "29/02/2024"
/// ```
public struct ItalianDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// Creates a date from its components, checking that the date exists.
    ///
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/date`` if the date does not exist
    ///   or the year is outside 1–9999.
    public init(year: Int, month: Int, day: Int) throws(IdentifierError) {
        guard (1...9999).contains(year) else {
            throw IdentifierError(code: .date, message: "L'anno deve avere 4 cifre, ad esempio 1985.")
        }
        guard (1...12).contains(month) else {
            throw IdentifierError(code: .date, message: "Il mese deve essere un numero da 1 a 12.")
        }
        let maximumDay = Self.numberOfDays(inMonth: month, year: year)
        guard (1...maximumDay).contains(day) else {
            throw IdentifierError(
                code: .date,
                message: "Questa data non esiste: \(Self.monthNames[month - 1]) \(year) ha \(maximumDay) giorni. "
                    + "Controlla il giorno e il mese."
            )
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date from components already known to be valid.
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The years of a date someone types (a citizen in a form, an operator in a filter, the command line, an
    /// editor in content): 1900–2100. Wider than any birth, deadline or period of a welfare case, and narrow
    /// enough that a slip of the keyboard (`31/12/9999`, `01/01/0001`) is told at its field instead of
    /// reaching a computation of days, and that a day or two either side of any accepted date exists.
    public static let acceptedYears = 1900...2100

    /// Parses a date written as `gg/mm/aaaa`, `g/m/aaaa`, `gg-mm-aaaa`, `gg.mm.aaaa` or ISO `aaaa-mm-gg`.
    ///
    /// Surrounding white space is ignored.
    ///
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/empty``, ``IdentifierError/Code/format``
    ///   (wrong shape, two-digit year), ``IdentifierError/Code/date`` (the date does not exist) or
    ///   ``IdentifierError/Code/range`` (a year outside ``acceptedYears``).
    public init(_ text: String) throws(IdentifierError) {
        let bytes = ASCII.trimmedUppercased(text)
        guard !bytes.isEmpty else {
            throw IdentifierError(code: .empty, message: "Inserisci una data, ad esempio 31/12/1980.")
        }
        let separators: Set<UInt8> = [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")]
        var fields: [ArraySlice<UInt8>] = []
        var separator: UInt8?
        var start = bytes.startIndex
        for index in bytes.indices where separators.contains(bytes[index]) {
            if let separator, separator != bytes[index] {
                throw Self.formatError
            }
            separator = bytes[index]
            fields.append(bytes[start..<index])
            start = index + 1
        }
        fields.append(bytes[start..<bytes.endIndex])
        guard fields.count == 3, fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy(ASCII.isDigit) }) else {
            throw Self.formatError
        }
        let year: Int
        let month: Int
        let day: Int
        if fields[0].count == 4 {
            // ISO: aaaa-mm-gg
            guard separator == UInt8(ascii: "-"), fields[1].count <= 2, fields[2].count <= 2 else {
                throw Self.formatError
            }
            year = ASCII.integer(fields[0])!
            month = ASCII.integer(fields[1])!
            day = ASCII.integer(fields[2])!
        } else {
            guard fields[0].count <= 2, fields[1].count <= 2 else { throw Self.formatError }
            guard fields[2].count == 4 else {
                throw IdentifierError(
                    code: .format,
                    message: "Scrivi l'anno con 4 cifre, ad esempio 31/12/1980 invece di 31/12/80."
                )
            }
            day = ASCII.integer(fields[0])!
            month = ASCII.integer(fields[1])!
            year = ASCII.integer(fields[2])!
        }
        try self.init(year: year, month: month, day: day)
        guard Self.acceptedYears.contains(year) else {
            throw IdentifierError(
                code: .range,
                message: "L'anno \(Self.pad(year, 4)) è fuori dagli anni accettati: scrivi un anno dal "
                    + "\(Self.acceptedYears.lowerBound) al \(Self.acceptedYears.upperBound).")
        }
    }

    private static let formatError = IdentifierError(
        code: .format,
        message: "Scrivi la data nel formato gg/mm/aaaa, ad esempio 31/12/1980."
    )

    static let monthNames = [
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
        "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
    ]

    /// The ISO 8601 form `aaaa-mm-gg`, e.g. `"2024-02-29"`.
    public var iso: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// The Italian form `gg/mm/aaaa`, e.g. `"29/02/2024"`.
    public var italian: String {
        "\(Self.pad(day, 2))/\(Self.pad(month, 2))/\(Self.pad(year, 4))"
    }

    /// The month and year in Italian, e.g. `"febbraio 2024"`.
    public var italianMonth: String {
        "\(Self.monthNames[month - 1]) \(year)"
    }

    /// The Italian long form, e.g. `"29 febbraio 2024"`.
    public var italianLong: String {
        "\(day) \(Self.monthNames[month - 1]) \(year)"
    }

    /// The Italian form `gg/mm/aaaa` (same as ``italian``).
    public var description: String { italian }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month (1–12) of a given year.
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether the given components form an existing date.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month)
            && (1...numberOfDays(inMonth: month, year: year)).contains(day)
    }

    /// The number of whole years from this date to `other` (for example the age on a given day).
    ///
    /// Someone born on 29 February turns a year older on 1 March in non-leap years.
    /// Returns a negative number if `other` is earlier than this date.
    public func wholeYears(until other: ItalianDate) -> Int {
        guard other >= self else { return -other.wholeYears(until: self) }
        let years = other.year - year
        return (other.month, other.day) < (month, day) ? years - 1 : years
    }

    /// Orders dates chronologically.
    public static func < (lhs: ItalianDate, rhs: ItalianDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension ItalianDate: TextIdentifier {
    /// The ISO 8601 form (``iso``), used for encoding; ``init(_:)`` accepts it.
    public var normalizedText: String { iso }
}
