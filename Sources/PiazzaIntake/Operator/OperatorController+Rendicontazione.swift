import Foundation
import Hummingbird
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// `GET /operator/{portal}/rendicontazione?calendario=…&dal=…&al=…`: the rendicontazione of a
/// calendar over a period (``Rendicontazione``) per resource, per month and per family, and
/// `GET /operator/{portal}/rendicontazione.csv` with the same query: the same tables as a CSV for
/// Italian Excel (``Rendicontazione/csv``), recorded in the audit log. For the operators and admins
/// of the portal (a tutor gets the back office's 404). Without a period, the current month up to today.
extension OperatorController {
    func addRendicontazioneRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/rendicontazione", only: [.get: rendicontazione])
        router.on("operator/:portal/rendicontazione.csv", only: [.get: rendicontazioneCSV])
    }

    /// What a rendicontazione request asks: the calendar, the period as typed, and the period when it is one.
    private struct ReportQuery {
        var calendar: CalendarDefinition
        var calendars: [CalendarDefinition]
        var fromText: String
        var untilText: String
        /// `nil` when a date is not one, or the first is after the last.
        var period: (from: ContentDate, until: ContentDate)?
    }

    /// - Throws: ``PageError`` 404 for an unknown `calendario`, or a portal without calendars.
    private func reportQuery(_ request: Request, runtime: PortalRuntime) throws -> ReportQuery {
        let calendars = runtime.portal.calendars.sorted { $0.id < $1.id }
        let query = request.uri.queryParameters
        // An unknown `calendario` is a 404, none at all the first calendar.
        guard let calendar = query.get("calendario").map({ runtime.portal.calendar(id: $0) }) ?? calendars.first
        else { throw PageError(status: .notFound) }
        let period = Rendicontazione.defaultPeriod(today: ContentDateTime.romeDay(of: clock()))
        let fromText = query.get("dal") ?? period.from.iso
        let untilText = query.get("al") ?? period.until.iso
        var asked: ReportQuery = .init(
            calendar: calendar, calendars: calendars, fromText: fromText, untilText: untilText, period: nil)
        // Typed where the browser has no date picker: read as every date people type (ItalianDate).
        if let from = try? ItalianDate(fromText), let until = try? ItalianDate(untilText), from <= until {
            asked.period = (from, until)
        }
        return asked
    }

    /// What the page says when the period is not one.
    private static let periodError =
        "Scegli un periodo valido: la data iniziale (Dal) non può essere dopo quella finale (Al)."

    @Sendable func rendicontazione(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let asked = try reportQuery(request, runtime: runtime)
        let base = pages.root + runtime.portal.id + "/rendicontazione"
        var view = RendicontazioneView(
            actionURL: base,
            calendars: asked.calendars.map {
                .init(id: $0.id, title: $0.title, isSelected: $0.id == asked.calendar.id)
            },
            from: asked.fromText, until: asked.untilText, tables: [], csvURL: nil, error: nil)
        guard let (from, until) = asked.period else {
            view.error = Self.periodError
            return .page(
                .unprocessableContent, try runtime.pages.renderer.renderRendicontazione(view),
                headers: Self.privateHeaders)
        }
        try await recordPageView(
            request, session, runtime: runtime, "rendicontazione \(asked.calendar.id) \(from.iso)/\(until.iso)")
        let report = try await Rendicontazione.read(
            asked.calendar, from: from, until: until, now: clock(), database: runtime.database)
        let period = "\(asked.calendar.title), dal \(from.longItalian) al \(until.longItalian)"
        view.tables = report.tables.map { table in
            .init(
                id: table.id, title: table.title, caption: "\(table.title): \(period)", headings: table.headings,
                rows: table.rows.map { $0.map(Self.shown) })
        }
        // Calendar ids are plain ASCII (`a-z`, `0-9`, `-`, `_`) and the dates ISO: nothing to escape.
        view.csvURL = base + ".csv?calendario=\(asked.calendar.id)&dal=\(from.iso)&al=\(until.iso)"
        return .page(.ok, try runtime.pages.renderer.renderRendicontazione(view), headers: Self.privateHeaders)
    }

    @Sendable func rendicontazioneCSV(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let asked = try reportQuery(request, runtime: runtime)
        guard let (from, until) = asked.period else {
            throw PageError(
                .unprocessableContent, portal: runtime.portal.id, "Periodo non valido",
                Self.periodError + " Torna alla rendicontazione e correggi le date.")
        }
        let report = try await Rendicontazione.read(
            asked.calendar, from: from, until: until, now: clock(), database: runtime.database)
        try await auditExport(
            request, session, runtime: runtime, "rendicontazione \(asked.calendar.id) \(from.iso) \(until.iso)")
        logger.info(
            "rendicontazione exported",
            metadata: ["portal": "\(runtime.portal.id)", "calendar": "\(asked.calendar.id)"])
        let csv = report.csv
        return download(.csv, name: "\(runtime.portal.id)-rendicontazione-\(asked.calendar.id)") { try await $0(csv) }
    }

    /// A cell as the page shows it: amounts in euro, decimals with a comma, a dash for no value.
    static func shown(_ cell: ReportValue) -> String {
        switch cell {
        case .text(let text): text
        case .integer(let value): String(value)
        case .amount(let cents): Money(cents: cents).italian
        case .decimal(let number): number.replacingOccurrences(of: ".", with: ",")
        case .date(let iso): ContentDate(iso: iso)?.italian ?? iso
        case .instant(let date): Pages.dateTime(date)
        case .empty: "–"
        }
    }
}
