import Foundation
import GRDB
import PiazzaContent

/// A row of `feedback`: one citizen's clarity feedback on one page of the site (``ClarityFeedback``).
/// Nothing about the sender is kept: no address, no browser, only the day.
struct FeedbackRecord: PortalRecord, Hashable {
    static let databaseTableName = "feedback"

    var id: Int64?
    /// The page's path (``ClarityFeedback/pagePath(_:)``): `/`, `/servizi/tutor/`.
    var page: String
    /// The day it was sent, in Rome, ISO (`2026-06-01`).
    var day: String
    /// Stars, 1…5.
    var rating: Int
    /// The answer to the follow-up question of the rating's ``ClarityFeedback/Branch``, if any.
    var answer: ClarityFeedback.Answer?
    /// Typed text, at most ``ClarityFeedback/detailsLimit`` characters; `nil` when left empty.
    var details: String?

    init(page: String, day: String, rating: Int, answer: ClarityFeedback.Answer?, details: String?) {
        self.page = page
        self.day = day
        self.rating = rating
        self.answer = answer
        self.details = details
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What the operators' results show of one page: how many feedbacks, the stars, the answers and the
/// latest free texts.
struct FeedbackSummary: Sendable, Hashable {
    /// A free text and the day it was sent.
    struct Note: Sendable, Hashable {
        var day: String
        var text: String
    }

    var page: String
    /// Feedbacks by stars: `ratingCounts[0]` for 1 star … `[4]` for 5.
    var ratingCounts: [Int]
    /// Feedbacks by answer; an answer nobody chose is absent.
    var answerCounts: [ClarityFeedback.Answer: Int]
    /// Newest first, at most ``PortalDatabase/latestFeedbackNotes``.
    var latestNotes: [Note]
    /// How many feedbacks carry a free text, all of them (``latestNotes`` shows the newest).
    var noteCount = 0

    var count: Int { ratingCounts.reduce(0, +) }

    /// The average rating in tenths of a star, rounded half up (`38` for 3.8); 0 without feedback.
    var averageTenths: Int {
        guard count > 0 else { return 0 }
        let stars = ratingCounts.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
        return (stars * 20 + count) / (2 * count)
    }

    /// `3.8`: the average with a decimal point (``ReportValue/decimal(_:)`` shows a comma).
    var averageText: String { "\(averageTenths / 10).\(averageTenths % 10)" }

    /// `3,8`: the average as pages show it, with a decimal comma.
    var averageItalian: String { "\(averageTenths / 10),\(averageTenths % 10)" }

    /// Feedbacks whose rating asks where the difficulties were (1 to ``ClarityFeedback/negativeThreshold``).
    var lowCount: Int { ratingCounts.prefix(ClarityFeedback.negativeThreshold).reduce(0, +) }

    /// The share of ``lowCount`` in whole per cent, rounded half up; 0 without feedback.
    var lowPercent: Int { count == 0 ? 0 : (lowCount * 200 + count) / (2 * count) }
}

extension PortalDatabase {
    /// The most free texts the results show per page.
    static let latestFeedbackNotes = 5

    /// Stores one clarity feedback.
    ///
    /// - Throws: GRDB's error when the transaction fails (a rating outside 1…5 breaks the table's check).
    func storeFeedback(_ feedback: FeedbackRecord) async throws {
        try await committer.write { db in
            var record = feedback
            try record.insert(db)
        }
    }

    /// Every page's feedback summed up, pages in path order.
    func feedbackSummaries() async throws -> [FeedbackSummary] {
        try await writer.read { db in
            var summaries: [String: FeedbackSummary] = [:]
            let groups = try Row.fetchAll(
                db,
                sql: """
                    SELECT page, rating, answer, count(*) AS n, count(details) AS notes
                    FROM feedback GROUP BY page, rating, answer
                    """)
            for row in groups {
                let page: String = row["page"]
                var summary =
                    summaries[page]
                    ?? FeedbackSummary(
                        page: page, ratingCounts: Array(repeating: 0, count: 5), answerCounts: [:], latestNotes: [])
                let count: Int = row["n"]
                let rating: Int = row["rating"]
                summary.ratingCounts[rating - 1] += count
                summary.noteCount += row["notes"] as Int
                if let answer = (row["answer"] as String?).flatMap(ClarityFeedback.Answer.init(rawValue:)) {
                    summary.answerCounts[answer, default: 0] += count
                }
                summaries[page] = summary
            }
            let notes = try Row.fetchAll(
                db,
                sql: """
                    SELECT page, day, details FROM (
                        SELECT page, day, details, row_number() OVER (PARTITION BY page ORDER BY id DESC) AS position
                        FROM feedback WHERE details IS NOT NULL)
                    WHERE position <= ? ORDER BY page, position
                    """, arguments: [Self.latestFeedbackNotes])
            for row in notes {
                summaries[row["page"]]?.latestNotes.append(FeedbackSummary.Note(day: row["day"], text: row["details"]))
            }
            return summaries.values.sorted { $0.page < $1.page }
        }
    }
}
