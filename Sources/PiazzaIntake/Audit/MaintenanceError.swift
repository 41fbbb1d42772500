import PiazzaContent

/// `piazza audit`, `piazza retention` or `piazza backup` cannot do what was asked: a portal the config
/// does not serve, a database that is missing or does not open, a backup that cannot be written or checked.
public struct MaintenanceError: PiazzaError, Sendable {
    /// Stable kinds of failure.
    public enum Code: String, Sendable {
        /// `--portal` names a portal the daemon does not serve.
        case unknownPortal = "unknown_portal"
        /// The portal's database file does not exist yet.
        case missingDatabase = "missing_database"
        /// A database does not open, or refuses a read or write.
        case database
        /// A backup's folder or file cannot be created, written or synced (permissions, a full disk).
        case destination
        /// A backup's copy of a database fails `PRAGMA integrity_check`.
        case integrity
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

    /// A portal name is the command line's to fix; a database, the machine's (exit 1 either way).
    public var kind: ErrorKind { code == .unknownPortal ? .usage : .environment }
}
