import Foundation
import ItalianIdentifiers
import PiazzaContent

/// The queue's filters and search, from the query of `GET /operator/{portal}/` (the filter form is
/// a `GET` form: a filtered page has an address, works without JavaScript, and the next page
/// keeps the filters).
///
/// | parameter | value |
/// |---|---|
/// | `stato` | a stored state (`presa_in_carico`); empty for all |
/// | `dal`, `al` | first and last day of submission, `gg/mm/aaaa`, days in Rome |
/// | `controlli` | `1`: only cases with a check that asks for a look (``CheckResult/asksForReview(_:)``) |
/// | `canale` | `online` or `assisted` |
/// | `scadute` | `1`: only cases past their deadline (``ResponseTerm``), never a final state |
/// | `cerca` | a numero pratica (`2026-0000042`, or `2026-42`) or a codice fiscale, any case and spacing; or, without digits, words of the applicant's names (``NameWords``) |
struct QueueFilter: Sendable, Hashable {
    /// What `cerca` looks for.
    enum Search: Sendable, Hashable {
        /// A numero pratica, written in full (`2026-0000042`).
        case number(String)
        /// A de-omocodified codice fiscale (``FiscalCode/canonicalValue``).
        case fiscalCode(String)
        /// Folded words (``NameWords/searched(_:)``), each the start of a word of the applicant's names.
        case name([String])
    }

    /// A value the filter form cannot use, with the field it came from.
    struct Problem: Error, Sendable, Hashable {
        /// The parameter, which is also the id of the form's field.
        var field: String
        /// Italian: what is wrong and how to write it.
        var message: String
    }

    var state: ApplicationState?
    /// The first and last day of submission, both included.
    var from: ContentDate?
    var to: ContentDate?
    var flagged = false
    var channel: SubmissionChannel?
    var overdue = false
    var search: Search?
    /// The parameters as the operator wrote them (trimmed), to fill the form again and to carry
    /// into the link of the next page.
    private(set) var typed: [String: String] = [:]

    /// The parameters, in the order of the form.
    static let names = ["cerca", "stato", "canale", "dal", "al", "controlli", "scadute"]

    /// Longest value read for a parameter; the rest is cut.
    static let valueBytes = 64

    /// Reads the filter parameters of a query (`name` → first value).
    ///
    /// - Returns: the filter and the problems found, one per parameter, in the form's order; with
    ///   problems the filter must not be applied.
    static func parse(_ value: (String) -> String?) -> (QueueFilter, [Problem]) {
        var filter = QueueFilter()
        var problems: [Problem] = []
        func problem(_ field: String, _ message: String) { problems.append(Problem(field: field, message: message)) }
        for name in names {
            guard let text = value(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
            filter.typed[name] = text
            switch name {
            case "cerca":
                do throws(Problem) { filter.search = try readSearch(text) } catch { problems.append(error) }
            case "stato":
                guard let state = ApplicationState(rawValue: text) else {
                    problem(name, "Lo stato «\(text)» non esiste: scegli uno degli stati dell'elenco.")
                    continue
                }
                filter.state = state
            case "canale":
                guard let channel = SubmissionChannel(rawValue: text) else {
                    problem(name, "Il canale «\(text)» non esiste: scegli online o assistita.")
                    continue
                }
                filter.channel = channel
            case "dal", "al":
                do {
                    let day = try ItalianDate(text)
                    if name == "dal" { filter.from = day } else { filter.to = day }
                } catch {
                    let label = name == "dal" ? "«Inviate dal»" : "«Inviate fino al»"
                    problem(name, "La data \(label) «\(text)» non è valida: \(error.message) Scrivila come 31/12/2026.")
                }
            default:
                guard text == "1" else {
                    problem(name, "Valore «\(text)» non previsto: spunta la casella o lasciala vuota.")
                    continue
                }
                if name == "controlli" { filter.flagged = true } else { filter.overdue = true }
            }
        }
        if let from = filter.from, let to = filter.to, to < from {
            problem(
                "al",
                "La data «Inviate fino al» (\(to.italian)) è prima della data «Inviate dal» (\(from.italian)): "
                    + "scambiale, o correggi una delle due.")
        }
        return (filter, problems)
    }

    /// A numero pratica (the one rule of ``CaseNumber``: `2026-42` is `2026-0000042`), a codice fiscale,
    /// or, for a text without digits (no name has any), the applicant's name. A text with digits that is
    /// neither number nor code is a problem saying why the code is not valid: it was meant as one.
    private static func readSearch(_ text: String) throws(Problem) -> Search {
        if let number = CaseNumber.canonical(text) { return .number(number) }
        if !text.contains(where: \.isNumber) {
            let words = NameWords.searched(text)
            guard words.isEmpty else { return .name(words) }
            throw Problem(field: "cerca", message: "«\(text)» non contiene lettere né cifre: puoi " + searchHelp)
        }
        do {
            return .fiscalCode(try FiscalCode(text).canonicalValue)
        } catch {
            throw Problem(
                field: "cerca",
                message: "«\(text)» non è un numero pratica (come \(CaseNumber.example)) né un codice fiscale valido: "
                    + error.message + " Per cercare per nome, scrivi il nome o il cognome senza cifre.")
        }
    }

    /// What the search takes, in Italian, completing «puoi …» in the messages that say how else to search.
    static let searchHelp =
        "cercare per numero pratica (come \(CaseNumber.example)), per codice fiscale o per nome e cognome del "
        + "richiedente (anche solo il cognome, o una parte come «Rossi» di «De Rossi»)."

    /// `name=value&…` of the parameters written, in the form's order, percent-encoded; empty without any.
    var query: String {
        Self.names.compactMap { name in
            typed[name].map { name + "=" + ($0.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "") }
        }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters: everything else in a value is percent-encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// What the operator wrote, by parameter.
    var typedValues: [String: String] { typed }

    /// Whether any filter or search is set.
    var isEmpty: Bool { typed.isEmpty }
}
