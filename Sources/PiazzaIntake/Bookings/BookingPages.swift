import Foundation
import PiazzaContent
import PiazzaRender

/// The booking pages of a portal: a booking's receipt, a full slot with the nearest free ones, a
/// form to fix. Texts are Italian; the `booking` template renders them in the portal's look.
extension Pages {
    /// The receipt of a booking: the slot in Rome's time, its resource and place, the seats and the
    /// state (with the place in line of a waiting booking, and the moment a waiting booking was
    /// confirmed), and the cancel button while the cancellation deadline has not passed.
    ///
    /// - Parameters:
    ///   - calendar: the booking's calendar, `nil` when it was removed from the content.
    ///   - receiptURL: the receipt's own path under the public prefix (`/r/{token}`); the cancel button
    ///     posts to `…/cancel`, the calendar file is `…/prenotazione.ics`.
    ///   - waitlistPosition: 1 for the first in line, for a waiting booking.
    func bookingReceipt(
        _ booking: BookingRecord, calendar: CalendarDefinition?, receiptURL: String, waitlistPosition: Int?, now: Date
    ) throws(ThemeError) -> String {
        let slot = calendar?.slot(id: booking.slotID)
        let resource = slot.flatMap { calendar?.resource(id: $0.resource) }
        var details = [BookingView.Detail(label: "Servizio", value: calendar?.title ?? booking.calendarID)]
        details.append(.init(label: "Turno", value: slot.map(Self.slotText) ?? booking.slotID))
        if let resource { details.append(.init(label: "Con", value: resource.name)) }
        if let place = resource?.place { details.append(.init(label: "Luogo", value: place)) }
        details += [
            .init(label: "Posti", value: String(booking.seats)),
            .init(label: "Stato", value: Self.stateLabel(booking.state)),
            .init(label: "Prenotata il", value: Self.dateTime(booking.bookedAt)),
        ]
        var paragraphs = ["Conserva questa pagina: il suo indirizzo è il modo per ritrovare la prenotazione."]
        switch booking.state {
        case .cancelled:
            paragraphs.append("La prenotazione è stata annullata e i posti sono tornati liberi.")
        case .waiting:
            paragraphs.append(
                "Il turno è al completo e sei in lista d'attesa"
                    + (waitlistPosition.map { $0 == 1 ? ": sei la prima famiglia in lista." : ", al posto \($0)." }
                        ?? ".")
                    + " Se una famiglia annulla, la prenotazione viene confermata in ordine di arrivo:"
                    + " ricontrolla questa pagina prima del turno.")
        case .confirmed:
            if let promoted = booking.promotedAt {
                paragraphs.append(
                    "Eri in lista d'attesa: il \(Self.dateTime(promoted)) si è liberato un posto e la prenotazione è confermata."
                )
            }
        }
        var action: String?
        if booking.state != .cancelled, let calendar, let slot {
            let deadline = calendar.cancelDeadline(for: slot)
            if now < deadline {
                paragraphs.append("Puoi annullare la prenotazione fino al \(Self.dateTime(deadline)).")
                action = receiptURL + "/cancel"
            } else {
                paragraphs.append("Il termine per annullare la prenotazione è passato.")
            }
        }
        let title =
            switch booking.state {
            case .confirmed: "Prenotazione confermata"
            case .waiting: "Prenotazione in lista d'attesa"
            case .cancelled: "Prenotazione annullata"
            }
        return try renderer.renderBooking(
            BookingView(
                title: title, details: details, paragraphs: paragraphs, cancelAction: action,
                calendarFile: slot == nil ? nil : receiptURL + "/prenotazione.ics",
                cancelLabel: booking.state == .waiting ? "Esci dalla lista d'attesa" : "Annulla la prenotazione"))
    }

    /// What the receipt calls a booking's state.
    static func stateLabel(_ state: BookingState) -> String {
        switch state {
        case .confirmed: "Confermata"
        case .waiting: "In lista d'attesa"
        case .cancelled: "Annullata"
        }
    }

