import Foundation
import ItalianIdentifiers

/// What a field accepts beyond its type, decided once when the form is loaded: the form file's
/// `max_length`, `min`, `max`, `accept` and `max_bytes` parsed and checked there (a bad value is a
/// `file:line:column` error of the form), or the defaults below. Validation and rendering read these
/// typed values; nothing reads the YAML text again.
public enum FieldRule: Sendable, Hashable {
    /// Types without settings: email, tel, select, radio, checkbox, consent, identifiers, isee.
    case none
    /// `text` and `textarea`: the most user-perceived characters (`max_length`; defaults
    /// ``defaultTextLength`` and ``defaultTextareaLength``).
    case text(maxLength: Int)
    /// `number`: inclusive bounds.
    case number(Bounds<Decimal>)
    /// `money`: inclusive bounds in euro.
    case money(Bounds<Money>)
    /// `date`: inclusive bounds, each a day or `today`.
    case date(Bounds<DateBound>)
    /// `file`: accepted types and size.
    case file(FileRule)
    /// `group`: how many rows.
    case group(RowRule)

    /// `max_length` of a `text` field without one.
    public static let defaultTextLength = 200
    /// `max_length` of a `textarea` field without one.
    public static let defaultTextareaLength = 2000
    /// The `max_length` a form may set.
    public static let maxLengthRange = 1...100_000
}

/// Inclusive lower and upper bounds; either may be absent.
public struct Bounds<Value: Sendable & Hashable>: Sendable, Hashable {
    public var min: Value?
    public var max: Value?

    public init(min: Value? = nil, max: Value? = nil) {
        self.min = min
        self.max = max
    }
}

/// A bound of a date field: a fixed day (`YYYY-MM-DD` in the form) or `today`, the day of submission.
public enum DateBound: Sendable, Hashable {
    case today
    case day(ContentDate)

    /// Reads `today` or `YYYY-MM-DD`, the day by the one date rule (``ItalianDate/parse(iso:)``).
    ///
    /// - Throws: the ``ContentDateProblem`` of a text that is neither.
    public static func parse(_ text: String) throws(ContentDateProblem) -> DateBound {
        text == "today" ? .today : .day(try ContentDate.parse(iso: text))
    }

    /// The day this bound stands for when `today` is the day of submission (Europe/Rome).
    public func date(today: ItalianDate) -> ItalianDate {
        switch self {
        case .today: today
        case .day(let day): day
        }
    }
}

/// What a `file` field accepts.
public struct FileRule: Sendable, Hashable {
    /// MIME types, as the daemon detects them from the file's first bytes.
    public var accept: [String]
    /// The largest upload in bytes.
    public var maxBytes: Int

    /// `accept` of a file field without one: PDF, JPEG, PNG.
    public static let defaultAccept = ["application/pdf", "image/jpeg", "image/png"]
    /// `max_bytes` of a file field without one: 5 MiB.
    public static let defaultMaxBytes = 5_242_880
    /// The `max_bytes` a form may set: up to 100 MiB.
    public static let maxBytesRange = 1...104_857_600

    /// The form's values, or the defaults for those it leaves out (an empty `accept` included).
    public init(accept: [String]? = nil, maxBytes: Int? = nil) {
        self.accept = accept.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultAccept
        self.maxBytes = maxBytes ?? Self.defaultMaxBytes
    }

    /// `bytes` as a citizen reads a limit, rounded down so that it never tells more than is accepted: `5 MB`,
    /// `1,5 MB` (tenths of a MiB), `300 KB` (KiB), `500 byte`. Every page that tells a size limit tells this.
    public static func byteText(_ bytes: Int) -> String {
        if bytes >= 1_048_576 {
            let tenths = bytes * 10 / 1_048_576
            return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10),\(tenths % 10) MB"
        }
        return bytes >= 1024 ? "\(bytes / 1024) KB" : "\(bytes) byte"
    }
}

/// How many rows of a `group` field: at least ``minRows`` filled in, ``maxRows`` rendered.
public struct RowRule: Sendable, Hashable {
    public var minRows: Int
    public var maxRows: Int

    /// `min` of a group without one.
    public static let defaultMinRows = 0
    /// `max` of a group without one.
    public static let defaultMaxRows = 6
    /// The most rows a group may render.
    public static let largestMaxRows = 50

    public init(minRows: Int = defaultMinRows, maxRows: Int = defaultMaxRows) {
        self.minRows = minRows
        self.maxRows = maxRows
    }
}
