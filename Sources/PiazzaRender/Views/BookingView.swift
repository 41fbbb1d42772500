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

    public var title: String
    public var details: [Detail]
    public var paragraphs: [String]
    public var alternatives: [Alternative]
    /// The `POST` address of the cancel button; `nil` when the booking can no longer be cancelled.
    public var cancelAction: String?
    /// The address of the booking as an iCalendar file, on a receipt.
    public var calendarFile: String?

    public init(
        title: String, details: [Detail] = [], paragraphs: [String], alternatives: [Alternative] = [],
        cancelAction: String? = nil, calendarFile: String? = nil
    ) {
        self.title = title
        self.details = details
        self.paragraphs = paragraphs
        self.alternatives = alternatives
        self.cancelAction = cancelAction
        self.calendarFile = calendarFile
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
        ]
        return try render("booking", base: base, ["booking": context])
    }
}
