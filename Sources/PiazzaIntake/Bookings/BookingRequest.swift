import Foundation
import ItalianIdentifiers
import PiazzaContent

/// What a family posted from a slot's booking form, checked: the fields of docs/CALENDARS.md
/// (`posti`, `nome`, `contatto`, `numero_pratica` and `codice_fiscale` with `requires_form`,
/// `consenso`, and `attesa` from a full slot's page), read with the typed-text rules of forms.
struct BookingRequest: Sendable, Hashable {
    var seats: Int
    var name: String
    var contact: String
    /// The accepted application's numero pratica (as stored, ``CaseNumber``) and its applicant's codice
    /// fiscale, with `requires_form`.
    var application: ApplicationReference?
    /// Whether the family asked to wait for a seat if the slot is full (`attesa=si`, posted by the
    /// full slot's page of a calendar with `waitlist`); always `false` on a calendar without it.
    var joinsWaitlist = false

    struct ApplicationReference: Sendable, Hashable {
        var number: String
        var fiscalCode: String
    }

    /// The fields that post this request again, to join the waiting list from the full slot's page.
    var waitlistFields: [(name: String, value: String)] {
        var fields = [("posti", String(seats)), ("nome", name), ("contatto", contact)]
        if let application {
            fields += [("numero_pratica", application.number), ("codice_fiscale", application.fiscalCode)]
        }
        return fields + [("consenso", "si"), ("attesa", "si")]
    }

    /// The longest `nome` and `contatto`, in characters, as the page's `maxlength` says.
    static let textLimit = 100
    /// The longest `numero_pratica`, in characters.
    static let numberLimit = 40

    /// The most bytes read of a value posted under `name`; `nil` for a name the form does not have
    /// (``PostedForm/parse(contentType:body:fileLimit:byteLimit:)`` skips it).
    static func postedByteLimit(forName name: String) -> Int? {
        switch name {
        case "posti", "consenso", "attesa": 16
        case "nome", "contatto": textLimit * TypedText.scalarsPerCharacter * 4 + 4
        case "numero_pratica", "codice_fiscale": numberLimit * TypedText.scalarsPerCharacter * 4 + 4
        default: nil
        }
    }

    /// Reads a posted booking form for `calendar`.
    ///
    /// - Parameter now: the instant of the post; the century of a codice fiscale is taken from it.
    /// - Returns: the request, or every problem as an Italian sentence naming its field, in form order.
    static func read(_ posted: PostedForm, calendar: CalendarDefinition, now: Date)
        -> Result<BookingRequest, Problems>
    {
        var problems: [String] = []
        func value(_ name: String, _ label: String) -> String? {
            let values = posted.values[name] ?? []
            if values.count > 1 {
                problems.append("\(label): il campo è stato inviato due volte; ricarica la pagina e riprova.")
                return nil
            }
            let text = TypedText.normalized(values.first ?? "")
            if text.isEmpty { problems.append("\(label): questo campo è obbligatorio.") }
            return text.isEmpty ? nil : text
        }
        func bounded(_ text: String?, _ label: String, limit: Int) -> String? {
            guard let text else { return nil }
            do {
                try TypedText.checkLength(text, limit: limit)
                return text
            } catch {
                problems.append("\(label): \(error.message)")
                return nil
            }
        }
        let party = calendar.partySize
        let seats = value("posti", "Posti da prenotare").flatMap { Int(TypedText.identifier($0)) }
        if posted.values["posti"]?.count == 1, seats.map({ !party.contains($0) }) ?? true {
            problems.append(
                "Posti da prenotare: scegli un numero da \(party.lowerBound) a \(party.upperBound).")
        }
        let name = bounded(value("nome", "Nome e cognome"), "Nome e cognome", limit: textLimit)
        var contact = bounded(value("contatto", "Telefono o email"), "Telefono o email", limit: textLimit)
        if let typed = contact {
            contact = ContactText.telephoneOrEmail(typed)
            if contact == nil {
                problems.append(
                    "Telefono o email: scrivi un numero di telefono (ad esempio 049 1234567) "
                        + "o un indirizzo email completo (ad esempio nome@esempio.it).")
            }
        }
        var application: ApplicationReference?
        if case .acceptedApplication = calendar.eligibility {
            var number: String?
            if let typed = bounded(value("numero_pratica", "Numero pratica"), "Numero pratica", limit: numberLimit) {
                number = CaseNumber.canonical(typed)
                if number == nil {
                    problems.append(
                        "Numero pratica: «\(typed)» non è un numero pratica: scrivilo come sulla ricevuta della "
                            + "domanda (\(CaseNumber.example)).")
                }
            }
            var fiscalCode: String?
            if let typed = value("codice_fiscale", "Codice fiscale") {
                do {
                    fiscalCode = try FiscalCode(typed, referenceDate: ItalianDate(now)).value
                } catch {
                    problems.append("Codice fiscale: \(error.message)")
                }
            }
            if let number, let fiscalCode { application = ApplicationReference(number: number, fiscalCode: fiscalCode) }
        }
        if posted.values["consenso"] != ["si"] {
            problems.append("Informativa sulla privacy: per prenotare devi spuntare la casella.")
        }
        guard problems.isEmpty, let seats, let name, let contact else { return .failure(Problems(messages: problems)) }
        return .success(
            BookingRequest(
                seats: seats, name: name, contact: contact, application: application,
                joinsWaitlist: calendar.waitlist && posted.values["attesa"] == ["si"]))
    }

    /// What is wrong with a posted booking form, one Italian sentence per problem.
    struct Problems: Error, Sendable, Hashable {
        var messages: [String]
    }
}
