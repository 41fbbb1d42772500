import PiazzaContent

/// A problem with a theme or with rendering through it.
///
/// A template that does not parse names its place in ``message`` (`…/templates/page.mustache:2:14: not valid
/// Mustache …`), as the parser reports it.
public struct ThemeError: PiazzaError, Sendable {
    /// Stable kinds of theme problems.
    public enum Code: String, Sendable {
        case missingDirectory
        case unreadableTemplate
        case invalidTemplate
        case missingTemplate
        case missingPartial
        case missingKey
        /// A file of the theme's `packaged-assets.txt` is not installed (`make theme-assets`).
        case missingPackagedAsset
        /// A symbolic link under `assets/` points out of the theme folder, to a folder or to nothing.
        case linkedAsset
    }

    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// A theme is content the site's editors maintain: exit 1.
    public var kind: ErrorKind { .content }
}