    /// The page of a slot without the seats asked for, listing `alternatives` (nearest first in
    /// time, shown in start order) with links to them on the calendar page, and on a calendar with
    /// `waitlist` the button that joins the slot's list (`waitlist`).
    func bookingFull(
        _ calendar: CalendarDefinition, slot: Slot, seatsLeft: Int, alternatives: [(slot: Slot, seatsLeft: Int)],
        waitlist: BookingView.WaitlistOffer?
    ) throws(ThemeError) -> String {
        let left =
            seatsLeft == 0
            ? "Il turno di \(Self.slotText(slot)) è al completo."
            : "Il turno di \(Self.slotText(slot)) ha solo \(Self.free(seatsLeft))."
        let next =
            alternatives.isEmpty
            ? "Al momento non ci sono altri turni con posti liberi. Riprova più tardi: un posto può liberarsi."
            : "Questi turni hanno ancora posti liberi:"
        return try renderer.renderBooking(
            BookingView(
                title: "Turno al completo", paragraphs: [left + " La prenotazione non è stata registrata.", next],
                alternatives: alternatives.map {
                    BookingView.Alternative(
                        text: "\(Self.slotText($0.slot)): \(Self.free($0.seatsLeft))",
                        url: slotURL(calendar, $0.slot))
                },
                waitlist: waitlist))
    }

    /// The page of a booking form with problems (422): the slot's form again, as the calendar page publishes it,
    /// with what the family typed, each problem at its field and in a summary at the top, and a link back to the
    /// slot.
    ///
    /// - Parameter action: where the form posts, the daemon's own address of the slot.
    func bookingProblems(
        _ problems: BookingRequest.Problems, calendar: CalendarDefinition, slot: Slot, action: String
    ) throws(ThemeError) -> String {
        let id = slot.htmlID
        func error(_ name: String) -> String? {
            // At the field the message is a sentence of its own.
            problems.problems.first { $0.name == name }.map {
                $0.message.prefix(1).uppercased() + $0.message.dropFirst()
            }
        }
        func field(
            _ name: String, _ suffix: String, _ label: String, limit: Int, autocomplete: String? = nil,
            isCode: Bool = false
        ) -> BookingView.SlotForm.Field {
            .init(
                name: name, id: "\(id)-\(suffix)", label: label, value: problems.typed[name] ?? "", error: error(name),
                maxLength: limit, autocomplete: autocomplete, isCode: isCode)
        }
        var fields = [
            field("nome", "nome", "Nome e cognome", limit: BookingRequest.textLimit, autocomplete: "name"),
            field("contatto", "contatto", "Telefono o email", limit: BookingRequest.textLimit),
        ]
        if calendar.eligibility != .open {
            fields += [
                field(
                    "numero_pratica", "pratica", "Numero pratica della domanda accolta",
                    limit: BookingRequest.numberLimit),
                field(
                    "codice_fiscale", "cf", "Codice fiscale di chi ha presentato la domanda", limit: 16, isCode: true),
            ]
        }
        let inputs = ["posti": "\(id)-posti", "consenso": "\(id)-consenso"].merging(
            fields.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        let form = BookingView.SlotForm(
            action: action,
            legend: "Prenota il turno di \(slot.weekday.name) \(slot.date.longItalian) alle \(slot.start)",
            partyID: "\(id)-posti", party: calendar.partySize, partyValue: problems.typed["posti"] ?? "",
            partyError: error("posti"), fields: fields, consentID: "\(id)-consenso",
            consented: problems.typed["consenso"] == "si", consentError: error("consenso"),
            privacyURL: renderer.portal.config.baseURL + "/" + Page.url(forID: "privacy.md"),
            summary: problems.problems.map {
                BookingView.Alternative(text: "\($0.label): \($0.message)", url: "#" + (inputs[$0.name] ?? id))
            })
        return try renderer.renderBooking(
            BookingView(
                title: "Prenotazione non registrata",
                paragraphs: [
                    "La prenotazione del turno di \(Self.slotText(slot)) non è stata registrata: correggi i dati "
                        + "segnati e premi di nuovo «Prenota»."
                ],
                alternatives: [.init(text: "Torna al turno di \(Self.slotText(slot))", url: slotURL(calendar, slot))],
                form: form))
    }

    /// The slot's place on the published calendar page.
    private func slotURL(_ calendar: CalendarDefinition, _ slot: Slot) -> String {
        renderer.portal.config.baseURL + "/" + Portal.calendarURL(id: calendar.id) + "#" + slot.htmlID
    }

    /// `giovedì 3 dicembre 2026, dalle 15:00 alle 16:30`, in Rome.
    static func slotText(_ slot: Slot) -> String {
        "\(slot.weekday.name) \(slot.date.longItalian), dalle \(slot.start) alle \(slot.end)"
    }

    private static func free(_ count: Int) -> String { count == 1 ? "1 posto libero" : "\(count) posti liberi" }
}
