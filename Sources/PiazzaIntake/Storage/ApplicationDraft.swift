import Foundation
import PiazzaContent

/// Everything stored for one submission, prepared before the write transaction.
struct ApplicationDraft: Sendable {
    /// An upload already written and synced under `uploads/`.
    struct File: Sendable, Hashable {
        var field: String
        var storedName: String
        var originalName: String
        var mime: String
        var size: Int
        var sha256: String
    }

    var formID: String
    /// The random receipt token.
    var token: String
    /// The submission instant as stored (UTC ISO 8601) and its year in Rome, for the numero pratica.
    var submittedAtText: String
    var year: Int
    /// `online`, or `assisted` when an operator submits for a citizen.
    var channel: String
    /// The validated answers as JSON.
    var answersJSON: String
    /// Check results computed before storing, as a JSON array; the household check is added in the transaction.
    var checksJSON: String
    /// The one-per-household scope and the household's de-omocodified codici fiscali.
    var householdScope: String
    var householdCodes: [String]
    var benefitCents: Int?
    /// The keyed hash that identifies a repeat of this very submission (same form, key and answers).
    var idempotencyKey: String
    /// The uploads, added once they are written (after the check for an earlier identical submission).
    var files: [File] = []

    /// Prepares everything that does not need the database, so the write transaction stays short.
    ///
    /// `idempotencyKey` derives the key from the answers exactly as they are stored (JSON).
    init(
        formID: String, token: String, submittedAt: Date, channel: String, application: ValidatedApplication,
        checks: [CheckResult], householdScope: String, householdCodes: [String], benefitCents: Int?,
        idempotencyKey: (_ answersJSON: String) -> String
    ) throws {
        self.formID = formID
        self.token = token
        submittedAtText = Timestamp.string(submittedAt)
        year = ContentDateTime.romeDay(of: submittedAt).year
        self.channel = channel
        answersJSON = try ApplicationStore.json(application)
        checksJSON = try ApplicationStore.json(checks)
        self.householdScope = householdScope
        self.householdCodes = householdCodes
        self.benefitCents = benefitCents
        self.idempotencyKey = idempotencyKey(answersJSON)
    }
}
