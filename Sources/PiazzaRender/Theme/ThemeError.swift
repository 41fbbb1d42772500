/// A problem with a theme or with rendering through it.
public struct ThemeError: Error, Sendable, CustomStringConvertible {
    /// Stable kinds of theme problems.
    public enum Code: String, Sendable {
        case missingDirectory
        case unreadableTemplate
        case invalidTemplate
        case missingTemplate
        case missingPartial
        case missingKey
    }

    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        var text = "theme error (\(code.rawValue)): \(message)"
        if let cause { text += " (\(cause))" }
        return text
    }
}
