/// A build failure that is not a content error: the output folder cannot be written, and the like.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case output
        case copy
    }

    public var code: Code
    public var message: String
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        "build error (\(code.rawValue)): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}
