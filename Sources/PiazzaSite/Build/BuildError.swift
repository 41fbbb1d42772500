import PiazzaContent

/// A build failure that is not a content error: the output folder cannot be written, and the like.
public struct BuildError: PiazzaError, Sendable {
    /// Stable kinds of build failure.
    public enum Code: String, Sendable {
        /// The output folder or a file in it cannot be created, written or moved into place.
        case output
        /// A static file or asset cannot be read to be copied.
        case copy
        /// The search indexer (Pagefind) cannot run or failed.
        case search
        /// Another build or rollback is working on the same output.
        case busy
        /// `piazza rollback` was asked for a portal with no earlier build kept.
        case noPreviousBuild
        /// The output or the build cache is, holds or lies inside the content or themes folder
        /// (``SiteBuilder/Options/checkFolders()``).
        case overlap
    }

    public var code: Code
    /// What cannot be done, with the path.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The machine refuses the files (permissions, a full disk), there is nothing to roll back to, or the
    /// folders overlap: exit 1.
    public var kind: ErrorKind { code == .noPreviousBuild || code == .overlap ? .usage : .environment }
}
