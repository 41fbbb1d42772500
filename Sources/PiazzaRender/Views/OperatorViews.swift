/// What the operators' queue of one portal shows: one form's applications, newest first, a page at a time.
public struct OperatorQueueView: Sendable, Hashable {
    /// A form of the portal, as a link to its queue.
    public struct Form: Sendable, Hashable {
        public var title: String
        public var url: String
        public var isCurrent: Bool

        public init(title: String, url: String, isCurrent: Bool) {
            self.title = title
            self.url = url
            self.isCurrent = isCurrent
        }
    }

    /// One application in the list.
    public struct Entry: Sendable, Hashable {
        public var number: String
        public var url: String
        public var submittedAt: String
        public var state: String
        public var channel: String

        public init(number: String, url: String, submittedAt: String, state: String, channel: String) {
            self.number = number
            self.url = url
            self.submittedAt = submittedAt
            self.state = state
            self.channel = channel
        }
    }

    public var forms: [Form]
    /// The title of the form listed.
    public var formTitle: String
    public var entries: [Entry]
    /// The next, older page; `nil` on the last one.
    public var nextURL: String?

    public init(forms: [Form], formTitle: String, entries: [Entry], nextURL: String?) {
        self.forms = forms
        self.formTitle = formTitle
        self.entries = entries
        self.nextURL = nextURL
    }
}

/// An automatic check's outcome on the operators' case page.
public struct OperatorCheckView: Sendable, Hashable {
    public var message: String
    /// Whether the check asks an operator to look.
    public var isWarning: Bool

    public init(message: String, isWarning: Bool) {
        self.message = message
        self.isWarning = isWarning
    }
}

/// The state changes the case page offers: one form per step the workflow allows from the current
/// state, each posting `stato` and `motivo` with the session's token to `actionURL`.
public struct OperatorWorkflowView: Sendable, Hashable {
    /// One step: the state it enters and the button that does it.
    public struct Step: Sendable, Hashable {
        /// The state's stored name, posted as `stato`.
        public var state: String
        /// The button, in Italian (`Accogli`).
        public var action: String
        /// Whether the reason must be written (the field is then `required`).
        public var needsReason: Bool

        public init(state: String, action: String, needsReason: Bool) {
            self.state = state
            self.action = action
            self.needsReason = needsReason
        }
    }

    public var actionURL: String
    public var csrf: String
    /// Empty when the state is final.
    public var steps: [Step]
    /// Why the last change was refused, shown above the forms.
    public var error: String?

    public init(actionURL: String, csrf: String, steps: [Step], error: String?) {
        self.actionURL = actionURL
        self.csrf = csrf
        self.steps = steps
        self.error = error
    }
}
