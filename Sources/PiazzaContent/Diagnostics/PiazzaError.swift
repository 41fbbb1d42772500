/// Who has to act on an error; it decides the exit code of the command that met it.
public enum ErrorKind: String, Sendable, Hashable, CaseIterable {
    /// Content, a form definition or a theme is wrong: the editor fixes a file.
    case content
    /// The command line or a settings file (`piazza.yaml`, the secret file) is wrong: the operator fixes it.
    case usage
    /// The machine refuses: a port in use, a folder that cannot be written, a database that does not open.
    case environment
    /// A fault of piazza itself.
    case `internal`

    /// The process exit code: 1 when the person running piazza can fix the cause (content, usage,
    /// environment), 2 for an internal fault.
    public var exitCode: Int32 { self == .internal ? 2 : 1 }
}

/// The one shape of piazza's errors, after swift-nio's: a stable code for programs, a message for
/// people, the underlying cause and, when a file is at fault, its place.
///
/// - ``code``: a stable, machine-readable kind (an enum whose raw values never change).
/// - ``message``: what is wrong, where and how to fix it, in plain words (English for the CLI and
///   logs; Italian where a citizen reads it).
/// - ``cause``: the lower-level error, if any (a system call, a parser).
/// - ``location``: `file:line:column` of the content or settings that caused it, when there is one.
/// - ``kind``: who must act, which gives the exit code (``exitCode``).
///
/// The default ``description`` is the compiler format editors jump to:
/// `file:line:column: error: message (cause)`, or `error: message (cause)` without a location.
/// Errors that collect several diagnostics print one line per diagnostic instead.
public protocol PiazzaError: Error, CustomStringConvertible {
    /// The stable kinds of this error.
    associatedtype Code: RawRepresentable<String> & Sendable & Hashable

    /// The stable, machine-readable kind of problem.
    var code: Code { get }
    /// What is wrong, where and how to fix it.
    var message: String { get }
    /// The underlying error, if any.
    var cause: (any Error)? { get }
    /// The file and position at fault, if the problem is in a file.
    var location: SourceLocation? { get }
    /// Who has to act; gives ``exitCode``.
    var kind: ErrorKind { get }
}

extension PiazzaError {
    /// No underlying error unless the type stores one.
    public var cause: (any Error)? { nil }

    /// No location unless the type has one.
    public var location: SourceLocation? { nil }

    /// The process exit code: ``ErrorKind/exitCode`` of ``kind``.
    public var exitCode: Int32 { kind.exitCode }

    /// The code's raw value, for logs and metrics, whatever the concrete type.
    public var codeName: String { code.rawValue }

    /// `file:line:column: error: message (cause)`; `error: message (cause)` without a location. The cause of a
    /// system error is said in words (``SystemErrorWords``).
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return place + "error: " + message + (cause.map { " (\(SystemErrorWords.describe($0)))" } ?? "")
    }
}
