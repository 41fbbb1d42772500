import ItalianIdentifiers
import PiazzaRender

extension DashboardPage {
    /// The panel of what the vouchers bought per shop category (``CategorySpending``), the most first.
    static func categorySpending(_ categories: [CategorySpending]) -> OperatorDashboardView.Section {
        let bars = categories.map {
            OperatorDashboardView.Bar(label: $0.category, value: $0.cents, valueText: Money(cents: $0.cents).italian)
        }
        return .init(
            id: "buoni-per-categoria", heading: "Spesa dei buoni per categoria di negozio",
            chartTitle: "Importi spesi con i buoni spesa, per categoria di negozio",
            chartDescription: OperatorDashboardView.Section.describing(bars, none: "Nessun acquisto con i buoni."),
            bars: bars,
            table: .init(
                caption: "Spesa dei buoni per categoria di negozio (da esercenti.csv; \"\(CategorySpending.unlisted)\" "
                    + "per i negozi che non vi compaiono)",
                headers: ["Categoria", "Speso"],
                rows: categories.map { [$0.category, Money(cents: $0.cents).italian] }))
    }
}
