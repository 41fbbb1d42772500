import ItalianIdentifiers

/// The automatic checks a form asks the daemon to run on each application.
///
/// Checks never reject an application: their results are stored with it for the operators.
public struct FormChecks: Sendable, Hashable {
    /// ISEE over a threshold, or with a DSU of another year.
    public struct ISEE: Sendable, Hashable {
        /// The name of the `isee` field.
        public var field: String
        /// The threshold: an ISEE above it is flagged for the operators.
        public var max: Money
    }

    public var isee: ISEE?
    /// A field whose value must be one of the portal's comuni ISTAT codes.
    public var residenceField: String?
    /// Where `residence:` is written in `checks`, when it is.
    public var residenceLocation: SourceLocation?
    /// Codice fiscale fields (group fields as `group.field`) identifying the household: one
    /// application per household and measure per window.
    public var householdFields: [String]

    public init(isee: ISEE? = nil, residenceField: String? = nil, householdFields: [String] = []) {
        self.isee = isee
        self.residenceField = residenceField
        self.householdFields = householdFields
    }
}
