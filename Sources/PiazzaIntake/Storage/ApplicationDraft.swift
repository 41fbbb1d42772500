import Foundation

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
    var submittedAt: Date
    /// `online`, or `assisted` when an operator submits for a citizen.
    var channel: String
    /// The validated answers as JSON.
    var answersJSON: String
    /// Check results computed before storing; the household check is added in the transaction.
    var checks: [CheckResult]
    /// The one-per-household scope and the household's de-omocodified codici fiscali.
    var householdScope: String
    var householdCodes: [String]
    var benefitCents: Int?
    /// The keyed hash identifying a repeated submission.
    var idempotencyKey: String
    var files: [File]
}

/// What a stored (or earlier identical) submission answers.
struct StoredReceipt: Sendable, Hashable {
    var token: String
    /// Numero pratica `YYYY-NNNNNNN`.
    var number: String
    /// `false` when the idempotency key matched an earlier application.
    var isNew: Bool
}
