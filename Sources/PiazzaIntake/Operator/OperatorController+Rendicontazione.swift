import Foundation
import Hummingbird
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// `GET /operator/{portal}/rendicontazione?calendario=…&dal=…&al=…`: the rendicontazione of a
/// calendar over a period (``Rendicontazione``), for the operators and admins of the portal (a
/// tutor gets the back office's 404). Without a period, the current month up to today.
extension OperatorController {
    func addRendicontazioneRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/rendicontazione", only: [.get: rendicontazione])
    }

    /// The column headings of the report, the first naming the rows.
    static let rendicontazioneHeadings = [
        "Risorsa", "Turni svolti", "Ore erogate", "Posti prenotati", "Presenze", "Assenze", "Assenze giustificate",
        "Da segnare", "Tasso di presenza", "Famiglie", "Bambini seguiti", "Costo",
    ]

    @Sendable func rendicontazione(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (_, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let calendars = runtime.portal.calendars.sorted { $0.id < $1.id }
        let query = request.uri.queryParameters
        // An unknown `calendario` is a 404, none at all the first calendar.
        guard let calendar = query.get("calendario").map({ runtime.portal.calendar(id: $0) }) ?? calendars.first
        else { throw PageError(status: .notFound) }
        let now = clock()
        let today = ContentDateTime.romeDay(of: now)
        let fromText = query.get("dal") ?? today.adding(days: 1 - today.day).iso
        let untilText = query.get("al") ?? today.iso
        var view = RendicontazioneView(
            actionURL: pages.root + runtime.portal.id + "/rendicontazione",
            calendars: calendars.map { .init(id: $0.id, title: $0.title, isSelected: $0.id == calendar.id) },
            from: fromText, until: untilText, caption: "", headings: Self.rendicontazioneHeadings, rows: [],
            csvURL: nil, error: nil)
        guard let from = ContentDate(iso: fromText), let until = ContentDate(iso: untilText), from <= until else {
            view.error = "Scegli un periodo valido: la data iniziale (Dal) non può essere dopo quella finale (Al)."
            return .page(
                .unprocessableContent, try runtime.pages.renderer.renderRendicontazione(view),
                headers: Self.privateHeaders)
        }
        let slots = Rendicontazione.slots(of: calendar, from: from, until: until, now: now)
        let report = Rendicontazione(
            calendar: calendar, from: from, until: until, now: now,
            bookings: try await runtime.database.confirmedBookings(calendar: calendar.id, slots: Set(slots.map(\.id))))
        view.caption = "\(calendar.title), dal \(from.longItalian) al \(until.longItalian)"
        view.rows = (report.resources + [report.total]).map(Self.cells)
        return .page(.ok, try runtime.pages.renderer.renderRendicontazione(view), headers: Self.privateHeaders)
    }

    /// A row of the page, in the order of ``rendicontazioneHeadings``.
    static func cells(_ figures: Rendicontazione.Figures) -> [String] {
        [
            figures.label, String(figures.slotsHeld), figures.hours.replacingOccurrences(of: ".", with: ","),
            String(figures.seatsBooked), String(figures.present), String(figures.absent), String(figures.justified),
            String(figures.unmarked),
            figures.attendancePerMille.map { "\($0 / 10),\($0 % 10) %" } ?? "–",
            String(figures.families), String(figures.children),
            figures.costCents.map { Money(cents: $0).description } ?? "–",
        ]
    }
}
