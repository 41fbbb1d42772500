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
    /// The keyed hash identifying a repeated submission.
    var idempotencyKey: String
    var files: [File]

    /// Prepares everything that does not need the database, so the write transaction stays short.
    init(
        formID: String, token: String, submittedAt: Date, channel: String, application: ValidatedApplication,
        checks: [CheckResult], householdScope: String, householdCodes: [String], benefitCents: Int?,
        idempotencyKey: String, files: [File]
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
        self.idempotencyKey = idempotencyKey
        self.files = files
    }
}
