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

    public init(
        title: String, details: [Detail] = [], paragraphs: [String], alternatives: [Alternative] = [],
        cancelAction: String? = nil, calendarFile: String? = nil, waitlist: WaitlistOffer? = nil,
        cancelLabel: String = "Annulla la prenotazione"
    ) {
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
        ]
        return try render("booking", base: base, ["booking": context])
    }
}
