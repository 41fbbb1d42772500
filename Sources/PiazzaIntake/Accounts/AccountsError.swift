import PiazzaContent

/// A `piazza user` command cannot do what was asked: a bad name, role, portal or password, an
/// unknown user, or a users database that does not open.
public struct AccountsError: PiazzaError, Sendable {
    /// Stable kinds of failure.
    public enum Code: String, Sendable {
        /// The user name breaks ``AccountRules/checkName(_:)``.
        case invalidName = "invalid_name"
        /// A user with that name exists.
        case nameTaken = "name_taken"
        /// No user with that name.
        case unknownUser = "unknown_user"
        /// `--portal` given to an admin, missing for an operator or tutor, or naming a portal not served.
        case invalidPortals = "invalid_portals"
        /// `--merchant` missing or not a partita IVA for shop staff, or given to another role.
        case invalidMerchant = "invalid_merchant"
        /// Too short or too long, or the two entries differ.
        case invalidPassword = "invalid_password"
        /// `piazza user set` without any value to change.
        case nothingToChange = "nothing_to_change"
        /// The users database does not open or refuses the write.
        case database
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    /// An error of `code`: `message` says what is wrong and how to fix it.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The database is the machine's to fix; everything else is the command line (exit 1 either way).
    public var kind: ErrorKind { code == .database ? .environment : .usage }
}
