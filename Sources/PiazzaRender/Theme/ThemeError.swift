import PiazzaContent

/// A problem with a theme or with rendering through it.
///
/// An error in a template names its place first in ``message``, `…/templates/page.mustache:2:14: …`, then
/// what is wrong and how to fix it: a tag the parser cannot read, a section closed wrongly or never closed,
/// a partial or parent the theme does not have, a name a page does not give (one line per tag).
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
