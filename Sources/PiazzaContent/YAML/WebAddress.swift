import Foundation

/// The one rule for every web address in settings (`public_url` in piazza.yaml, `base_url` and
/// `intake_url` in portal.yaml, `piazza build --intake-url`): an absolute `http`/`https` address
/// that links and redirects can be built on.
///
/// First the characters rule of every address content links to (``LinkAddress``: no backslash, which browsers
/// read as `/` so that `/\evil.example` is another host; no control or invisible character, which
/// browsers drop, so `/⇥/evil.example` is `//evil.example`). Then a host, no user name or password
/// (browsers warn or strip them, and they would leak into every link), no space (a redirect's
/// `Location` would be cut or mangled), no `?query` or `#fragment` (paths are appended to the
/// address), no path starting with `//` (a redirect to `//x/r/…` leaves for host `x`), and no `%2F`
/// or `%5C` in the path (an encoded `/` or `\` that a proxy or browser may decode into one).
public enum WebAddress {
    /// Why a text breaks the rule.
    public enum Problem: Error, Sendable, Hashable {
        case notAbsolute, credentials, queryOrFragment, doubleSlashPath
        /// Has a backslash or an invisible character (``LinkAddress/checkCharacters(_:)``); carries
        /// the reason ("has a backslash…").
        case unsafeCharacter(String)
        /// Holds a space or other white space; carries its code point (`U+0020`).
        case space(String)
        /// Has `%2F` or `%5C` in its path.
        case encodedSeparator
    }

    /// `text` without trailing slashes.
    ///
    /// - Throws: the ``Problem`` it has.
    public static func normalised(_ text: String) throws(Problem) -> String {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        do {
            try LinkAddress.checkCharacters(text)
        } catch {
            throw .unsafeCharacter(error.reason)
        }
        if let space = text.unicodeScalars.first(where: \.properties.isWhitespace) { throw .space(space.codePoint) }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = parts.host, !host.isEmpty
        else { throw .notAbsolute }
        if parts.user != nil || parts.password != nil { throw .credentials }
        if text.contains("?") || text.contains("#") { throw .queryOrFragment }
        if parts.percentEncodedPath.range(of: "%(2F|5C)", options: [.regularExpression, .caseInsensitive]) != nil {
            throw .encodedSeparator
        }
        if parts.path.hasPrefix("//") { throw .doubleSlashPath }
        return text
    }

    /// What is wrong with `text`, the value of `name` (`` `intake_url` ``, `--intake-url`), and
    /// how to write it; characters people cannot see are shown as `<U+0009>`.
    public static func message(_ problem: Problem, name: String, text: String) -> String {
        let example = "like https://servizi.comune.example.it or https://comune.example.it/welfare"
        let explanation: String
        switch problem {
        case .notAbsolute: return "\(name) is '\(text)'; write an absolute http(s) address \(example)"
        case .credentials: explanation = "has a user name or password; remove the part before @"
        case .queryOrFragment:
            explanation = "has a ?query or #fragment; remove it, paths are appended to this address"
        case .doubleSlashPath:
            explanation = "has a path starting with //, which browsers read as another host; write a single /"
        case .unsafeCharacter(let reason): explanation = reason
        case .space(let codePoint): explanation = "has a space (\(codePoint)); remove it, or write a space as %20"
        case .encodedSeparator:
            explanation =
                "has an encoded / or \\ (%2F, %5C) in its path, which may be decoded into one; write the path plainly"
        }
        return "\(name) '\(text.showingInvisibles)' \(explanation) (an address \(example))"
    }
}
