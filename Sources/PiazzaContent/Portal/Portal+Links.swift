import Foundation

extension Portal {
    /// The footer pages every portal must have, by id.
    public static let footerPages = ["privacy.md", "accessibilita.md", "note-legali.md", "faq.md", "segnala-disservizio.md"]

    /// What a link written in content points to.
    public enum LinkTarget: Sendable, Hashable {
        /// Not ours to check: absolute URL, mail, anchor on the same page.
        case external
        /// A path under the portal root (`servizi/tutor/`, `static/bando.pdf`), plus `#fragment` if any.
        case internalPath(String)
        /// A `.md`/`.yaml`/static path that matches nothing; carries the resolved path.
        case missing(String)
    }

    /// Resolves a link destination written in `page` (a `.md` path relative to it, or from the portal
    /// root when it starts with `/`) to a published path.
    public func resolve(_ destination: String, from pageID: String) -> LinkTarget {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//")
            || destination.range(of: "^[a-zA-Z][a-zA-Z0-9+.-]*:", options: .regularExpression) != nil
        {
            return .external
        }
        var path = destination
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        let base = pageID.split(separator: "/").dropLast().map(String.init)
        guard let resolved = Portal.normalize(path, base: path.hasPrefix("/") ? [] : base) else {
            return .missing(path)
        }
        if resolved.hasSuffix(".md") {
            guard let page = page(id: resolved) else {
                return unloadablePageIDs.contains(resolved) ? .internalPath(Page.url(forID: resolved) + fragment) : .missing(resolved)
            }
            return .internalPath(page.url + fragment)
        }
        if resolved.hasPrefix("forms/") && resolved.hasSuffix(".yaml") {
            let id = String(resolved.dropFirst("forms/".count).dropLast(".yaml".count))
            guard form(id: id) != nil else { return .missing(resolved) }
            return .internalPath(Portal.formURL(id: id) + fragment)
        }
        if resolved.hasPrefix("static/") {
            return hasStaticFile(resolved) ? .internalPath(resolved + fragment) : .missing(resolved)
        }
        return .external
    }

    /// Joins `path` to `base` folders, resolving `.` and `..`; `nil` when it climbs above the portal.
    static func normalize(_ path: String, base: [String]) -> String? {
        var parts = base
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// A relative URL from the page published at `from` to the portal path `to`
    /// (`servizi/tutor/` → `notizie/x/` gives `../../notizie/x/`).
    public static func relativeURL(from: String, to: String) -> String {
        let depth = from.split(separator: "/").count
        let prefix = String(repeating: "../", count: depth)
        let url = prefix + to
        return url.isEmpty ? "./" : url
    }
}
