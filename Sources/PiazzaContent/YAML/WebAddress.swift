import Foundation

/// The one rule for every web address in settings (`public_url` in piazza.yaml, `base_url` and
/// `intake_url` in portal.yaml, `piazza build --intake-url`): an absolute `http`/`https` address
/// that links and redirects can be built on.
///
/// A host, no user name or password (browsers warn or strip them, and they would leak into every
/// link), no `?query` or `#fragment` (paths are appended to the address), and no path starting
/// with `//` (a redirect to `//x/r/…` leaves for host `x`).
public enum WebAddress {
    /// Why a text breaks the rule.
    public enum Problem: Error, Sendable, Hashable {
        case notAbsolute, credentials, queryOrFragment, doubleSlashPath
    }

    /// `text` without trailing slashes.
    ///
    /// - Throws: the ``Problem`` it has.
    public static func normalised(_ text: String) throws(Problem) -> String {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = parts.host, !host.isEmpty
        else { throw .notAbsolute }
        if parts.user != nil || parts.password != nil { throw .credentials }
        if text.contains("?") || text.contains("#") { throw .queryOrFragment }
        if parts.path.hasPrefix("//") { throw .doubleSlashPath }
        return text
    }

    /// What is wrong with `text`, the value of `name` (`` `intake_url` ``, `--intake-url`), and
    /// how to write it.
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
        }
        return "\(name) '\(text)' \(explanation) (an address \(example))"
    }
}
