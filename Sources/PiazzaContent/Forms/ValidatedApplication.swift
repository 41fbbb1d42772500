/// A submission that passed validation: typed, normalised answers in form order.
///
/// Hidden (`when:`) fields and empty optional fields are absent; empty group rows are dropped.
/// Encodes to JSON that describes itself, so stored applications stay readable after the form
/// file changes.
public struct ValidatedApplication: Sendable, Hashable, Codable {
    /// The form it answers.
    public var formID: String
    /// Answers in the order of the form's fields.
    public var answers: [Answer]

    /// Creates an application from its answers.
    public init(formID: String, answers: [Answer]) {
        self.formID = formID
        self.answers = answers
    }

    /// The answer to a top-level field.
    public subscript(name: String) -> AnswerValue? { answers.first { $0.name == name }?.value }

    /// Every uploaded file with the posted name of its field.
    public var files: [(name: String, file: UploadedFile)] {
        answers.compactMap { answer in
            if case .file(let file) = answer.value { (answer.name, file) } else { nil }
        }
    }
}
