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

    /// What a rendicontazione request asks: the calendar, the period's dates as the form shows them, and
    /// the period or why the query is not one (``PeriodQuery``).
    private struct ReportQuery {
        var calendar: CalendarDefinition
        var calendars: [CalendarDefinition]
        var fromText: String
        var untilText: String
        var period: Result<ClosedRange<ContentDate>, PeriodQuery.Problem>
    }

    /// - Throws: ``PageError`` 404 for an unknown `calendario`, or a portal without calendars.
    private func reportQuery(_ request: Request, runtime: PortalRuntime) throws -> ReportQuery {
        let calendars = runtime.portal.calendars.sorted { $0.id < $1.id }
        let query = request.uri.queryParameters
        // An unknown `calendario` is a 404, none at all the first calendar.
        guard let calendar = query.get("calendario").map({ runtime.portal.calendar(id: $0) }) ?? calendars.first
        else { throw PageError(status: .notFound) }
        let today = ContentDateTime.romeDay(of: clock())
        let fallback = Rendicontazione.defaultPeriod(today: today)
        do throws(PeriodQuery.Problem) {
            // Never nil: read returns the fallback when the query names no day.
            let period =
                try PeriodQuery.read({ query.get($0) }, today: today, fallback: fallback.from...fallback.until)
                ?? fallback.from...fallback.until
            return ReportQuery(
                calendar: calendar, calendars: calendars, fromText: period.lowerBound.iso,
                untilText: period.upperBound.iso, period: .success(period))
        } catch {
            return ReportQuery(
                calendar: calendar, calendars: calendars, fromText: query.get("dal") ?? "",
                untilText: query.get("al") ?? "", period: .failure(error))
        }
    }

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
        let from: ContentDate
        let until: ContentDate
        switch asked.period {
        case .success(let period): (from, until) = (period.lowerBound, period.upperBound)
        case .failure(let problem):
            view.error = problem.message
            return .page(
                .unprocessableContent, try renderer(runtime, for: session).renderRendicontazione(view),
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
        return .page(.ok, try renderer(runtime, for: session).renderRendicontazione(view), headers: Self.privateHeaders)
    }

    @Sendable func rendicontazioneCSV(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let asked = try reportQuery(request, runtime: runtime)
        let from: ContentDate
        let until: ContentDate
        switch asked.period {
        case .success(let period): (from, until) = (period.lowerBound, period.upperBound)
        case .failure(let problem):
            throw PageError(
                .unprocessableContent, portal: runtime.portal.id, "Periodo non valido",
                problem.message + " Scegli il periodo nella pagina della rendicontazione.",
                link: .init(
                    text: "Apri la rendicontazione", url: pages.root + runtime.portal.id + "/rendicontazione"))
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
        case .text(let text), .identifier(let text): text
        case .integer(let value): String(value)
        case .amount(let cents): Money(cents: cents).italian
        case .decimal(let number): number.replacingOccurrences(of: ".", with: ",")
        case .date(let iso): ContentDate(iso: iso)?.italian ?? iso
        case .instant(let date): Pages.dateTime(date)
        case .empty: "–"
        }
    }
}
