import Foundation
import Hummingbird
import ItalianIdentifiers
import NIOCore
import PiazzaContent
import PiazzaRender

/// A portal's payments and exports (issue 14, items 4 and 7):
/// - `GET /operator/{portal}/pagamenti` (the payments list, `?stato=da_pagare|pagata|tutti`, `?dopo=`),
///   `GET /operator/{portal}/pagamenti.csv` and `.xlsx` (the same list for the ragioneria, ``PaymentsExport``),
///   `POST /operator/{portal}/pagamenti` (mark the ticked cases paid, all or none),
///   `POST /operator/{portal}/pratiche/{numero}/pagamento` (mark one case paid, from its page);
/// - `GET /operator/{portal}/esportazioni` (the choices), `GET /operator/{portal}/esportazioni/domande`
///   (`?modulo=&formato=csv|xlsx|json&dal=&al=`, the period by ``PeriodQuery``, ``ApplicationsExport``), `GET /operator/{portal}/esportazioni/esiti`
///   (`?modulo=&formato=csv|xlsx`, ``OutcomesExport``).
///
/// Every route reaches its portal through ``reach(_:context:)`` or ``portal(for:context:)``; downloads
/// are recorded in the portal's audit log (``auditExport(_:_:runtime:_:)``) before their first byte,
/// then stream as they are read.
extension OperatorController {
    /// Cases per page of the payments list.
    static let paymentsPageSize = 100

