/// The formats of the exports, on the web and from `piazza report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For Italian Excel (``ExcelCSV``).
    case csv
    /// For programs: an array of objects, amounts in cents, instants ISO 8601 UTC, answers as stored.
    case json
    /// An Excel workbook (Office Open XML, ``SpreadsheetML``): numbers, dates and text as such.
    case xlsx

    /// The `Content-Type` of a download.
    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}
