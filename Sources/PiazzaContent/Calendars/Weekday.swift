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
