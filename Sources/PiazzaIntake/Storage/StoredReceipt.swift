/// What a stored (or earlier identical) submission answers.
struct StoredReceipt: Sendable, Hashable {
    var token: String
    /// Numero pratica `YYYY-NNNNNNN`.
    var number: String
    /// `false` when an earlier application had the same idempotency key (same form, key and answers).
    var isNew: Bool
}
