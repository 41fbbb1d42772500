import Foundation
import GRDB
import PiazzaContent

/// A row of `applications`: one application, as submitted.
struct ApplicationRecord: SubmissionRow {
    static let databaseTableName = "applications"

    var id: Int64?
    /// The receipt token (``RandomToken``), the only way to the receipt page.
    var token: String
    /// Numero pratica `YYYY-NNNNNNN`, from `year` and `seq`.
    var number: String
    /// The year in Rome of `submittedAt`, and the application's place in that year.
    var year: Int
    var seq: Int
    var formID: String
    var submittedAt: Date
    var channel: SubmissionChannel
    /// The validated answers, stored as JSON.
    var answers: StoredAnswers
    /// The automatic check results, stored as a JSON array.
    var checks: [CheckResult]
    var benefitCents: Int?
    var state: ApplicationState

    init(
        token: String, year: Int, seq: Int, formID: String, submittedAt: Date, channel: SubmissionChannel,
        answers: StoredAnswers, checks: [CheckResult], benefitCents: Int?, state: ApplicationState
    ) {
        self.token = token
        number = Self.number(year: year, seq: seq)
        self.year = year
        self.seq = seq
        self.formID = formID
        self.submittedAt = submittedAt
        self.channel = channel
        self.answers = answers
        self.checks = checks
        self.benefitCents = benefitCents
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case id, token, number, year, seq
        case formID = "form_id"
        case submittedAt = "submitted_at"
        case channel, answers, checks
        case benefitCents = "benefit_cents"
        case state
    }

    enum Columns {
        static let token = Column(CodingKeys.token)
    }

    /// The numero pratica of the `seq`-th application of `year`: `2026-0000042`.
    static func number(year: Int, seq: Int) -> String { padded(year, width: 4) + "-" + padded(seq, width: 7) }

    /// Decimal digits with leading zeros up to `width` (what `%0Nd` gives, without Foundation's formatter).
    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The answers as the `answers` column stores them (``StoredAnswers``), by ``StoredJSONWriter``.
    static func storedText(of answers: ValidatedApplication) -> String {
        StoredJSONWriter.text(of: answers)
    }

    /// Reads the columns by hand, as ``encode(to:)`` writes them: the exports read every row of a form,
    /// and GRDB's `Codable` decoding through `JSONDecoder` for the two JSON columns was most of their
    /// time (``StoredJSONReader``, which falls back to `JSONDecoder` for a shape it does not read).
    ///
    /// - Throws: GRDB's `RowDecodingError` for a missing or mistyped column, `DecodingError` for a
    ///   `submitted_at` or `checks` that does not parse.
    init(row: Row) throws {
        id = try row.decode(forColumn: CodingKeys.id.rawValue)
        token = try row.decode(forColumn: CodingKeys.token.rawValue)
        number = try row.decode(forColumn: CodingKeys.number.rawValue)
        year = try row.decode(forColumn: CodingKeys.year.rawValue)
        seq = try row.decode(forColumn: CodingKeys.seq.rawValue)
        formID = try row.decode(forColumn: CodingKeys.formID.rawValue)
        let submitted: String = try row.decode(forColumn: CodingKeys.submittedAt.rawValue)
        guard let submittedAt = Timestamp.date(submitted) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [CodingKeys.submittedAt], debugDescription: "not an ISO 8601 instant: \(submitted)"))
        }
        self.submittedAt = submittedAt
        channel = try row.decode(forColumn: CodingKeys.channel.rawValue)
        answers = try row.decode(forColumn: CodingKeys.answers.rawValue)
        let checks: String = try row.decode(forColumn: CodingKeys.checks.rawValue)
        self.checks =
            try StoredJSONReader.checks(checks)
            ?? Self.databaseJSONDecoder(for: CodingKeys.checks.rawValue).decode(
                [CheckResult].self, from: Data(checks.utf8))
        benefitCents = try row.decode(forColumn: CodingKeys.benefitCents.rawValue)
        state = try row.decode(forColumn: CodingKeys.state.rawValue)
    }

    static let insertedColumns = [
        CodingKeys.id.rawValue, CodingKeys.token.rawValue, CodingKeys.number.rawValue, CodingKeys.year.rawValue,
        CodingKeys.seq.rawValue, CodingKeys.formID.rawValue, CodingKeys.submittedAt.rawValue,
        CodingKeys.channel.rawValue, CodingKeys.answers.rawValue, CodingKeys.checks.rawValue, "flagged",
        CodingKeys.benefitCents.rawValue, CodingKeys.state.rawValue,
    ]
    static let insertSQL = insertStatementSQL()

    var columnValues: [(any DatabaseValueConvertible)?] {
        [
            id, token, number, year, seq, formID, Timestamp.string(submittedAt), channel, answers,
            StoredJSONWriter.text(of: checks), CheckResult.asksForReview(checks), benefitCents, state,
        ]
    }

    func encode(to container: inout PersistenceContainer) { encodeColumns(to: &container) }

    /// ``insertSQL`` with the two columns only a new submission writes, which no reader takes from the record:
    /// `retention_ends` and `idempotency_key` (migration v20).
    private static let submissionInsertSQL = insertStatementSQL(extraColumns: ["retention_ends", "idempotency_key"])

    /// Inserts the application of a new submission inside the caller's transaction, in one statement with its
    /// retention deadline (``ApplicationDraft/retentionEnds``, `nil` until the next retention pass) and its
    /// key (``ApplicationDraft/idempotencyKey``), which ``receipt(forKey:in:)`` finds.
    ///
    /// - Returns: the new row's id.
    /// - Throws: GRDB's `DatabaseError` (a constraint, such as a key already stored; a full disk); nothing is
    ///   inserted then.
    func insertSubmission(retentionEnds: Date?, idempotencyKey: String, in db: Database) throws -> Int64 {
        try db.cachedStatement(sql: Self.submissionInsertSQL).execute(
            arguments: StatementArguments(columnValues + [retentionEnds.map(Timestamp.string), idempotencyKey]))
        return db.lastInsertedRowID
    }

    /// The receipt of the application stored with `key` (``ApplicationDraft/idempotencyKey``), if any: one
    /// lookup in the partial unique index `applications_idempotency_key` (migration v20).
    static func receipt(forKey key: String, in db: Database) throws -> StoredReceipt? {
        // A cached statement: this runs for every submission, inside the write (and before it, with uploads).
        let statement = try db.cachedStatement(sql: "SELECT token, number FROM applications WHERE idempotency_key = ?")
        return try Row.fetchOne(statement, arguments: [key]).map {
            StoredReceipt(token: $0["token"], number: $0["number"], isNew: false)
        }
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The history, oldest first.
    static let events = hasMany(ApplicationEvent.self).order(ApplicationEvent.Columns.id).forKey("events")
}
