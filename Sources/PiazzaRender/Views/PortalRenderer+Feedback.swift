import PiazzaContent

/// The clarity feedback widget as a page shows it (``ClarityFeedback``): blank on the published
/// pages, or with the citizen's choices and what to fix when the daemon refused a post.
public struct FeedbackFormState: Sendable, Hashable {
    /// A problem with one posted value (encoded `{"field", "message"}` in the daemon's JSON answers).
    public struct Problem: Sendable, Hashable, Codable {
        /// The posted name: `valutazione`, `risposta`, `dettagli` or `pagina`.
        public var field: String
        /// What is wrong and how to fix it, in plain Italian.
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// The page the feedback is about (``ClarityFeedback/pagePath(_:)``).
    public var page: String
    public var rating: Int?
    public var answer: ClarityFeedback.Answer?
    public var details: String
    public var problems: [Problem]

    public init(
        page: String, rating: Int? = nil, answer: ClarityFeedback.Answer? = nil, details: String = "",
        problems: [Problem] = []
    ) {
        self.page = page
        self.rating = rating
        self.answer = answer
        self.details = details
        self.problems = problems
    }
}

extension PortalRenderer {
    /// The HTML id a problem with `field` links to from the error summary: the stars' or the
    /// rating's question's fieldset, or the text field. (The widget's other controls sit in their
    /// labels, so that it adds few ids to the page that `piazza check` lists to editors.)
    static func feedbackControlID(_ field: String, rating: Int?) -> String {
        switch field {
        case "valutazione": "feedback-stelle"
        case "risposta":
            "feedback-" + ClarityFeedback.Branch(rating: rating ?? ClarityFeedback.ratings.lowerBound).rawValue
        default: "feedback-dettagli"
        }
    }

    /// The keys of the `feedback` partial for `state`, posting to `action` (the portal's intake by default).
    func feedbackContext(_ state: FeedbackFormState, action: String? = nil) -> [String: Any] {
        let message = Self.feedbackMessage(state)
        // Every page of a build shows the widget with nothing chosen: those choices are built once.
        let unchosen = state.rating == nil && state.answer == nil
        let choices = unchosen ? (ratings: [], branches: []) : Self.feedbackChoices(state)
        return [
            "action": action ?? portal.feedbackAction,
            "page": state.page,
            "title": ClarityFeedback.title,
            "ratings": unchosen ? Self.unchosenFeedback.ratings : choices.ratings,
            "branches": unchosen ? Self.unchosenFeedback.branches : choices.branches,
            "detailsQuestion": ClarityFeedback.detailsQuestion,
            "detailsLabel": ClarityFeedback.detailsLabel,
            "detailsLimit": ClarityFeedback.detailsLimit,
            "details": state.details,
            "ratingError": message("valutazione"),
            "detailsError": message("dettagli"),
            "hasErrors": !state.problems.isEmpty,
            "errors": state.problems.map {
                ["href": "#" + Self.feedbackControlID($0.field, rating: state.rating), "message": $0.message]
            },
        ]
    }

    /// The message of `state`'s problem with a posted field, `false` when it has none.
    private static func feedbackMessage(_ state: FeedbackFormState) -> (String) -> Any {
        { field in state.problems.first { $0.field == field }?.message ?? false }
    }

    /// The widget's `ratings` and `branches` keys with `state`'s choices.
    private static func feedbackChoices(_ state: FeedbackFormState) -> (
        ratings: [[String: Any]], branches: [[String: Any]]
    ) {
        let message = feedbackMessage(state)
        let ratings: [[String: Any]] = ClarityFeedback.ratings.map { value in
            [
                "value": value, "label": value == 1 ? "1 stella su 5" : "\(value) stelle su 5",
                "checked": value == state.rating,
            ] as [String: Any]
        }
        let branches: [[String: Any]] = ClarityFeedback.Branch.allCases.map { branch in
            [
                "branch": branch.rawValue, "question": branch.question, "ratingsText": branch.ratingsText,
                // A wrong answer is told at the question of the chosen rating.
                "answerError": state.rating.map { ClarityFeedback.Branch(rating: $0) } == branch
                    ? message("risposta") : false,
                "answers": branch.answers.map {
                    ["value": $0.rawValue, "text": $0.text, "checked": $0 == state.answer] as [String: Any]
                },
            ] as [String: Any]
        }
        return (ratings, branches)
    }

    /// ``feedbackChoices(_:)`` with no rating and no answer chosen (no answer error can show then), as fixed
    /// values: every page of a build renders the widget's stars and questions from the same bytes.
    private static let unchosenFeedback = {
        let choices = feedbackChoices(FeedbackFormState(page: ""))
        return (ratings: FixedValue(choices.ratings), branches: FixedValue(choices.branches))
    }()

    /// The daemon's answer to a feedback post without JavaScript: the thanks, or (with `state`'s
    /// problems) the widget again with the citizen's choices and what to fix; a link goes back to
    /// the page the feedback is about. The widget posts to the daemon's own address (``daemonAddress(_:)``:
    /// this page is the daemon's, whatever the content's `intake_url`).
    public func renderFeedbackAnswer(_ state: FeedbackFormState) throws(ThemeError) -> String {
        let refused = !state.problems.isEmpty
        var base = baseContext(
            title: refused ? "Valutazione non inviata" : "Grazie", description: nil, links: daemonLinks,
            layout: "message", breadcrumb: [("Home", "")], section: "")
        if refused { base["feedback"] = feedbackContext(state, action: daemonAddress(portal.feedbackPath)) }
        // A page path the daemon refused is not followed back: the home page instead.
        let back = ClarityFeedback.isPagePath(state.page) ? String(state.page.dropFirst()) : ""
        return try render(
            "feedback-answer", base: base,
            [
                "answer": [
                    "thanks": refused ? false : ClarityFeedback.thanks,
                    "backURL": daemonLinks.url(back),
                ] as [String: Any]
            ])
    }
}
