import Foundation

extension YAMLReader {
    /// An absolute `http`/`https` address that links and redirects can be built on, without
    /// trailing slashes.
    ///
    /// The one rule for every web address in settings (`public_url` in piazza.yaml, `base_url`
    /// and `intake_url` in portal.yaml): a host, no user name or password (browsers warn or strip
    /// them, and they would leak into every link), no `?query` or `#fragment` (paths are appended
    /// to the address), and no path starting with `//` (a redirect to `//x/r/…` leaves for host
    /// `x`). Records an error at the value and returns `nil` when the address breaks the rule.
    package func webAddress(_ key: String, required: Bool = false) -> String? {
        guard var text = string(key, required: required, hint: "https://..."), let node = node(key) else { return nil }
        while text.hasSuffix("/") { text.removeLast() }
        let example = "like https://servizi.comune.example.it or https://comune.example.it/welfare"
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = parts.host, !host.isEmpty
        else {
            error(at: node, "`\(key)` is '\(text)'; write an absolute http(s) address \(example)")
            return nil
        }
        let problem: String? =
            if parts.user != nil || parts.password != nil {
                "has a user name or password; remove the part before @"
            } else if text.contains("?") || text.contains("#") {
                "has a ?query or #fragment; remove it, paths are appended to this address"
            } else if parts.path.hasPrefix("//") {
                "has a path starting with //, which browsers read as another host; write a single /"
            } else {
                nil
            }
        if let problem {
            error(at: node, "`\(key)` '\(text)' \(problem) (an address \(example))")
            return nil
        }
        return text
    }
}
