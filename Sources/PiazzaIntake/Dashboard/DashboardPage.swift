import Foundation
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// The dashboard's figures as the page shows them (``OperatorDashboardView``): applications by state
/// and by day, amounts granted and paid per measure (form), automatic checks to verify, open cases
/// past their deadline (L. 241/1990, ``ResponseTerm``).
enum DashboardPage {
    /// Days shown in "by day", today included.
    static let days = 30

    /// The first instant of the days shown, for ``PortalDatabase/dashboardFigures(since:)``.
    static func start(now: Date) -> Date {
        dayStarts(now: now).first!
    }

    /// Midnight in Rome of each of the last ``days`` days, oldest first.
    static func dayStarts(now: Date) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ContentDateTime.rome
        let today = calendar.startOfDay(for: now)
        return (0..<days).reversed().compactMap { calendar.date(byAdding: .day, value: -$0, to: today) }
    }

    /// Per form of `portal`, its term and the day of `now` in Rome: what decides the open cases past
    /// their deadline.
    static func overdueBefore(portal: Portal, now: Date) -> [String: TermOnDay] {
        let today = ContentDateTime.romeDay(of: now)
        return Dictionary(
            uniqueKeysWithValues: portal.forms.map {
                ($0.id, TermOnDay(term: portal.responseTerm(of: $0), today: today))
            })
    }

    /// The page's view of `figures` for the forms of `portal`, read at `now`.
    static func view(_ figures: DashboardFigures, portal: Portal, now: Date) -> OperatorDashboardView {
        let forms = portal.forms.sorted { $0.id < $1.id }
        return OperatorDashboardView(
            asOf: "al " + Pages.dateTime(now),
            sections: [
                byState(figures, forms: forms), byDay(figures, now: now), overdue(figures, portal: portal),
                amounts(figures, forms: forms), flags(figures),
            ])
    }

    private static func byState(_ figures: DashboardFigures, forms: [FormDefinition]) -> OperatorDashboardView.Section {
        let states = ApplicationState.allCases
        let totals = states.map { state in figures.byState.values.reduce(0) { $0 + ($1[state] ?? 0) } }
        let bars = zip(states, totals).map {
            OperatorDashboardView.Bar(label: Pages.stateLabel($0), value: $1, valueText: "\($1)")
        }
        return .init(
            id: "per-stato", heading: "Domande per stato", chartTitle: "Domande per stato, tutti i moduli",
            chartDescription: OperatorDashboardView.Section.describing(bars, none: "Nessuna domanda."), bars: bars,
            table: .init(
                caption: "Domande per modulo e stato", headers: ["Modulo"] + states.map(Pages.stateLabel) + ["Totale"],
                rows: forms.map { form in
                    let counts = states.map { figures.byState[form.id]?[$0] ?? 0 }
                    return [form.title] + counts.map(String.init) + [String(counts.reduce(0, +))]
                } + [["Totale"] + totals.map(String.init) + [String(totals.reduce(0, +))]]))
    }

    private static func byDay(_ figures: DashboardFigures, now: Date) -> OperatorDashboardView.Section {
        var perDay: [ItalianDate: Int] = [:]
        for (hour, count) in figures.byHour {
            guard let instant = Timestamp.date(hour + ":00:00.000Z") else { continue }
            perDay[ItalianDate(instant, timeZone: ContentDateTime.rome), default: 0] += count
        }
        let days = dayStarts(now: now).map { ItalianDate($0, timeZone: ContentDateTime.rome) }
        let counts = days.map { perDay[$0] ?? 0 }
        return .init(
            id: "per-giorno", heading: "Domande per giorno",
            chartTitle: "Domande ricevute negli ultimi \(Self.days) giorni",
            chartDescription: "Dal \(days.first!.italian) al \(days.last!.italian): \(counts.reduce(0, +)) domande, "
                + "al massimo \(counts.max() ?? 0) in un giorno. I numeri di ogni giorno sono nella tabella.",
            bars: zip(days, counts).map { .init(label: $0.italian, value: $1, valueText: "\($1)") },
            table: .init(
                caption: "Domande ricevute per giorno", headers: ["Giorno", "Domande"],
                rows: zip(days, counts).map { [$0.italian, String($1)] }))
    }

    private static func overdue(_ figures: DashboardFigures, portal: Portal) -> OperatorDashboardView.Section {
        let forms = portal.forms.sorted { $0.id < $1.id }
        let counts = forms.map { figures.overdue[$0.id] ?? 0 }
        let bars = zip(forms, counts).map {
            OperatorDashboardView.Bar(label: $0.title, value: $1, valueText: "\($1)")
        }
        return .init(
            id: "oltre-termine", heading: "Domande oltre il termine",
            chartTitle: "Domande aperte oltre il termine per concludere, per modulo",
            chartDescription: OperatorDashboardView.Section.describing(bars, none: "Nessun modulo."), bars: bars,
            table: .init(
                caption: "Domande non ancora concluse il cui termine è passato",
                headers: ["Modulo", "Termine (giorni dal ricevimento)", "Oltre il termine"],
                rows: zip(forms, counts).map { [$0.title, String(portal.responseTerm(of: $0).days), String($1)] }))
    }

    private static func amounts(_ figures: DashboardFigures, forms: [FormDefinition]) -> OperatorDashboardView.Section {
        let none = DashboardFigures.Total(count: 0, cents: 0)
        let rows = forms.map { form in (form, figures.granted[form.id] ?? none, figures.paid[form.id] ?? none) }
        // What is left to transfer: a benefit given as a voucher is spent at the shops, never paid.
        func due(_ form: FormDefinition, _ granted: DashboardFigures.Total, _ paid: DashboardFigures.Total) -> Int {
            max(0, granted.cents - paid.cents - (figures.vouchered[form.id]?.cents ?? 0))
        }
        func money(_ cents: Int) -> String { Money(cents: cents).italian }
        return .init(
            id: "importi", heading: "Importi concessi e pagati per misura",
            chartTitle: "Importi concessi e pagati per modulo",
            chartDescription: rows.map { "\($0.0.title): concessi \(money($0.1.cents)), pagati \(money($0.2.cents))" }
                .joined(separator: "; ") + ".",
            bars: rows.flatMap { form, granted, paid in
                [
                    OperatorDashboardView.Bar(
                        label: "\(form.title) – concessi", value: granted.cents, valueText: money(granted.cents)),
                    .init(label: "\(form.title) – pagati", value: paid.cents, valueText: money(paid.cents)),
                ]
            },
            table: .init(
                caption: "Importi per modulo",
                headers: [
                    "Modulo", "Accolte con importo", "Importo concesso", "Pagate", "Importo pagato", "Da pagare",
                ],
                rows: rows.map { form, granted, paid in
                    [
                        form.title, String(granted.count), money(granted.cents), String(paid.count), money(paid.cents),
                        money(due(form, granted, paid)),
                    ]
                }))
    }

    private static func flags(_ figures: DashboardFigures) -> OperatorDashboardView.Section {
        let codes = figures.flags.keys.sorted()
        let bars = codes.map {
            OperatorDashboardView.Bar(
                label: checkLabel($0), value: figures.flags[$0]!, valueText: "\(figures.flags[$0]!)")
        }
        return .init(
            id: "controlli", heading: "Controlli automatici da verificare",
            chartTitle: "Domande con un controllo da verificare, per controllo",
            chartDescription: OperatorDashboardView.Section.describing(
                bars, none: "Nessuna domanda ha controlli da verificare."), bars: bars,
            table: .init(
                caption: "Domande con un controllo da verificare", headers: ["Controllo", "Domande"],
                rows: codes.map { [checkLabel($0), String(figures.flags[$0]!)] }))
    }

    /// A check's code (``CheckResult/code``) as operators read it.
    static func checkLabel(_ code: String) -> String {
        switch code {
        case "isee_threshold": "ISEE oltre la soglia"
        case "dsu_year": "DSU non valida per l'anno"
        case "residence": "Residenza da verificare"
        case "iban": "IBAN non valido"
        case "household_duplicate": "Stesso nucleo in un'altra domanda"
        default: code
        }
    }
}
