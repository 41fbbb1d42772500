/// What the operators' queue of one portal shows: one form's applications, newest first, a page at a time.
public struct OperatorQueueView: Sendable, Hashable {
    /// One application in the list.
    public struct Entry: Sendable, Hashable {
        public var number: String
        public var url: String
        public var submittedAt: String
        public var state: String
        public var channel: String
        /// The day the case was taken in charge (`12/06/2026`), `nil` before.
        public var takenInCharge: String?
        /// The last day to conclude the case, `nil` for a concluded case.
        public var deadline: String?
        /// Whether the deadline has passed and the case is still open.
        public var isOverdue: Bool

        public init(
            number: String, url: String, submittedAt: String, state: String, channel: String,
            takenInCharge: String?, deadline: String?, isOverdue: Bool
        ) {
            self.number = number
            self.url = url
            self.submittedAt = submittedAt
            self.state = state
            self.channel = channel
            self.takenInCharge = takenInCharge
            self.deadline = deadline
            self.isOverdue = isOverdue
        }
    }

    /// A choice of a filter's list.
    public struct Option: Sendable, Hashable {
        public var value: String
        public var label: String
        public var isSelected: Bool

        public init(value: String, label: String, isSelected: Bool) {
            self.value = value
            self.label = label
            self.isSelected = isSelected
        }
    }

    /// A filter value that cannot be used: the parameter (also the field's id) and the Italian message.
    public struct Problem: Sendable, Hashable {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// The filter form (a `GET` form), as the operator filled it, with what was wrong in it.
    public struct Filter: Sendable, Hashable {
        /// Where the form goes: the queue's own address.
        public var actionURL: String
        /// The form listed, sent again as `modulo`.
        public var formID: String
        /// What was written in the text fields and ticked, by parameter (`cerca`, `dal`, `al`,
        /// `controlli`, `scadute`).
        public var values: [String: String]
        public var states: [Option]
        public var channels: [Option]
        /// Days from receipt to the deadline of this form's cases.
        public var termDays: Int
        /// Italian messages by parameter; the list is not shown while there are any.
        public var problems: [Problem]
        /// The queue without any filter.
        public var resetURL: String

        public init(
            actionURL: String, formID: String, values: [String: String], states: [Option], channels: [Option],
            termDays: Int, problems: [Problem], resetURL: String
        ) {
            self.actionURL = actionURL
            self.formID = formID
            self.values = values
            self.states = states
            self.channels = channels
            self.termDays = termDays
            self.problems = problems
            self.resetURL = resetURL
        }
    }

    /// The forms of the portal, each a link to its queue.
    public var forms: [OperatorLinkView]
    /// The title of the form listed.
    public var formTitle: String
    /// The form an operator fills for a citizen (assisted submission).
    public var assistedURL: String
    public var filter: Filter
    /// Whether any filter or search is set.
    public var isFiltered: Bool
    public var entries: [Entry]
    /// The next, older page, with the same filters; `nil` on the last one.
    public var nextURL: String?
    /// When a search found nothing in this form: what was searched and, in Italian, how else to search
    /// (completing «Puoi …»); `nil` otherwise.
    public var emptySearch: EmptySearch?

    /// A search that found nothing in the form listed.
    public struct EmptySearch: Sendable, Hashable {
        /// What the operator typed.
        public var searched: String
        /// How else to search, in Italian, completing «Puoi …» (`cercare per numero pratica …`).
        public var help: String

        public init(searched: String, help: String) {
            self.searched = searched
            self.help = help
        }
    }

    public init(
        forms: [OperatorLinkView], formTitle: String, assistedURL: String, filter: Filter, isFiltered: Bool,
        entries: [Entry], nextURL: String?, emptySearch: EmptySearch? = nil
    ) {
        self.forms = forms
        self.formTitle = formTitle
        self.assistedURL = assistedURL
        self.filter = filter
        self.isFiltered = isFiltered
        self.entries = entries
        self.nextURL = nextURL
        self.emptySearch = emptySearch
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
        /// The reason typed, kept when the step was refused; empty otherwise.
        public var reason: String

        public init(state: String, action: String, needsReason: Bool, reason: String = "") {
            self.state = state
            self.action = action
            self.needsReason = needsReason
            self.reason = reason
        }
    }

    public var actionURL: String
    public var csrf: String
    /// Empty when the state is final.
    public var steps: [Step]
    /// Why the last change was refused, shown above the forms.
    public var error: String?
    /// What the operator should know before taking a step (the vouchers of the measure have expired),
    /// shown above the forms.
    public var warning: String?
    /// The version of the case the page shows, posted as `versione` by every form that changes the case
    /// (the steps, the amount, the payment): the daemon refuses the change when the case has changed since.
    public var version: String

    public init(
        actionURL: String, csrf: String, steps: [Step], error: String?, warning: String? = nil, version: String = ""
    ) {
        self.actionURL = actionURL
        self.csrf = csrf
        self.steps = steps
        self.error = error
        self.warning = warning
        self.version = version
    }
}

/// The case page's dates of the procedure (L. 241/1990 art. 2): when the office took the case in
/// charge and by when it must conclude it.
public struct OperatorTermView: Sendable, Hashable {
    /// `12/06/2026`, `nil` before the case is taken in charge.
    public var takenInCharge: String?
    /// The last day to conclude the case, `nil` once it is concluded.
    public var deadline: String?
    /// Days from receipt to the deadline.
    public var days: Int
    /// Whether the deadline has passed and the case is still open.
    public var isOverdue: Bool

    public init(takenInCharge: String?, deadline: String?, days: Int, isOverdue: Bool) {
        self.takenInCharge = takenInCharge
        self.deadline = deadline
        self.days = days
        self.isOverdue = isOverdue
    }
}
