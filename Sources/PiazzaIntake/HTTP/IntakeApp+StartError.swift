import PiazzaContent

extension IntakeApp.StartError: PiazzaError {
    /// The config key at fault, as the stable code: `listen`, `secret_file`, `data`.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The address cannot be listened on.
        public static let listen = Code(rawValue: "listen")
        /// The secret file cannot be created or read, or is open to other users.
        public static let secretFile = Code(rawValue: "secret_file")
        /// A portal's database does not open.
        public static let data = Code(rawValue: "data")
    }

    public var code: Code { Code(rawValue: key) }

    /// What is wrong and how to fix it, without the place.
    public var message: String { diagnostic.message }

    /// The config key whose value is the cause.
    public var location: SourceLocation? { diagnostic.location }

    /// A bad secret file is the operator's to fix (usage); a port in use or a database that does not
    /// open is the machine's (environment). Both exit 1.
    public var kind: ErrorKind { code == .secretFile ? .usage : .environment }
}
