import Foundation

/// The clarity feedback of the Designers Italia model for municipal sites ("Quanto sono chiare le
/// informazioni su questa pagina?"): a rating from 1 to 5 stars, a follow-up question whose answers
/// depend on the rating, and free text. Its texts are the model's, word for word, as AgID's checker
/// reads them (`italia/pa-website-validator-ng`, `src/storage/municipality/feedbackComponentStructure.ts`,
/// criteria C.SI.2.5 and C.SI.2.6); the generator renders them and the daemon validates against them.
public enum ClarityFeedback {
    /// The widget's question (`data-element="feedback-title"`).
    public static let title = "Quanto sono chiare le informazioni su questa pagina?"

    /// The ratings, in stars (`data-element="feedback-rate-1"` … `-5`).
    public static let ratings = 1...5

    /// The highest rating that asks where the difficulties were; higher ones ask what was liked
    /// (the checker's `positiveThreshold`).
    public static let negativeThreshold = 3

    /// The free text's question and label, and its limit in characters (after trimming).
    public static let detailsQuestion = "Vuoi aggiungere altri dettagli?"
    public static let detailsLabel = "Dettaglio"
    public static let detailsLimit = 200

    /// What the citizen reads once the feedback is stored.
    public static let thanks = "Grazie, il tuo parere ci aiuterà a migliorare il servizio!"

    /// The longest page path accepted, in bytes.
    public static let pageLimit = 300

    /// The follow-up question a rating leads to.
    public enum Branch: String, Sendable, CaseIterable {
        /// Ratings 1 to 3 (`data-element="feedback-rating-negative"`).
        case negative
        /// Ratings 4 and 5 (`data-element="feedback-rating-positive"`).
        case positive

        /// The branch of `rating` (1…5).
        public init(rating: Int) {
            self = rating <= ClarityFeedback.negativeThreshold ? .negative : .positive
        }

        /// The question (`data-element="feedback-rating-question"`).
        public var question: String {
            switch self {
            case .negative: "Dove hai incontrato le maggiori difficoltà?"
            case .positive: "Quali sono stati gli aspetti che hai preferito?"
            }
        }

        /// Which ratings the question is for, as the page says it when both questions show (no JavaScript).
        public var ratingsText: String {
            switch self {
            case .negative: "se hai dato 1, 2 o 3 stelle"
            case .positive: "se hai dato 4 o 5 stelle"
            }
        }

        /// The answers, in the model's order.
        public var answers: [Answer] { Answer.allCases.filter { $0.branch == self } }
    }

    /// An answer to the follow-up question, stored by its raw value.
    public enum Answer: String, Sendable, CaseIterable, Codable {
        case unclear = "indicazioni-non-chiare"
        case incomplete = "indicazioni-non-complete"
        case unsureOfProgress = "procedura-non-chiara"
        case technicalProblems = "problemi-tecnici"
        case otherDifficulty = "altra-difficolta"
        case clear = "indicazioni-chiare"
        case complete = "indicazioni-complete"
        case sureOfProgress = "procedura-chiara"
        case noTechnicalProblems = "nessun-problema-tecnico"
        case otherPreference = "altro-aspetto"

        /// The model's text (`data-element="feedback-rating-answer"`).
        public var text: String {
            switch self {
            case .unclear: "A volte le indicazioni non erano chiare"
            case .incomplete: "A volte le indicazioni non erano complete"
            case .unsureOfProgress: "A volte non capivo se stavo procedendo correttamente"
            case .technicalProblems: "Ho avuto problemi tecnici"
            case .otherDifficulty, .otherPreference: "Altro"
            case .clear: "Le indicazioni erano chiare"
            case .complete: "Le indicazioni erano complete"
            case .sureOfProgress: "Capivo sempre che stavo procedendo correttamente"
            case .noTechnicalProblems: "Non ho avuto problemi tecnici"
            }
        }

        /// The question it answers.
        public var branch: Branch {
            switch self {
            case .unclear, .incomplete, .unsureOfProgress, .technicalProblems, .otherDifficulty: .negative
            case .clear, .complete, .sureOfProgress, .noTechnicalProblems, .otherPreference: .positive
            }
        }
    }

    /// The path a widget names its page by: `/` for the home page, else the page's published folder
    /// (`/servizi/tutor/`), as ``isPagePath(_:)`` accepts it.
    public static func pagePath(_ portalPath: String) -> String { "/" + portalPath }

    /// Whether `text` is a page path of a portal as ``pagePath(_:)`` writes it: `/`, or `/` followed by
    /// folders of lower-case letters, digits, `-`, `_` and `.` (never `.` or `..` alone), each ended
    /// by `/`; at most ``pageLimit`` bytes. A full address, a query or anything else is not one.
    public static func isPagePath(_ text: String) -> Bool {
        guard text.utf8.count <= pageLimit, text.hasPrefix("/"), text.hasSuffix("/") else { return false }
        if text == "/" { return true }
        return text.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.utf8.allSatisfy { byte in
                    (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
                        || byte == 0x2E
                }
        }
    }
}

extension Portal {
    /// The clarity feedback's address on the daemon, from the daemon's root: `/feedback/{portal}`. The
    /// published pages post to it under `intake_url` (``feedbackAction``); the daemon's own pages under its path.
    public var feedbackPath: String { "/feedback/\(id)" }

    /// Where the clarity feedback of the portal's pages posts: `{intake_url}/feedback/{portal}` (``feedbackPath``).
    public var feedbackAction: String { config.intakeURL + feedbackPath }
}
