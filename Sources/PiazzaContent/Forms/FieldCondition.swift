/// A `when:` rule: the field is shown (and validated) only when another field has one of some values.
public struct FieldCondition: Sendable, Hashable {
    /// The name of the field the condition looks at.
    public var field: String
    /// The values that make the field visible.
    public var values: [String]
    /// Where `field:` names the field in the form file (1-based line and column of its value), for the
    /// error when no field before it has that name; `nil` for a condition not read from a file.
    public var fieldPlace: SourceLocation?

    public init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }

    /// Whether the field is visible when the other field holds `value` (a checkbox list counts if any matches).
    public func isSatisfied(by value: [String]) -> Bool { value.contains { values.contains($0) } }
}
