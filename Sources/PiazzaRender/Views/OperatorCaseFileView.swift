/// What the operators' case page shows beyond the receipt: attachments, the other applications of
/// the household, the full history, and the forms of the benefit amount and of a message to the citizen.
public struct OperatorCaseFileView: Sendable, Hashable {
    /// An upload, as a link to its authorised download.
    public struct Attachment: Sendable, Hashable {
        /// The field it was posted under (its label), or the integration reply.
        public var label: String
        /// The file name, type and size (`ricevuta.pdf (PDF, 12 KB)`).
        public var text: String
        public var url: String

        public init(label: String, text: String, url: String) {
            self.label = label
            self.text = text
            self.url = url
        }
    }

    /// Another application of the same household.
    public struct Related: Sendable, Hashable {
        public var number: String
        public var url: String
        public var formTitle: String
        public var submittedAt: String
        public var state: String

        public init(number: String, url: String, formTitle: String, submittedAt: String, state: String) {
            self.number = number
            self.url = url
            self.formTitle = formTitle
            self.submittedAt = submittedAt
            self.state = state
        }
    }

    /// One entry of the history: a change of state, of the benefit amount, or a message.
    public struct Entry: Sendable, Hashable {
        public var date: String
        /// What happened (`Accolta`, `Importo modificato: 250,00 € → 300,00 €`, `Messaggio al cittadino`).
        public var what: String
        /// Who did it.
        public var actor: String
        /// The reason or the text.
        public var note: String?

        public init(date: String, what: String, actor: String, note: String?) {
            self.date = date
            self.what = what
            self.actor = actor
            self.note = note
        }
    }

    /// A form of the case page: where it posts, the session's token and why the last post was refused.
    public struct Form: Sendable, Hashable {
        public var actionURL: String
        public var csrf: String
        public var error: String?
        /// The value typed, kept after a refusal.
        public var value: String

        public init(actionURL: String, csrf: String, error: String?, value: String) {
            self.actionURL = actionURL
            self.csrf = csrf
            self.error = error
            self.value = value
        }
    }

    public var attachments: [Attachment]
    /// Newest first.
    public var household: [Related]
    /// Oldest first.
    public var history: [Entry]
    /// Sets the benefit amount (`importo`, `motivo`); its `error` answers a refused post.
    public var benefit: Form
    /// Whether the case's form grants an amount: without, the page shows no amount controls, and a post
    /// of one gets its refusal (``benefit``'s error) alone.
    public var grantsAmount: Bool
    /// Why the benefit amount can no longer change (paid, or given as a voucher): shown instead of the
    /// form; `nil` while it can.
    public var benefitLocked: String?
    /// Writes to the citizen (`testo`).
    public var message: Form
    /// Whether messages also go out by e-mail, and to whom it would go (`nil`: no address in the application).
    public var mailsTo: String?
    public var mailEnabled: Bool

    public init(
        attachments: [Attachment], household: [Related], history: [Entry], benefit: Form, grantsAmount: Bool,
        benefitLocked: String?, message: Form, mailsTo: String?, mailEnabled: Bool
    ) {
        self.attachments = attachments
        self.household = household
        self.history = history
        self.benefit = benefit
        self.grantsAmount = grantsAmount
        self.benefitLocked = benefitLocked
        self.message = message
        self.mailsTo = mailsTo
        self.mailEnabled = mailEnabled
    }

    /// The template keys of the view (`case.file` in operator-case.mustache).
    var context: [String: Any] {
        func form(_ form: Form) -> [String: Any] {
            ["actionURL": form.actionURL, "csrf": form.csrf, "error": form.error ?? false, "value": form.value]
        }
        return [
            "attachments": attachments.map { ["label": $0.label, "text": $0.text, "url": $0.url] },
            "hasAttachments": !attachments.isEmpty,
            "household": household.map {
                [
                    "number": $0.number, "url": $0.url, "formTitle": $0.formTitle, "submittedAt": $0.submittedAt,
                    "state": $0.state,
                ]
            },
            "hasHousehold": !household.isEmpty,
            "history": history.map {
                ["date": $0.date, "what": $0.what, "actor": $0.actor, "note": $0.note ?? false] as [String: Any]
            },
            "benefitForm": grantsAmount && benefitLocked == nil ? form(benefit) : false,
            "benefitLocked": (grantsAmount ? benefitLocked : nil) ?? false,
            "benefitRefused": (grantsAmount ? nil : benefit.error) ?? false,
            "messageForm": form(message),
            "mailsTo": (mailEnabled ? mailsTo : nil).map { $0 as Any } ?? false,
            "mailWithoutAddress": mailEnabled && mailsTo == nil,
        ]
    }
}
