/// A fieldset of a form.
public struct FormSection: Sendable, Hashable {
    public var title: String
    public var hint: String?
    public var fields: [FormField]
}
