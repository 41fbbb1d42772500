/// On the case page of an accepted shop enrolment: the merchant the acceptance created.
public struct OperatorEnrolmentView: Sendable, Hashable {
    /// The shop's name as enrolled (its insegna).
    public var name: String
    public var partitaIVA: String
    /// The titles of the measures whose vouchers it redeems.
    public var measures: [String]
    /// `25/11/2026 alle 13:05`, in Rome.
    public var enrolledAt: String

    public init(name: String, partitaIVA: String, measures: [String], enrolledAt: String) {
        self.name = name
        self.partitaIVA = partitaIVA
        self.measures = measures
        self.enrolledAt = enrolledAt
    }
}
