/// One choice of a select, radio or checkbox field.
public struct FieldOption: Sendable, Hashable {
    /// What is posted and stored.
    public var value: String
    /// What the citizen reads.
    public var label: String

    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}
