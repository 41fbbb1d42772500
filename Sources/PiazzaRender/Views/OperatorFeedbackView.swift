/// The operators' page of a portal's clarity feedback: per page of the site, how many feedbacks, the
/// average and the count of each rating, the answers to the follow-up questions and the latest free texts.
public struct OperatorFeedbackView: Sendable, Hashable {
    /// A label and how many feedbacks have it.
    public struct Count: Sendable, Hashable {
        public var label: String
        public var count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// A follow-up question and its answers.
    public struct Question: Sendable, Hashable {
        public var text: String
        public var answers: [Count]

        public init(text: String, answers: [Count]) {
            self.text = text
            self.answers = answers
        }
    }

    /// A free text and its day (`25/11/2026`).
    public struct Note: Sendable, Hashable {
        public var day: String
        public var text: String

        public init(day: String, text: String) {
            self.day = day
            self.text = text
        }
    }

    /// One page of the site.
    public struct Page: Sendable, Hashable {
        /// `/servizi/tutor/`.
        public var path: String
        /// The published page.
        public var url: String
        public var count: Int
        /// `3,8`.
        public var average: String
        /// 1 to 5 stars.
        public var ratings: [Count]
        public var questions: [Question]
        /// Newest first.
        public var notes: [Note]

        public init(
            path: String, url: String, count: Int, average: String, ratings: [Count], questions: [Question],
            notes: [Note]
        ) {
            self.path = path
            self.url = url
            self.count = count
            self.average = average
            self.ratings = ratings
            self.questions = questions
            self.notes = notes
        }
    }

    public var pages: [Page]
    public var csvURL: String

    public init(pages: [Page], csvURL: String) {
        self.pages = pages
        self.csvURL = csvURL
    }
}

extension PortalRenderer {
    /// The clarity feedback results (``OperatorFeedbackView``), in the portal's look.
    public func renderOperatorFeedback(_ view: OperatorFeedbackView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Valutazioni delle pagine", description: nil, links: daemonLinks, layout: "operator",
            breadcrumb: [], section: "")
        let context: [String: Any] = [
            "csvURL": view.csvURL,
            "hasPages": !view.pages.isEmpty,
            "ratingHeadings": view.pages.first?.ratings.map { ["text": $0.label] } ?? [],
            "pages": view.pages.enumerated().map { index, page in
                [
                    "id": "pagina-\(index + 1)", "path": page.path, "url": page.url, "count": page.count,
                    "countText": page.count == 1 ? "1 valutazione" : "\(page.count) valutazioni",
                    "average": page.average, "ratings": page.ratings.map { ["count": $0.count] },
                    "questions": page.questions.map { question in
                        [
                            "text": question.text,
                            "answers": question.answers.map { ["label": $0.label, "count": $0.count] },
                        ] as [String: Any]
                    },
                    "hasNotes": !page.notes.isEmpty,
                    "notes": page.notes.map { ["day": $0.day, "text": $0.text] },
                ] as [String: Any]
            },
        ]
        return try render("operator-feedback", base: base, ["results": context])
    }
}
