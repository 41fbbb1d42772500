import PiazzaContent

/// What the receipt and status page of an application shows.
public struct ReceiptView: Sendable, Hashable {
    /// The form that answers an integration request, with the limits the daemon enforces and, when the
    /// daemon refused a reply, what the citizen typed and what to fix.
    public struct Reply: Sendable, Hashable {
        /// One file input.
        public struct File: Sendable, Hashable {
            /// The posted name (`allegato_1`).
            public var name: String
            /// The input's label (`Primo documento`).
            public var label: String

            public init(name: String, label: String) {
                self.name = name
                self.label = label
            }
        }

        /// The posted name of the reply's text.
        public static let textName = "risposta"

        /// The most characters of the text.
        public var textLimit: Int
        /// The types and size of each file, as the daemon enforces them.
        public var fileRule: FileRule
        public var files: [File]
        /// The text as typed, shown again when the reply was refused.
        public var text: String
        /// What to fix, by posted name (``textName`` or a file's ``File/name``).
        public var errors: [FieldError]

        public init(textLimit: Int, fileRule: FileRule, files: [File], text: String = "", errors: [FieldError] = []) {
            self.textLimit = textLimit
            self.fileRule = fileRule
            self.files = files
            self.text = text
            self.errors = errors
        }
    }

    /// A change of state in the application's history.
    public struct Event: Sendable, Hashable {
        public var date: String
        public var state: String
        public var note: String?
        /// Who made the step (an operator's name, or the channel of the submission); shown to operators only.
        public var actor: String?

        public init(date: String, state: String, note: String?, actor: String? = nil) {
            self.date = date
            self.state = state
            self.note = note
            self.actor = actor
        }
    }

    /// A message the office wrote to the citizen.
    public struct Message: Sendable, Hashable {
        public var date: String
        public var text: String

        public init(date: String, text: String) {
            self.date = date
            self.text = text
        }
    }

    /// One declared answer; group answers carry their rows.
    public struct Answer: Sendable, Hashable {
        public var label: String
        public var value: String
        public var rows: [[Answer]]

        public init(label: String, value: String, rows: [[Answer]]) {
            self.label = label
            self.value = value
            self.rows = rows
        }
    }

    /// Numero pratica, `YYYY-NNNNNNN`.
    public var number: String
    public var formTitle: String
    public var submittedAt: String
    /// The current state, as citizens read it.
    public var state: String
    public var history: [Event]
    public var answers: [Answer]
    /// The benefit, formatted (`350,00 €`), and what it is at the case's state (``benefitLabel``).
    public var benefit: String?
    /// "Importo previsto se la domanda sarà accolta" while the case is open, "Importo riconosciuto"
    /// once accepted.
    public var benefitLabel: String
    /// The random token of the status page URL.
    public var token: String
    /// What the office asks the citizen to send, while an integration is requested.
    public var integrationRequest: String?
    /// The office's messages, oldest first.
    public var messages: [Message]
    /// The reply form, shown with ``integrationRequest`` (the citizen's page only).
    public var reply: Reply?

    public init(
        number: String, formTitle: String, submittedAt: String, state: String, history: [Event], answers: [Answer],
        benefit: String?, benefitLabel: String = "Importo previsto se la domanda sarà accolta", token: String,
        integrationRequest: String? = nil, messages: [Message] = [], reply: Reply? = nil
    ) {
        self.number = number
        self.formTitle = formTitle
        self.submittedAt = submittedAt
        self.state = state
        self.history = history
        self.answers = answers
        self.benefit = benefit
        self.benefitLabel = benefitLabel
        self.token = token
        self.integrationRequest = integrationRequest
        self.messages = messages
        self.reply = reply
    }
}
