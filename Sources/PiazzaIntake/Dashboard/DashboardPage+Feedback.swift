import PiazzaContent
import PiazzaRender

extension DashboardPage {
    /// The panel of the clarity feedback of the site's pages (``FeedbackResults``): per page the
    /// feedbacks, their average, the share of low ratings (1 to ``ClarityFeedback/negativeThreshold``
    /// stars, those that ask where the difficulties were) and the free texts, as a chart of the
    /// feedbacks per page and a table; `results` links the page with the answers and the texts.
    static func feedback(_ summaries: [FeedbackSummary], results: String) -> OperatorDashboardView.Section {
        let low = "Con 1–\(ClarityFeedback.negativeThreshold) stelle"
        return .init(
            id: "valutazioni", heading: "Valutazioni delle pagine",
            chartTitle: "Valutazioni ricevute per pagina del sito",
            chartDescription: summaries.isEmpty
                ? "Nessuna valutazione."
                : summaries.map { "\($0.page): \($0.count), media \($0.averageItalian)" }.joined(separator: "; ") + ".",
            bars: summaries.map { .init(label: $0.page, value: $0.count, valueText: "\($0.count)") },
            table: .init(
                caption: "Valutazioni per pagina: quante, la media in stelle, la quota di chi ha trovato difficoltà "
                    + "e quante hanno un commento",
                headers: ["Pagina", "Valutazioni", "Media", low, "Commenti"],
                rows: summaries.map {
                    [$0.page, "\($0.count)", $0.averageItalian, "\($0.lowPercent)%", "\($0.noteCount)"]
                }),
            more: OperatorLinkView(
                title: "Tutte le risposte e gli ultimi commenti, pagina per pagina", url: results, isCurrent: false))
    }
}
