/// A link among several views of one list (a filter), the current one marked.
public struct OperatorLinkView: Sendable, Hashable {
    public var title: String
    public var url: String
    public var isCurrent: Bool

    public init(title: String, url: String, isCurrent: Bool) {
        self.title = title
        self.url = url
        self.isCurrent = isCurrent
    }

    var context: [String: Any] { ["title": title, "url": url, "current": isCurrent] }
}

/// The payments list for the ragioneria (`/operator/{portal}/pagamenti`): accepted cases with a
/// benefit, the ones due with a box to tick, and one form marking the ticked ones paid.
public struct OperatorPaymentsView: Sendable, Hashable {
    /// One case.
    public struct Entry: Sendable, Hashable {
        public var number: String
        public var caseURL: String
        public var formTitle: String
        public var iban: String
        /// `1.500,00 €`.
        public var amount: String
        public var causale: String
        public var state: String
        /// Whether it is due (it gets a box).
        public var isDue: Bool
        public var paidOn: String
        public var reference: String

        public init(
            number: String, caseURL: String, formTitle: String, iban: String, amount: String, causale: String,
            state: String, isDue: Bool, paidOn: String, reference: String
        ) {
            self.number = number
            self.caseURL = caseURL
            self.formTitle = formTitle
            self.iban = iban
            self.amount = amount
            self.causale = causale
            self.state = state
            self.isDue = isDue
            self.paidOn = paidOn
            self.reference = reference
        }
    }

    public var filters: [OperatorLinkView]
    public var entries: [Entry]
    public var actionURL: String
    public var csrf: String
    /// The same list as CSV, and as an Excel workbook.
    public var csvURL: String
    public var xlsxURL: String
    public var nextURL: String?
    /// What the last post did (`3 pratiche segnate come pagate.`).
    public var notice: String?
    /// Why the last post wrote nothing, one line per case or field.
    public var errors: [String]
    /// The date and reference typed, kept after a refusal.
    public var date: String
    public var reference: String

    public init(
        filters: [OperatorLinkView], entries: [Entry], actionURL: String, csrf: String, csvURL: String,
        xlsxURL: String, nextURL: String?, notice: String?, errors: [String], date: String, reference: String
    ) {
        self.filters = filters
        self.entries = entries
        self.actionURL = actionURL
        self.csrf = csrf
        self.csvURL = csvURL
        self.xlsxURL = xlsxURL
        self.nextURL = nextURL
        self.notice = notice
        self.errors = errors
        self.date = date
        self.reference = reference
    }
}

/// The exports page (`/operator/{portal}/esportazioni`): one form asking which form, format and
/// from which day, and the public outcomes list of each form.
public struct OperatorExportsView: Sendable, Hashable {
    /// A form of the portal: its id (the value chosen) and title.
    public struct Form: Sendable, Hashable {
        public var id: String
        public var title: String
        /// The outcomes list (esiti) of the form, CSV.
        public var outcomesURL: String

        public init(id: String, title: String, outcomesURL: String) {
            self.id = id
            self.title = title
            self.outcomesURL = outcomesURL
        }
    }

    public var forms: [Form]
    /// Where the choice is sent (`GET`).
    public var actionURL: String

    public init(forms: [Form], actionURL: String) {
        self.forms = forms
        self.actionURL = actionURL
    }
}

/// The payment of a case on its page: its state and, while it is due, the form that records it.
public struct OperatorCasePaymentView: Sendable, Hashable {
    /// `Da pagare`, `Pagata`.
    public var state: String
    /// The amount paid or to pay, `250,00 €`.
    public var amount: String
    /// Whether the form is shown (the case is due).
    public var isDue: Bool
    /// Date, reference and who recorded it, once paid.
    public var paidOn: String?
    public var reference: String?
    public var actor: String?
    public var actionURL: String
    public var csrf: String

    public init(
        state: String, amount: String, isDue: Bool, paidOn: String?, reference: String?, actor: String?,
        actionURL: String, csrf: String
    ) {
        self.state = state
        self.amount = amount
        self.isDue = isDue
        self.paidOn = paidOn
        self.reference = reference
        self.actor = actor
        self.actionURL = actionURL
        self.csrf = csrf
    }

    var context: [String: Any] {
        [
            "state": state, "amount": amount, "isDue": isDue, "isPaid": paidOn != nil, "paidOn": paidOn ?? "",
            "reference": reference ?? "", "actor": actor ?? "", "actionURL": actionURL, "csrf": csrf,
        ]
    }
}
