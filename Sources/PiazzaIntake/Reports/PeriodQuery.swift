import Foundation
import ItalianIdentifiers
import PiazzaContent

/// The period of a back-office report, export or download, from its query's `dal` and `al`: the one
/// rule of every route that takes a period (the rimborsi page, a shop's statement and its CSV, the
/// SEPA file, the rendicontazione and its CSV, the applications export).
///
/// | `dal` | `al` | period |
/// |---|---|---|
/// | – | – | the route's default (the previous month for the rimborsi, this month up to today for the rendicontazione, every day for an export) |
/// | given | – | from `dal` up to today |
/// | – | given | refused at `dal`: a period needs its first day |
/// | given | given | from `dal` to `al` |
///
/// A parameter absent and one sent empty (a form's field left blank) are the same. A value that is
/// not a day (``ItalianDate``: `gg/mm/aaaa` or what an `<input type="date">` sends, `aaaa-mm-gg`), or a
/// day of a year outside ``ItalianDate/acceptedYears``, is refused at its field, `al` before `dal` at `al`, a period longer than the route allows at `al`.
enum PeriodQuery {
    /// Why the query is not a period, at the field to correct.
    struct Problem: Error, Sendable, Hashable {
        /// Which rule of the table refuses it, for a message in another language (`piazza report`).
        enum Kind: Sendable, Hashable {
            /// `al` without `dal`.
            case missingStart
            /// The text of `field` is not a day.
            case notADay(String)
            /// The text of `field` is a day of a year outside ``ItalianDate/acceptedYears`` (`9999-12-31`).
            case outOfRange(String)
            /// `al` before `dal`, or, without `al`, `dal` after today.
            case inverted
            /// Longer than the route's most days.
            case tooLong(Int)
        }

        /// `dal` or `al`: the parameter, which is also the id of the form's field.
        var field: String
        var kind: Kind
        /// Italian: what is wrong, where, and how to write it.
        var message: String
    }

    /// The period the query asks, or `fallback` when it names no day.
    ///
    /// - Parameters:
    ///   - value: the query's first value of a parameter.
    ///   - today: the day in Rome, the end of a period given by its first day only.
    ///   - longestDays: the most days the route reads, both ends included; `nil` for no limit.
    /// - Throws: ``Problem`` as the type's table says.
    static func read(
        _ value: (String) -> String?, today: ContentDate, fallback: ClosedRange<ContentDate>?, longestDays: Int? = nil
    ) throws(Problem) -> ClosedRange<ContentDate>? {
        let typed = (from: text(value("dal")), until: text(value("al")))
        guard let fromText = typed.from else {
            guard typed.until == nil else {
                throw Problem(
                    field: "dal", kind: .missingStart,
                    message: "Manca la data «Dal»: scrivi il primo giorno del periodo, come 01/11/2026, oppure lascia "
                        + "vuote entrambe le date.")
            }
            return fallback
        }
        let from = try day(fromText, field: "dal", label: "Dal")
        // Without `al`, the period runs to today.
        let until = try typed.until.map { (text) throws(Problem) in try day(text, field: "al", label: "Al") } ?? today
        guard from <= until else {
            throw typed.until == nil
                ? Problem(
                    field: "dal", kind: .inverted,
                    message: "La data «Dal» (\(from.italian)) è dopo oggi: senza la data «Al» il periodo arriva a "
                        + "oggi. Scegli un giorno fino a oggi, o scrivi anche la data «Al».")
                : Problem(
                    field: "al", kind: .inverted,
                    message: "La data «Al» (\(until.italian)) è prima della data «Dal» (\(from.italian)): scambiale, "
                        + "o correggi una delle due.")
        }
        return try limited(from...until, longestDays)
    }

    /// `text` trimmed, `nil` when nothing is left.
    private static func text(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    private static func day(_ text: String, field: String, label: String) throws(Problem) -> ContentDate {
        do {
            return try ItalianDate(text)
        } catch  where error.code == .range {
            let years = ItalianDate.acceptedYears
            throw Problem(
                field: field, kind: .outOfRange(text),
                message: "La data «\(label)» «\(text)» è fuori dagli anni accettati, dal \(years.lowerBound) al "
                    + "\(years.upperBound): correggi l'anno, ad esempio 30/11/2026.")
        } catch {
            throw Problem(
                field: field, kind: .notADay(text),
                message: "La data «\(label)» «\(text)» non è valida: \(error.message) Scrivila come 30/11/2026.")
        }
    }

    private static func limited(_ period: ClosedRange<ContentDate>, _ longestDays: Int?) throws(Problem)
        -> ClosedRange<ContentDate>
    {
        if let longestDays, period.lowerBound.adding(days: longestDays - 1) < period.upperBound {
            throw Problem(
                field: "al", kind: .tooLong(longestDays),
                message: "Il periodo dal \(period.lowerBound.italian) al \(period.upperBound.italian) è più lungo di "
                    + "\(longestDays) giorni, il massimo: accorcialo, ad esempio a un mese.")
        }
        return period
    }
}
