/// The outcome of one automatic check, stored with the application for the operators.
///
/// Checks never reject an application; a `warning` asks an operator to look.
public struct CheckResult: Sendable, Hashable, Codable {
    /// What the check found.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The condition holds.
        case ok
        /// The condition does not hold, or needs a human look.
        case warning
    }

    /// Stable check name: `isee_threshold`, `dsu_year`, `residence`, `iban`, `household_duplicate`.
    public var code: String
    public var status: Status
    /// What was found, in Italian for operators.
    public var message: String

    public init(code: String, status: Status, message: String) {
        self.code = code
        self.status = status
        self.message = message
    }
}