    func addReportRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/pagamenti", only: [.get: payments, .post: markPaid])
        router.on("operator/:portal/pagamenti.csv", only: [.get: { try await paymentsList($0, context: $1, .csv) }])
        router.on("operator/:portal/pagamenti.xlsx", only: [.get: { try await paymentsList($0, context: $1, .xlsx) }])
        router.on("operator/:portal/pratiche/:numero/pagamento", only: [.post: markOnePaid])
        router.on("operator/:portal/esportazioni", only: [.get: exports])
        router.on("operator/:portal/esportazioni/domande", only: [.get: applicationsExport])
        router.on("operator/:portal/esportazioni/esiti", only: [.get: outcomesExport])
        addDashboardRoutes(to: router)
    }

    // MARK: Payments

    @Sendable func payments(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        try await recordPageView(
            request, session, runtime: runtime, "pagamenti " + (Self.paymentFilter(request)?.rawValue ?? "tutti"))
        let notice = request.uri.queryParameters.get("segnate").flatMap(Int.init).map {
            $0 == 1 ? "1 pratica segnata come pagata." : "\($0) pratiche segnate come pagate."
        }
        return try await paymentsPage(
            .ok, request: request, runtime: runtime, session: session, notice: notice, errors: [], typed: ("", ""))
    }

    /// The payments list for the ragioneria as CSV or XLSX (``PaymentsExport``), its cases due recorded
    /// as sent to be paid (``PortalDatabase/recordDue(_:inList:actor:at:)``): the page and later lists
    /// say which cases due were in an earlier one.
    @Sendable func paymentsList(_ request: Request, context: IntakeContext, _ format: ReportFormat) async throws
        -> Response
    {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let export = PaymentsExport(
            database: runtime.database, portal: runtime.portal, state: Self.paymentFilter(request), format: format,
            recording: Self.delivers(request) ? (session.name, clock()) : nil)
        logger.info("payments list exported", metadata: ["portal": "\(runtime.portal.id)"])
        try await auditExport(
            request, session, runtime: runtime, format == .csv ? "pagamenti" : "pagamenti \(format.rawValue)")
        return download(format, name: "\(runtime.portal.id)-pagamenti") { try await export.write(to: $0) }
    }

    /// Marks the ticked cases (`pratica`, repeated) paid on `data` with `riferimento`; back to the
    /// list (303) when all were payable, else the list again with every reason, 422, nothing written.
    @Sendable func markPaid(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.readPayment(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try portal(for: session, context: context)
        let typed = (form.values["data"]?.first ?? "", form.values["riferimento"]?.first ?? "")
        let outcome = try await recordPayment(
            form.values["pratica"] ?? [], form: form, runtime: runtime, session: session)
        switch outcome {
        case .marked(let count):
            return redirect.seeOther("/operator/\(runtime.portal.id)/pagamenti?segnate=\(count)")
        case .refused(let errors):
            return try await paymentsPage(
                .unprocessableContent, request: request, runtime: runtime, session: session, notice: nil,
                errors: errors, typed: typed)
        }
    }

    /// Marks one case paid from its page; back to the case (303), or a page saying why not (422).
    @Sendable func markOnePaid(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.readPayment(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try portal(for: session, context: context)
        let number = try Self.caseNumber(context)
        let seen = form.values["versione"]?.first.map { [number: $0] } ?? [:]
        switch try await recordPayment([number], form: form, runtime: runtime, session: session, seen: seen) {
        case .marked:
            return redirect.seeOther("/operator/\(runtime.portal.id)/pratiche/\(number)")
        case .refused(let errors):
            throw PageError(
                .unprocessableContent, portal: runtime.portal.id, "Pagamento non registrato",
                errors.joined(separator: " ") + " Torna alla pratica, correggi e riprova.")
        }
    }

    /// Checks the typed date and reference, then records the payments of `numbers`, all or none.
    ///
    /// - Parameter seen: the case page's ``CaseVersion`` token of each case paid from it.
    private func recordPayment(
        _ numbers: [String], form: PostedForm, runtime: PortalRuntime, session: OperatorSession,
        seen: [String: String] = [:]
    ) async throws -> PortalDatabase.PaymentMarking {
        let now = clock()
        let checked: (date: ItalianDate, reference: String)
        do throws(Payments.Refusal) {
            checked = try Payments.check(
                date: form.values["data"]?.first ?? "", reference: form.values["riferimento"]?.first ?? "",
                today: ItalianDate(now, timeZone: ContentDateTime.rome))
        } catch {
            return .refused([error.message])
        }
        let outcome = try await runtime.database.markPaid(
            numbers: numbers, on: checked.date, reference: checked.reference, actor: session.name, at: now,
            seen: seen)
        if case .marked(let count) = outcome {
            logger.info("payments recorded", metadata: ["portal": "\(runtime.portal.id)", "count": "\(count)"])
        }
        return outcome
    }

    private func paymentsPage(
        _ status: HTTPResponse.Status, request: Request, runtime: PortalRuntime, session: OperatorSession,
        notice: String?, errors: [String], typed: (date: String, reference: String)
    ) async throws -> Response {
        let filter = Self.paymentFilter(request)
        let filterName = filter?.rawValue ?? "tutti"
        let base = pages.root + runtime.portal.id + "/"
        let after = request.uri.queryParameters.get("dopo").flatMap(Int64.init)
        let entries = try await runtime.database.paymentList(
            state: filter, after: after, limit: Self.paymentsPageSize + 1)
        let shown = entries.prefix(Self.paymentsPageSize)
        let filters: [(String, PaymentState?)] = [("Da pagare", .due), ("Pagate", .paid), ("Tutte", nil)]
        let view = OperatorPaymentsView(
            filters: filters.map { title, state in
                .init(
                    title: title, url: base + "pagamenti?stato=" + (state?.rawValue ?? "tutti"),
                    isCurrent: state == filter)
            },
            entries: shown.map { entry in
                let form = runtime.portal.form(id: entry.formID)
                return .init(
                    number: entry.number, caseURL: base + "pratiche/" + entry.number,
                    formTitle: form?.title ?? entry.formID,
                    iban: Payments.iban(in: entry.answers.application, form: form) ?? "",
                    amount: Money(cents: entry.payment?.amountCents ?? entry.benefitCents).italian,
                    causale: Payments.causale(number: entry.number, formTitle: form?.title ?? entry.formID),
                    state: entry.stateText, isDue: entry.state == .due,
                    paidOn: entry.payment.flatMap { ContentDate(iso: $0.paidOn)?.italian } ?? "",
                    reference: entry.payment?.reference ?? "")
            },
            actionURL: base + "pagamenti?stato=" + filterName, csrf: session.csrf,
            csvURL: base + "pagamenti.csv?stato=" + filterName, xlsxURL: base + "pagamenti.xlsx?stato=" + filterName,
            nextURL: entries.count > Self.paymentsPageSize
                ? shown.last.map { base + "pagamenti?stato=" + filterName + "&dopo=\($0.applicationID)" } : nil,
            notice: notice, errors: errors, date: typed.date, reference: typed.reference)
        return .page(
            status, try renderer(runtime, for: session).renderOperatorPayments(view), headers: Self.privateHeaders)
    }

    /// The payment section of a case page: `nil` when the case has nothing to pay (``PaymentState/of(state:benefitCents:paid:inVouchers:)``).
    func paymentView(
        _ application: ApplicationRecord, caseURL: String, runtime: PortalRuntime, session: OperatorSession
    ) async throws -> OperatorCasePaymentView? {
        var paid: PaymentRecord?
        var inVouchers = false
        var earlierList: PaymentList?
        if let id = application.id {
            paid = try await runtime.database.payment(applicationID: id)
            inVouchers = try await runtime.database.voucherAccount(applicationID: id) != nil
            earlierList = try await runtime.database.firstPaymentList(applicationID: id)
        }
        guard
            let state = PaymentState.of(
                state: application.state, benefitCents: application.benefitCents, paid: paid != nil,
                inVouchers: inVouchers)
        else { return nil }
        return OperatorCasePaymentView(
            state: state.text(earlierList: earlierList),
            amount: Money(cents: paid?.amountCents ?? application.benefitCents ?? 0).italian,
            isDue: state == .due, paidOn: paid.map { ContentDate(iso: $0.paidOn)?.italian ?? $0.paidOn },
            reference: paid?.reference, actor: paid?.actor, actionURL: caseURL + "/pagamento", csrf: session.csrf)
    }

    /// `?stato=`: the cases due unless `pagata` or `tutti` is asked.
    private static func paymentFilter(_ request: Request) -> PaymentState? {
        switch request.uri.queryParameters.get("stato") {
        case "tutti": nil
        case let name?: PaymentState(rawValue: name) ?? .due
        case nil: .due
        }
    }

    /// A payment post: the token, the date, the reference and up to ``PostedForm/maxFields`` ticked numbers.
    ///
    /// - Throws: ``PageError`` 413 for a body over 64 KiB, 400 for one that does not parse.
    static func readPayment(_ request: Request) async throws -> PostedForm {
        let limits = [
            "_csrf": 64, "versione": 64, "pratica": 32, "data": 64, "riferimento": Payments.referenceLimit * 4,
        ]
        return try await PostedForm.readURLEncoded(request, maxBytes: 65_536, repeatable: ["pratica"]) { limits[$0] }
    }

    // MARK: Exports

    @Sendable func exports(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let base = pages.root + runtime.portal.id + "/esportazioni/"
        let view = OperatorExportsView(
            forms: runtime.portal.forms.sorted { $0.id < $1.id }.map {
                .init(id: $0.id, title: $0.title, outcomesURL: base + "esiti?modulo=" + $0.id)
            },
            actionURL: base + "domande")
        return .page(.ok, try renderer(runtime, for: session).renderOperatorExports(view), headers: Self.privateHeaders)
    }

    @Sendable func applicationsExport(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let form = try Self.exportedForm(request, runtime: runtime)
        let format = try Self.exportFormat(request, runtime: runtime, offered: ReportFormat.allCases)
        let query = request.uri.queryParameters
        let days: ClosedRange<ContentDate>?
        do throws(PeriodQuery.Problem) {
            days = try PeriodQuery.read({ query.get($0) }, today: ContentDateTime.romeDay(of: clock()), fallback: nil)
        } catch {
            throw PageError(
                .unprocessableContent, portal: runtime.portal.id, "Periodo non valido",
                "Solo le domande inviate: " + error.message + " Scegli le date nella pagina delle esportazioni.",
                link: .init(text: "Apri le esportazioni", url: pages.root + runtime.portal.id + "/esportazioni"))
        }
        let export = ApplicationsExport(
            database: runtime.database, form: form, format: format, since: days?.lowerBound, until: days?.upperBound)
        try await auditExport(request, session, runtime: runtime, "domande \(form.id) \(format.rawValue)")
        logger.info("applications exported", metadata: ["portal": "\(runtime.portal.id)", "form": "\(form.id)"])
        return download(format, name: "\(runtime.portal.id)-\(form.id)") { try await export.write(to: $0) }
    }

    @Sendable func outcomesExport(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let export = OutcomesExport(
            database: runtime.database, formID: try Self.exportedForm(request, runtime: runtime).id,
            format: try Self.exportFormat(request, runtime: runtime, offered: [.csv, .xlsx]))
        try await auditExport(
            request, session, runtime: runtime,
            "esiti \(export.formID)" + (export.format == .csv ? "" : " \(export.format.rawValue)"))
        return download(export.format, name: "\(runtime.portal.id)-\(export.formID)-esiti") {
            try await export.write(to: $0)
        }
    }

    /// `?formato=`, one of `offered`; CSV when it is not given.
    ///
    /// - Throws: ``PageError`` 422 naming the formats offered.
    private static func exportFormat(_ request: Request, runtime: PortalRuntime, offered: [ReportFormat]) throws
        -> ReportFormat
    {
        guard let name = request.uri.queryParameters.get("formato") else { return .csv }
        guard let format = ReportFormat(rawValue: name), offered.contains(format) else {
            let names = offered.map(\.rawValue)
            throw PageError(
                .unprocessableContent, portal: runtime.portal.id, "Formato non disponibile",
                "Questa esportazione è in formato " + names.dropLast().joined(separator: ", ") + " o "
                    + names.last! + ". Torna alle esportazioni e scegli uno di questi.")
        }
        return format
    }

    /// The form `?modulo=` names; 404 when the portal has no such form.
    private static func exportedForm(_ request: Request, runtime: PortalRuntime) throws -> FormDefinition {
        guard let id = request.uri.queryParameters.get("modulo"), let form = runtime.portal.form(id: id) else {
            throw PageError(status: .notFound)
        }
        return form
    }

    /// A download written as `write` produces it: `name` with today's date (Rome) and the format's
    /// extension as the saved file's name, never cached or indexed.
    ///
    /// `name` is made of portal and form ids, which are plain ASCII (`a-z`, `0-9`, `-`, `_`), so it
    /// needs no quoting beyond the quotes.
    func download(
        _ format: ReportFormat, name: String,
        _ write: @escaping @Sendable ((ByteBuffer) async throws -> Void) async throws -> Void
    ) -> Response {
        let day = ItalianDate(clock(), timeZone: ContentDateTime.rome).iso
        var headers: HTTPFields = [
            .contentType: format.contentType, .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"\(name)-\(day).\(format.rawValue)\"",
        ]
        headers.append(contentsOf: Self.privateHeaders)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await write { try await writer.write($0) }
                try await writer.finish(nil)
            })
    }
}
