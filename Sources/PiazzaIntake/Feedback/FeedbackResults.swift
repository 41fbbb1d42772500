import NIOCore
import PiazzaContent
import PiazzaRender

/// The clarity feedback results of a portal, one row per page: the operators' page
/// (``PiazzaRender/OperatorFeedbackView``) and its CSV for Excel (``ExcelCSV``) read the same rows.
struct FeedbackResults: Sendable {
    let summaries: [FeedbackSummary]

    /// The CSV's columns: the page, the count, the average, the count of each rating, of each answer
    /// (`Difficoltà: …` for ratings 1–3, `Preferito: …` for 4–5) and the latest free texts.
    static let header: [String] =
        ["Pagina", "Valutazioni", "Media"] + ClarityFeedback.ratings.map(starsLabel)
        + ClarityFeedback.Answer.allCases.map(answerLabel) + ["Ultimi dettagli"]

    /// `1 stella`, `4 stelle`.
    static func starsLabel(_ rating: Int) -> String { rating == 1 ? "1 stella" : "\(rating) stelle" }

    /// `Difficoltà: Ho avuto problemi tecnici`, `Preferito: Altro`.
    static func answerLabel(_ answer: ClarityFeedback.Answer) -> String {
        (answer.branch == .negative ? "Difficoltà: " : "Preferito: ") + answer.text
    }

    /// `25/11/2026: il testo`, newest first, one per line.
    static func notesText(_ notes: [FeedbackSummary.Note]) -> String {
        notes.map { (ContentDate(iso: $0.day)?.italian ?? $0.day) + ": " + $0.text }.joined(separator: "\n")
    }

    /// The whole CSV: byte order mark, header, a row per page.
    func csv() -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeBytes(ExcelCSV.byteOrderMark)
        ExcelCSV.appendRow(Self.header.map { .text($0) }, to: &buffer)
        for summary in summaries {
            ExcelCSV.appendRow(
                [.text(summary.page), .integer(summary.count), .decimal(summary.averageText)]
                    + summary.ratingCounts.map { .integer($0) }
                    + ClarityFeedback.Answer.allCases.map { .integer(summary.answerCounts[$0] ?? 0) }
                    + [.text(Self.notesText(summary.latestNotes))], to: &buffer)
        }
        return buffer
    }

    /// The operators' page for these results; `pageURL` gives a page path's published address.
    func view(csvURL: String, pageURL: (String) -> String) -> OperatorFeedbackView {
        OperatorFeedbackView(
            pages: summaries.map { summary in
                OperatorFeedbackView.Page(
                    path: summary.page, url: pageURL(summary.page), count: summary.count,
                    average: summary.averageItalian,
                    ratings: zip(ClarityFeedback.ratings, summary.ratingCounts).map {
                        .init(label: Self.starsLabel($0), count: $1)
                    },
                    questions: ClarityFeedback.Branch.allCases.map { branch in
                        OperatorFeedbackView.Question(
                            text: branch.question,
                            answers: branch.answers.map { .init(label: $0.text, count: summary.answerCounts[$0] ?? 0) })
                    },
                    notes: summary.latestNotes.map {
                        .init(day: ContentDate(iso: $0.day)?.italian ?? $0.day, text: $0.text)
                    })
            }, csvURL: csvURL)
    }
}
