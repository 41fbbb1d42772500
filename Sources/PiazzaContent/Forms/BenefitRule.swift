/// How much a household receives, by its size.
public struct BenefitRule: Sendable, Hashable {
    /// The repeatable group listing the other household members.
    public var householdGroup: String
    /// Amounts in euro cents for household size 1, 2, 3...; the last applies to larger households.
    public var amountsCents: [Int]

    public init(householdGroup: String, amountsCents: [Int]) {
        self.householdGroup = householdGroup
        self.amountsCents = amountsCents
    }

    /// The amount for a household of `size` people (at least 1).
    public func amountCents(householdSize size: Int) -> Int {
        amountsCents[min(max(size, 1), amountsCents.count) - 1]
    }
}
