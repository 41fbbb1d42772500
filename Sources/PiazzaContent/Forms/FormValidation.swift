/// The outcome of validating a submission.
public enum FormValidation: Sendable, Hashable {
    /// Every value is acceptable.
    case valid(ValidatedApplication)
    /// What to fix, in form order.
    case invalid([FieldError])
}
