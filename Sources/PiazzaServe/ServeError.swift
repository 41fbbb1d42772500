import PiazzaContent

/// A preview server that could not start or stopped, with the option that sets its port.
public struct ServeError: PiazzaError {
    /// Stable kinds of preview failure.
    public enum Code: String, Sendable { case previewStopped = "preview_stopped" }

    /// `--port` or `--intake-port`.
    public var option: String
    public var port: Int
    /// Why the server stopped (a port in use, an address not allowed).
    public var failure: any Error

    public init(option: String, port: Int, cause: any Error) {
        self.option = option
        self.port = port
        self.failure = cause
    }

    public var code: Code { .previewStopped }
    public var cause: (any Error)? { failure }
    /// A port in use or not allowed: exit 1.
    public var kind: ErrorKind { .environment }

    public var message: String {
        "the preview on 127.0.0.1:\(port) (\(option)) cannot run: \(failure); if the port is in use, stop the other process or pass \(option) with a free port"
    }

    /// The cause is inside the message, where the fix follows it.
    public var description: String { "error: " + message }
}
