/// A page of an audit log (`/operator/{portal}/registro`, `/operator/accessi`): entries newest first.
public struct OperatorAuditView: Sendable, Hashable {
    /// One entry, as admins read it.
    public struct Entry: Sendable, Hashable {
        /// Its position in the chain.
        public var seq: String
        /// `dd/mm/yyyy hh:mm` in Rome.
        public var at: String
        public var actor: String
        /// What happened, in Italian.
        public var action: String
        public var caseNumber: String?
        /// The case page, for an entry about a case.
        public var caseURL: String?
        public var detail: String?

        public init(
            seq: String, at: String, actor: String, action: String, caseNumber: String?, caseURL: String?,
            detail: String?
        ) {
            self.seq = seq
            self.at = at
            self.actor = actor
            self.action = action
            self.caseNumber = caseNumber
            self.caseURL = caseURL
            self.detail = detail
        }
    }

    public var title: String
    public var entries: [Entry]
    /// The next, older page; `nil` on the last one.
    public var nextURL: String?

    public init(title: String, entries: [Entry], nextURL: String?) {
        self.title = title
        self.entries = entries
        self.nextURL = nextURL
    }

    /// The keys of the `operator-audit-table` partial.
    public var context: [String: Any] {
        [
            "title": title,
            "hasEntries": !entries.isEmpty,
            "entries": entries.map {
                [
                    "seq": $0.seq, "at": $0.at, "actor": $0.actor, "action": $0.action,
                    "caseNumber": $0.caseNumber ?? false, "caseURL": $0.caseURL ?? false, "detail": $0.detail ?? "",
                ] as [String: Any]
            },
            "next": nextURL ?? false,
        ]
    }
}

/// The data-subject access form (`/operator/{portal}/interessato`): a codice fiscale to export
/// everything the portal holds about, and optionally the phone or e-mail the person booked with
/// (bookings of calendars without `requires_form` hold no codice fiscale).
public struct OperatorSubjectAccessView: Sendable, Hashable {
    public var actionURL: String
    public var csrf: String
    /// The code typed, kept when refused.
    public var typed: String
    /// The contact typed, kept when refused.
    public var typedContact: String
    /// What to fix in the code typed.
    public var error: String?

    public init(actionURL: String, csrf: String, typed: String, typedContact: String = "", error: String?) {
        self.actionURL = actionURL
        self.csrf = csrf
        self.typed = typed
        self.typedContact = typedContact
        self.error = error
    }
}
