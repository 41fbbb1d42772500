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

    /// The answers by posted name, to show the form again when the booking is refused after its fields were read.
    var answers: [String: String] {
        Dictionary(waitlistFields.map { ($0.name, $0.value) }) { first, _ in first }
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
    /// - Returns: the request, or every problem at its field, in form order, with what was typed.
    static func read(_ posted: PostedForm, calendar: CalendarDefinition, now: Date)
        -> Result<BookingRequest, Problems>
    {
        var problems: [Problem] = []
        func value(_ name: String, _ label: String) -> String? {
            let values = posted.values[name] ?? []
            if values.count > 1 {
                problems.append(
                    Problem(name, label, "il campo è stato inviato due volte; ricarica la pagina e riprova."))
                return nil
            }
            let text = TypedText.normalized(values.first ?? "")
            if text.isEmpty { problems.append(Problem(name, label, "questo campo è obbligatorio.")) }
            return text.isEmpty ? nil : text
        }
        func bounded(_ name: String, _ label: String, limit: Int) -> String? {
            guard let text = value(name, label) else { return nil }
            do {
                try TypedText.checkLength(text, limit: limit)
                return text
            } catch {
                problems.append(Problem(name, label, error.message))
                return nil
            }
        }
        let party = calendar.partySize
        let seats = value("posti", "Posti da prenotare").flatMap { Int(TypedText.identifier($0)) }
        if posted.values["posti"]?.count == 1, seats.map({ !party.contains($0) }) ?? true {
            problems.append(
                Problem("posti", "Posti da prenotare", "scegli un numero da \(party.lowerBound) a \(party.upperBound).")
            )
        }
        let name = bounded("nome", "Nome e cognome", limit: textLimit)
        var contact = bounded("contatto", "Telefono o email", limit: textLimit)
        if let typed = contact {
            contact = ContactText.telephoneOrEmail(typed)
            if contact == nil {
                problems.append(
                    Problem(
                        "contatto", "Telefono o email",
                        "scrivi un numero di telefono (ad esempio 049 1234567) "
                            + "o un indirizzo email completo (ad esempio nome@esempio.it)."))
            }
        }
        var application: ApplicationReference?
        if case .acceptedApplication = calendar.eligibility {
            var number: String?
            if let typed = bounded("numero_pratica", "Numero pratica", limit: numberLimit) {
                number = CaseNumber.canonical(typed)
                if number == nil {
                    problems.append(
                        Problem(
                            "numero_pratica", "Numero pratica",
                            "«\(typed)» non è un numero pratica: scrivilo come sulla ricevuta della "
                                + "domanda (\(CaseNumber.example))."))
                }
            }
            var fiscalCode: String?
            if let typed = value("codice_fiscale", "Codice fiscale") {
                do {
                    fiscalCode = try FiscalCode(typed, referenceDate: ItalianDate(now)).value
                } catch {
                    problems.append(Problem("codice_fiscale", "Codice fiscale", error.message))
                }
            }
            if let number, let fiscalCode { application = ApplicationReference(number: number, fiscalCode: fiscalCode) }
        }
        if posted.values["consenso"] != ["si"] {
            problems.append(Problem("consenso", "Informativa sulla privacy", "per prenotare devi spuntare la casella."))
        }
        guard problems.isEmpty, let seats, let name, let contact else {
            return .failure(Problems(problems: problems, typed: typed(posted)))
        }
        return .success(
            BookingRequest(
                seats: seats, name: name, contact: contact, application: application,
                joinsWaitlist: calendar.waitlist && posted.values["attesa"] == ["si"]))
    }

    /// One problem of a posted booking form, at its field.
    struct Problem: Sendable, Hashable {
        /// The posted name (`nome`, `consenso`, …).
        var name: String
        var label: String
        /// Italian, after the label: `questo campo è obbligatorio.`
        var message: String

        init(_ name: String, _ label: String, _ message: String) {
            self.name = name
            self.label = label
            self.message = message
        }
    }

    /// What is wrong with a posted booking form, and what was typed, to show the form again.
    struct Problems: Error, Sendable, Hashable {
        var problems: [Problem]
        /// The first value posted under each of the form's names, normalised as typed text (``typed(_:)``).
        var typed: [String: String]
    }

    /// The names of a slot's booking form.
    static let names = ["posti", "nome", "contatto", "numero_pratica", "codice_fiscale", "consenso"]

    /// What was typed in the form, to show it again: each name's first value, normalised as typed text and cut to
    /// the length its input allows.
    static func typed(_ posted: PostedForm) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: names.compactMap { name in
                posted.values[name]?.first.map {
                    (name, String(TypedText.normalized($0).prefix(name == "numero_pratica" ? numberLimit : textLimit)))
                }
            })
    }
}
