/// A booking page the daemon answers with: a booking's receipt, or a refused booking with the
/// nearest slots that still have seats. Texts are Italian and plain (the template escapes them).
public struct BookingView: Sendable, Hashable {
    /// A labelled value of the receipt box (`Turno`, `giovedì 3 dicembre 2026, 15:00–16:30`).
    public struct Detail: Sendable, Hashable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// A slot offered instead, linked to its place on the calendar page.
    public struct Alternative: Sendable, Hashable {
        public var text: String
        public var url: String

        public init(text: String, url: String) {
            self.text = text
            self.url = url
        }
    }

    /// The offer of a full slot to join its waiting list: a button posting the family's own
    /// answers again (`name`, `value` pairs, as hidden fields) with `attesa=si`.
    public struct WaitlistOffer: Sendable, Hashable {
        public var action: String
        public var fields: [Detail]

        public init(action: String, fields: [(name: String, value: String)]) {
            self.action = action
            self.fields = fields.map { Detail(label: $0.name, value: $0.value) }
        }
    }

    /// A slot's booking form shown again after a refused post (422): the fields of the calendar page's form with what
    /// the family typed, each problem at its field and in a summary linking to it, as a form page does.
    public struct SlotForm: Sendable, Hashable {
        /// A text input: `nome`, `contatto`, and with `requires_form` `numero_pratica` and `codice_fiscale`.
        public struct Field: Sendable, Hashable {
            public var name: String
            /// The input's `id`, unique on the page; its error is `{id}-error`.
            public var id: String
            public var label: String
            public var value: String
            public var error: String?
            public var maxLength: Int
            /// `autocomplete` (`name`), if any.
            public var autocomplete: String?
            /// A code typed in capitals, without spell checking (the codice fiscale).
            public var isCode: Bool

            public init(
                name: String, id: String, label: String, value: String, error: String?, maxLength: Int,
                autocomplete: String? = nil, isCode: Bool = false
            ) {
                self.name = name
                self.id = id
                self.label = label
                self.value = value
                self.error = error
                self.maxLength = maxLength
                self.autocomplete = autocomplete
                self.isCode = isCode
            }
        }

        /// The `POST` address of the slot.
        public var action: String
        /// `Prenota il turno di …`.
        public var legend: String
        /// The `posti` select's `id`.
        public var partyID: String
        /// The seats a booking may ask for; one value is posted as a hidden field.
        public var party: ClosedRange<Int>
        /// The seats posted, selected again when still one of ``party``.
        public var partyValue: String
        public var partyError: String?
        public var fields: [Field]
        /// The consent checkbox's `id`.
        public var consentID: String
        public var consented: Bool
        public var consentError: String?
        public var privacyURL: String
        /// The summary, in the order of the form: each problem as `label: message`, linked to its input.
        public var summary: [Alternative]

        public init(
            action: String, legend: String, partyID: String, party: ClosedRange<Int>, partyValue: String,
            partyError: String?, fields: [Field], consentID: String, consented: Bool, consentError: String?,
            privacyURL: String, summary: [Alternative]
        ) {
            self.action = action
            self.legend = legend
            self.partyID = partyID
            self.party = party
            self.partyValue = partyValue
            self.partyError = partyError
            self.fields = fields
            self.consentID = consentID
            self.consented = consented
            self.consentError = consentError
            self.privacyURL = privacyURL
            self.summary = summary
        }
    }

    public var title: String
    public var details: [Detail]
    public var paragraphs: [String]
    public var alternatives: [Alternative]
    /// The `POST` address of the cancel button; `nil` when the booking can no longer be cancelled.
    public var cancelAction: String?
    /// The address of the booking as an iCalendar file, on a receipt.
    public var calendarFile: String?
    /// On a full slot of a calendar with `waitlist`.
    public var waitlist: WaitlistOffer?
    /// The cancel button's text (`Annulla la prenotazione`, or leaving the waiting list).
    public var cancelLabel: String
    /// On a refused booking form: the form again.
    public var form: SlotForm?

    public init(
        title: String, details: [Detail] = [], paragraphs: [String], alternatives: [Alternative] = [],
        cancelAction: String? = nil, calendarFile: String? = nil, waitlist: WaitlistOffer? = nil,
        cancelLabel: String = "Annulla la prenotazione", form: SlotForm? = nil
    ) {
        self.form = form
        self.title = title
        self.details = details
        self.paragraphs = paragraphs
        self.alternatives = alternatives
        self.cancelAction = cancelAction
        self.calendarFile = calendarFile
        self.waitlist = waitlist
        self.cancelLabel = cancelLabel
    }
}

extension PortalRenderer {
    /// A booking page (``BookingView``), in the portal's look, from the `booking` template.
    public func renderBooking(_ view: BookingView) throws(ThemeError) -> String {
        let base = baseContext(
            title: view.title, description: nil, links: daemonLinks, layout: "booking", breadcrumb: [("Home", "")],
            section: "")
        let context: [String: Any] = [
            "details": view.details.map { ["label": $0.label, "value": $0.value] },
            "hasDetails": !view.details.isEmpty,
            "paragraphs": view.paragraphs.map { ["text": $0] },
            "alternatives": view.alternatives.map { ["text": $0.text, "url": $0.url] },
            "hasAlternatives": !view.alternatives.isEmpty,
            "cancelAction": view.cancelAction ?? false,
            "calendarFile": view.calendarFile ?? false,
            "cancelLabel": view.cancelLabel,
            "waitlist": view.waitlist.map {
                ["action": $0.action, "fields": $0.fields.map { ["name": $0.label, "value": $0.value] }]
            } ?? false,
            "form": view.form.map(Self.slotFormContext) ?? false,
        ]
        return try render("booking", base: base, ["booking": context])
    }

    private static func slotFormContext(_ form: BookingView.SlotForm) -> [String: Any] {
        [
            "action": form.action, "legend": form.legend, "partyID": form.partyID,
            "hasPartyChoice": form.party.count > 1,
            "partyOptions": form.party.map { ["value": String($0), "selected": String($0) == form.partyValue] },
            "partyFixed": form.party.count > 1 ? false : String(form.party.lowerBound),
            "partyError": form.partyError ?? false,
            "fields": form.fields.map {
                [
                    "name": $0.name, "id": $0.id, "label": $0.label, "value": $0.value, "error": $0.error ?? false,
                    "maxLength": String($0.maxLength), "autocomplete": $0.autocomplete ?? false, "isCode": $0.isCode,
                ] as [String: Any]
            },
            "consentID": form.consentID, "consented": form.consented, "consentError": form.consentError ?? false,
            "privacyURL": form.privacyURL,
            "hasErrors": !form.summary.isEmpty, "errorCount": String(form.summary.count),
            "errors": form.summary.map { ["text": $0.text, "href": $0.url] },
        ]
    }
}
