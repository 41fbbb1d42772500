import Foundation

/// One typed cell of a report: what it holds decides how each format writes it (``ExcelCSV``).
///
/// Typed rather than text so that amounts and dates reach Excel as numbers and dates, and so that
/// only free text, which a citizen may have typed, gets the formula-injection guard.
enum ReportValue: Sendable, Hashable {
    /// Free text: names, labels, anything a person typed.
    case text(String)
    /// Text that names something by its digits: a partita IVA, a CAP, a telephone number, an IBAN, a
    /// codice fiscale, a voucher's code. Kept as text where a format could read it as a number and
    /// drop its leading zeros (``ExcelCSV/identifierText(_:)``); otherwise as ``text(_:)``.
    case identifier(String)
    /// A whole number (a count).
    case integer(Int)
    /// An amount in euro cents.
    case amount(cents: Int)
    /// A decimal number as stored, with a dot (`12.5`, ``PiazzaContent/AnswerValue/number(_:)``).
    case decimal(String)
    /// A calendar date, ISO `YYYY-MM-DD` as stored.
    case date(String)
    /// An instant, shown in Rome's time.
    case instant(Date)
    /// No value.
    case empty
}
