/// A day of the week, written in calendars in Italian (`lunedì` or `lunedi`).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    case lunedi = 1, martedi, mercoledi, giovedi, venerdi, sabato, domenica

    /// The name as calendars write it, with its accent.
    public var name: String {
        switch self {
        case .lunedi: return "lunedì"
        case .martedi: return "martedì"
        case .mercoledi: return "mercoledì"
        case .giovedi: return "giovedì"
        case .venerdi: return "venerdì"
        case .sabato: return "sabato"
        case .domenica: return "domenica"
        }
    }

    /// Reads `lunedì` or `lunedi` in any case; `nil` for anything else.
    public init?(name: String) {
        let word = name.lowercased().replacingOccurrences(of: "ì", with: "i")
        guard let day = Self.allCases.first(where: { $0.name.replacingOccurrences(of: "ì", with: "i") == word }) else {
            return nil
        }
        self = day
    }

    /// The day of the week of a date (proleptic Gregorian).
    public init(of date: ContentDate) {
        // 1970-01-01 was a Thursday.
        let offset = (date.daysSince1970 % 7 + 7 + 3) % 7
        self = Weekday(rawValue: offset + 1)!
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ContentDate {
    /// Days from 1970-01-01 (negative before it), by the civil-from-days algorithm (H. Hinnant).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after this one (before it when negative).
    public func adding(days: Int) -> ContentDate {
        let z = daysSince1970 + days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return try! ContentDate(year: year, month: month, day: day)
    }
}
