import Foundation
import Hummingbird
import PiazzaContent
import PiazzaRender

/// `GET /operator/{portal}/`: the queue of one form (`?modulo=`, else the form of the latest
/// application), filtered and searched (``QueueFilter``; while searching, each form's link says how
/// many cases the search finds in it, and a numero pratica of another form answers 303 to that form's
/// queue), a page at a time (`?dopo=` the last number of the previous page), with the take-charge date
/// and the deadline (``ResponseTerm``) of each case.
extension OperatorController {
    /// Applications per queue page.
    static let pageSize = 50

    /// The parameters of the queue's address: the form, the page and the filters (``QueueFilter``).
    private static let queryBytes = ["modulo": 64, "dopo": 16].merging(
        QueueFilter.names.map { ($0, QueueFilter.valueBytes) }
    ) { first, _ in first }

    /// The queue; a filter value it cannot use gets the page with the filter form, the problem at its
    /// field and no list, 400.
    @Sendable func queue(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        guard
            let query = try? PostedForm.urlEncoded(
                Array((request.uri.query ?? "").utf8), byteLimit: { Self.queryBytes[$0] })
        else { throw PageError(.badRequest, portal: runtime.portal.id, "Indirizzo non valido", Self.badQuery) }
        let parameter = { (name: String) in query.values[name]?.first }
        let forms = runtime.portal.forms
        // Without `?modulo=`, the form that received the latest application: where work is waiting.
        var chosen = parameter("modulo")
        if chosen == nil { chosen = try await runtime.database.latestFormID() }
        guard let form = chosen.map({ id in forms.first { $0.id == id } }) ?? forms.first else {
            throw PageError(status: .notFound)
        }
        let (filter, problems) = QueueFilter.parse(parameter)
        let base = pages.root + runtime.portal.id + "/"
        var found: [String: Int] = [:]
        if case .name? = filter.search, try await runtime.database.namesPending() {
            try await runtime.database.indexNames { id in forms.first { $0.id == id } }
        }
        if let search = filter.search { found = try await runtime.database.searchCounts(search) }
        // A numero pratica is the portal's, not the queue's: searched from another form's queue, the
        // queue of its own form answers, with the same search and filters.
        if case .number? = filter.search, problems.isEmpty, let owner = found.keys.first, owner != form.id,
            forms.contains(where: { $0.id == owner })
        {
            return redirect.seeOther("/operator/\(runtime.portal.id)/?modulo=\(owner)&" + filter.query)
        }
        let filters = [filter.auditDescription, parameter("dopo").map { "dopo=" + $0 } ?? ""].filter { !$0.isEmpty }
        try await recordPageView(
            request, session, runtime: runtime, (["elenco", form.id] + filters).joined(separator: " "))
        let term = runtime.portal.responseTerm(of: form)
        let today = ContentDateTime.romeDay(of: clock())
        let formURL = base + "?modulo=" + form.id
        let entries =
            problems.isEmpty
            ? try await runtime.database.queue(
                formID: form.id, filter: filter, term: term, today: today, after: parameter("dopo"),
                limit: Self.pageSize + 1) : []
        let shown = entries.prefix(Self.pageSize)
        let filtersQuery = filter.query.isEmpty ? "" : "&" + filter.query
        let view = OperatorQueueView(
            forms: forms.map {
                .init(
                    title: $0.title + (filter.search == nil ? "" : Self.foundText(found[$0.id] ?? 0)),
                    url: base + "?modulo=" + $0.id + (filter.search == nil ? "" : "&" + filter.query),
                    isCurrent: $0.id == form.id)
            },
            formTitle: form.title,
            assistedURL: Self.assistedURL(root: pages.root, portal: runtime.portal.id, form: form.id),
            filter: .init(
                actionURL: base, formID: form.id, values: filter.typedValues,
                states: ApplicationState.allCases.map {
                    .init(value: $0.rawValue, label: Pages.stateLabel($0), isSelected: $0 == filter.state)
                },
                channels: SubmissionChannel.allCases.map {
                    .init(value: $0.rawValue, label: Self.channelLabel($0), isSelected: $0 == filter.channel)
                },
                termDays: term.days, problems: problems.map { .init(field: $0.field, message: $0.message) },
                resetURL: formURL),
            isFiltered: !filter.isEmpty,
            entries: shown.map { entry in
                let dates = Self.termView(
                    entry.state, receivedAt: entry.submittedAt, takenInChargeAt: entry.takenInChargeAt,
                    suspension: entry.suspension, term: term, today: today)
                return .init(
                    number: entry.number, url: base + "pratiche/" + entry.number,
                    submittedAt: Pages.dateTime(entry.submittedAt), state: Pages.stateLabel(entry.state),
                    channel: Self.channelLabel(entry.channel), takenInCharge: dates.takenInCharge,
                    deadline: dates.deadline, isOverdue: dates.isOverdue)
            },
            nextURL: entries.count > Self.pageSize
                ? shown.last.map { formURL + filtersQuery + "&dopo=" + $0.number } : nil,
            emptySearch: filter.search != nil && problems.isEmpty && entries.isEmpty
                ? .init(searched: filter.typedValues["cerca"] ?? "", help: QueueFilter.searchHelp) : nil)
        return .page(
            problems.isEmpty ? .ok : .badRequest, try renderer(runtime, for: session).renderOperatorQueue(view),
            headers: Self.privateHeaders)
    }

    /// After a form's name while searching: how many of its cases the search finds, so a codice fiscale
    /// with cases in other forms says so from any queue.
    static func foundText(_ count: Int) -> String {
        switch count {
        case 0: " (nessuna trovata)"
        case 1: " (1 trovata)"
        default: " (\(count) trovate)"
        }
    }

    private static let badQuery =
        "L'indirizzo della pagina non si legge. Torna all'elenco delle domande dal menu e ripeti la ricerca."
}

extension ApplicationState {
    /// Whether the case is concluded (`accolta`, `respinta`, `ritirata`: no step leads on, ``Workflow``):
    /// a concluded case has no deadline left and is never past it.
    var isConcluded: Bool { Workflow.next(from: self).isEmpty }
}

extension OperatorController {
    /// The case page's take-charge day and deadline; the term of a form no longer served is the
    /// legal default.
    func termView(_ stored: StoredApplication, form: FormDefinition?, portal: Portal) -> OperatorTermView {
        let application = stored.application
        return Self.termView(
            application.state, receivedAt: application.submittedAt,
            takenInChargeAt: stored.events.first { $0.state == .takenInCharge }?.at,
            suspension: TermSuspension(events: stored.events),
            term: form.map(portal.responseTerm(of:)) ?? ResponseTerm(days: ResponseTerm.legalDefault),
            today: ContentDateTime.romeDay(of: clock()))
    }

    /// The dates of the procedure of a case in `state`, as the queue and the case page show them: the
    /// deadline counts the days of a suspension for documents (``TermSuspension``).
    static func termView(
        _ state: ApplicationState, receivedAt: Date, takenInChargeAt: Date?, suspension: TermSuspension?,
        term: ResponseTerm, today: ContentDate
    ) -> OperatorTermView {
        OperatorTermView(
            takenInCharge: takenInChargeAt.map { ContentDateTime.romeDay(of: $0).italian },
            deadline: state.isConcluded
                ? nil : term.deadline(receivedAt: receivedAt, suspension: suspension, today: today).italian,
            days: term.days,
            isOverdue: term.isOverdue(state, receivedAt: receivedAt, suspension: suspension, today: today))
    }
}
