/// A problem with one posted value, shown next to the field and in the error summary.
public struct FieldError: Sendable, Hashable {
    /// The posted name (`codice_fiscale`, `componenti.1.codice_fiscale`, `isee.dsu`).
    public var name: String
    /// The field's label, for the error summary.
    public var label: String
    /// What is wrong and how to fix it, in plain Italian.
    public var message: String

    public init(name: String, label: String, message: String) {
        self.name = name
        self.label = label
        self.message = message
    }
}
