import ItalianIdentifiers

/// How much a household receives, by its size.
public struct BenefitRule: Sendable, Hashable {
    /// The repeatable group listing the other household members.
    public var householdGroup: String
    /// Amounts for household size 1, 2, 3...; the last applies to larger households.
    public var amounts: [Money]

    public init(householdGroup: String, amounts: [Money]) {
        self.householdGroup = householdGroup
        self.amounts = amounts
    }

    /// The amount for a household of `size` people (at least 1).
    public func amount(householdSize size: Int) -> Money {
        amounts[min(max(size, 1), amounts.count) - 1]
    }
}
