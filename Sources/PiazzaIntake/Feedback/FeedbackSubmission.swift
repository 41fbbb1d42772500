import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// A clarity feedback post checked against the model's rules (``ClarityFeedback``): `pagina` the path
/// of a page the portal publishes with the widget (``PortalRuntime/feedbackPages``), `valutazione` 1…5, `risposta` (optional) one of the answers of the rating's
/// question, `dettagli` (optional) at most ``ClarityFeedback/detailsLimit`` characters once
/// normalised and trimmed (``TypedText``).
enum FeedbackSubmission {
    /// Why a post is refused.
    enum Refusal: Error, Sendable, Hashable {
        /// `pagina` is not a page the portal publishes with the widget (a page that does not exist, a
        /// form page, a full address, missing, repeated): 400, since only a page of the site sends it.
        case page(FeedbackFormState.Problem)
        /// What the citizen chose or wrote: 422, with the widget again.
        case answers(FeedbackFormState)
    }

    /// The most bytes read of a value posted under `name`; `nil` for a name the widget does not have.
    static func byteLimit(forName name: String) -> Int? {
        switch name {
        case "pagina": ClarityFeedback.pageLimit
        case "valutazione": 8
        case "risposta": 64
        // Room for the characters, their marks and their UTF-8 bytes, as for a form's text field.
        case "dettagli": ClarityFeedback.detailsLimit * TypedText.scalarsPerCharacter * 4
        default: nil
        }
    }

    /// The record to store for `values`, dated `day` (ISO, Rome); `pages` are the page paths the
    /// portal's feedback may name.
    ///
    /// - Throws: ``Refusal``.
    static func record(_ values: [String: [String]], day: String, pages: Set<String>) throws(Refusal)
        -> FeedbackRecord
    {
        guard let page = single(values["pagina"]), pages.contains(page) else {
            throw .page(
                .init(
                    field: "pagina",
                    message:
                        "Il campo pagina non indica una pagina del portale: invia la valutazione dal modulo in fondo alla pagina."
                ))
        }
        var problems: [FeedbackFormState.Problem] = []
        let rating = single(values["valutazione"]).flatMap { Int($0) }.flatMap {
            ClarityFeedback.ratings.contains($0) ? $0 : nil
        }
        if rating == nil {
            problems.append(.init(field: "valutazione", message: "Scegli quante stelle dare, da 1 a 5."))
        }
        var answer: ClarityFeedback.Answer?
        // No answer chosen: nothing posted (a radio group left alone), or an empty value.
        if let posted = values["risposta"], !posted.isEmpty, posted != [""] {
            answer = single(posted).flatMap(ClarityFeedback.Answer.init(rawValue:))
            if answer == nil {
                problems.append(.init(field: "risposta", message: "Scegli una delle risposte elencate."))
            } else if let rating, let chosen = answer, chosen.branch != ClarityFeedback.Branch(rating: rating) {
                let branch = ClarityFeedback.Branch(rating: rating)
                problems.append(
                    .init(
                        field: "risposta",
                        message:
                            "Con \(rating) \(rating == 1 ? "stella" : "stelle") rispondi alla domanda «\(branch.question)», "
                            + "oppure non scegliere nessuna risposta."))
                answer = nil
            }
        }
        let details = TypedText.normalized(single(values["dettagli"]) ?? "")
        if (values["dettagli"]?.count ?? 0) > 1 {
            problems.append(.init(field: "dettagli", message: "Scrivi il dettaglio in un solo campo."))
        }
        do {
            try TypedText.checkLength(details, limit: ClarityFeedback.detailsLimit)
        } catch  where error.code == .length {
            problems.append(
                .init(
                    field: "dettagli",
                    message:
                        "Il dettaglio è lungo \(details.count) caratteri: scrivine al massimo \(ClarityFeedback.detailsLimit)."
                ))
        } catch {
            problems.append(.init(field: "dettagli", message: error.message))
        }
        guard let rating, problems.isEmpty else {
            throw .answers(
                FeedbackFormState(
                    page: page, rating: rating, answer: answer,
                    details: String(details.prefix(ClarityFeedback.detailsLimit)),
                    problems: problems))
        }
        return FeedbackRecord(
            page: page, day: day, rating: rating, answer: answer, details: details.isEmpty ? nil : details)
    }

    /// The one value of a name posted once; `nil` when it is missing or posted more than once.
    private static func single(_ values: [String]?) -> String? {
        guard let values, values.count == 1 else { return nil }
        return values[0]
    }
}
