/// What a stored (or earlier identical) submission answers.
struct StoredReceipt: Sendable, Hashable {
    var token: String
    /// Numero pratica `YYYY-NNNNNNN`.
    var number: String
    /// `false` when the idempotency key matched an earlier application.
    var isNew: Bool
}
