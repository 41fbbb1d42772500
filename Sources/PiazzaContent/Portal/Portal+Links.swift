import Foundation
import Synchronization

/// The targets of the link destinations a portal resolved, by destination and the folder of the page that
/// wrote it: every page of a folder links to the same few pages, and resolving a destination again (checking
/// its characters, decoding, normalizing, looking the page up) was 4.4 % of a 10k-page build (measured
/// 2026-12-02, release build, `perf record -g` of `piazza build` on bench/gen_tree.py's 10k tree).
final class ResolvedLinks: Sendable {
    private struct Key: Hashable {
        var destination: String
        /// The page id up to its last `/` (`servizi/`; empty at the portal root): all of the id a
        /// resolution reads.
        var folder: Substring
    }

    private let targets = Mutex<[Key: Portal.LinkTarget]>([:])

    /// The target of `destination` written in page `pageID`, from `resolve` the first time.
    func target(
        of destination: String, from pageID: String, _ resolve: () -> Portal.LinkTarget
    ) -> Portal.LinkTarget {
        let folder = pageID.utf8.lastIndex(of: UInt8(ascii: "/")).map { pageID[...$0] } ?? ""
        let key = Key(destination: destination, folder: folder)
        if let known = targets.withLock({ $0[key] }) { return known }
        let target = resolve()
        targets.withLock { $0[key] = target }
        return target
    }
}

extension Portal {
    /// The footer pages every portal must have, by id.
    public static let footerPages = [
        "privacy.md", "accessibilita.md", "note-legali.md", "faq.md", "segnala-disservizio.md",
    ]

    /// The sections that always have a list page (`servizi/`), generated when the portal has no
    /// `<section>/_index.md`.
    public static let standardSections = ["servizi", "misure", "notizie"]

    /// Files every portal build writes at its root besides pages, which content may link to
    /// (the news feed for "segui le notizie", the sitemap).
    public static let generatedFiles = ["feed.xml", "sitemap.xml", "robots.txt", "404.html"]

    /// What a link written in content points to.
    public enum LinkTarget: Sendable, Hashable {
        /// Not ours to check: an http(s), mailto or tel address, `//host…`, or only a `#fragment`
        /// or `?query` on the same page.
        case external
        /// A URL path under the portal root, percent-encoded and ready for an `href`
        /// (`servizi/tutor/`, `static/Bando%20misura%201.pdf`), plus `?query` and `#fragment` as written.
        case internalPath(String)
        /// A path that matches no page, form, static file or folder; carries the resolved, decoded path.
        case missing(String)
        /// An address that breaks ``LinkAddress`` (another scheme, a backslash, an invisible
        /// character) or is not a valid URL path (`%zz`, an encoded `/`); carries what is wrong and the fix.
        case malformed(String)
    }

    /// Resolves a link destination written in `page` to a published path.
    ///
    /// The destination must pass ``LinkAddress`` (http, https, mailto, tel or a path; no backslash).
    /// A path is relative to the page's file, or to the portal root when it starts with `/` (never
    /// the web server's root). It is a URL (CommonMark link destinations are): cut at `?` or `#`,
    /// split at `/`, and each segment percent-decoded (RFC 3986 §2.1) before it is matched, so
    /// `Bando%20misura%201.pdf` and `<Bando misura 1.pdf>` name the same file; see
    /// ``decodedSegments(of:)``. It must name a page (`.md`), a form (`forms/ID.yaml`), a booking calendar
    /// (`calendars/ID.yaml`), a file under
    /// `static/`, or a folder with an index: the portal root, a folder with `_index.md`, or a
    /// ``standardSections`` list, or one of the ``generatedFiles``. Anything else is ``LinkTarget/missing(_:)``.
    public func resolve(_ destination: String, from pageID: String) -> LinkTarget {
        resolvedLinks.target(of: destination, from: pageID) { resolveAgain(destination, from: pageID) }
    }

    /// ``resolve(_:from:)`` without the memory of earlier resolutions.
    private func resolveAgain(_ destination: String, from pageID: String) -> LinkTarget {
        let address: String
        do {
            let checked = try LinkAddress.check(destination)
            address = checked.address
            if checked.kind == .absolute || address.isEmpty || address.hasPrefix("#") || address.hasPrefix("?") {
                return .external
            }
        } catch {
            return .malformed(error.reason)
        }
        let pathEnd = address.firstIndex { $0 == "?" || $0 == "#" } ?? address.endIndex
        let path = address[..<pathEnd]
        let suffix = String(address[pathEnd...])
        let segments: [String]
        do {
            segments = try Portal.decodedSegments(of: path)
        } catch {
            return .malformed(error.reason)
        }
        let base = pageID.split(separator: "/").dropLast().map(String.init)
        guard let resolved = Portal.normalize(segments, base: path.hasPrefix("/") ? [] : base) else {
            return .missing(segments.joined(separator: "/"))
        }
        if resolved.hasSuffix(".md") {
            guard let page = page(id: resolved) else {
                return unloadablePages[resolved] != nil
                    ? .internalPath(Page.url(forID: resolved) + suffix) : .missing(resolved)
            }
            return .internalPath(page.url + suffix)
        }
        if resolved.hasPrefix("forms/") && resolved.hasSuffix(".yaml") {
            let id = String(resolved.dropFirst("forms/".count).dropLast(".yaml".count))
            guard form(id: id) != nil else { return .missing(resolved) }
            return .internalPath(Portal.formURL(id: id) + suffix)
        }
        if resolved.hasPrefix("calendars/") && resolved.hasSuffix(".yaml") {
            let id = String(resolved.dropFirst("calendars/".count).dropLast(".yaml".count))
            guard calendar(id: id) != nil else { return .missing(resolved) }
            return .internalPath(Portal.calendarURL(id: id) + suffix)
        }
        if resolved.hasPrefix("static/") {
            return hasStaticFile(resolved) ? .internalPath(Portal.encodedPath(resolved) + suffix) : .missing(resolved)
        }
        let index = resolved.isEmpty ? "_index.md" : resolved + "/_index.md"
        if hasPage(id: index) { return .internalPath(Page.url(forID: index) + suffix) }
        if Portal.standardSections.contains(resolved) { return .internalPath(resolved + "/" + suffix) }
        if Portal.generatedFiles.contains(resolved) { return .internalPath(resolved + suffix) }
        return .missing(resolved)
    }

    /// The error for a Markdown link or image whose path names nothing of the portal (``LinkTarget/missing(_:)``,
    /// `resolved` the path it resolved to): what it is, the fix, and the path most likely meant
    /// (``YAMLReader/closest(to:in:)``): a `static/` file for an image, a page, form, calendar or file for a link.
    func missingMessage(_ link: Markdown.Link, resolved: String) -> String {
        let shown = "'\(link.destination.showingInvisibles)'"
        let statics = Set(staticFiles.map(\.path))
        if link.isImage {
            let guess = YAMLReader.closest(to: resolved, in: statics).map { "; did you mean '/\($0)'?" } ?? ""
            return "image \(shown) does not exist in portal '\(id)'; put the file in static/ or fix the path\(guess)"
        }
        if let draft = draftNote(resolved) {
            return "link to \(shown) points to \(draft)"
        }
        let files =
            statics.union(pages.map(\.id)).union(unloadablePages.keys).union(forms.map { "forms/\($0.id).yaml" })
            .union(calendars.map { "calendars/\($0.id).yaml" })
        let guess = YAMLReader.closest(to: resolved, in: files).map { "; did you mean '/\($0)'?" } ?? ""
        return
            "link to \(shown) points to '\(resolved.showingInvisibles)', which does not exist in portal '\(id)'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root\(guess)"
    }

    /// What a reference to the page `id` must say when that page is left out as a draft, with the fix:
    /// `'servizi/x.md', a draft (`draft: true` in alfa/servizi/x.md), which is not published; …`; nil when `id`
    /// is not a draft of this portal. Drafts are left out of every build (docs/CONTENT.md), so the reference is
    /// an error either way; only the words differ from a missing file's, which would send the editor to fix a
    /// path that is right.
    func draftNote(_ id: String) -> String? {
        draftPages[id].map {
            "'\(id.showingInvisibles)', a draft (`draft: true` in \($0)), which is not published; remove `draft: true` from it or remove the reference"
        }
    }

    /// Why a link path cannot be decoded, in words for the editor.
    struct MalformedPath: Error {
        var reason: String
    }

    /// The segments of a link path, each percent-decoded on its own: `%20` is a space, `%C3%A0` is
    /// "à" (bytes are UTF-8), and `+` stays a plus (it means a space only in form bodies).
    ///
    /// Decoding after splitting keeps an encoded slash inside its segment, where no file name can
    /// hold it, so `..%2F..%2F` is refused rather than climbing folders; `%2E%2E` decodes to `..`
    /// and is resolved like it (never above the portal, see ``normalize(_:base:)``).
    /// - Throws: ``MalformedPath`` for a `%` not followed by two hex digits, escapes that are not
    ///   UTF-8, or a decoded `/` or NUL.
    static func decodedSegments(of path: Substring) throws(MalformedPath) -> [String] {
        var segments: [String] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard segment.utf8.contains(UInt8(ascii: "%")) else {
                // Nothing to decode, the common case: the segment's own text, still refused if it holds a NUL.
                let name = String(segment)
                try refuseSlashOrNUL(name)
                segments.append(name)
                continue
            }
            var bytes: [UInt8] = []
            var rest = segment.utf8[...]
            while let byte = rest.popFirst() {
                guard byte == UInt8(ascii: "%") else {
                    bytes.append(byte)
                    continue
                }
                guard let high = rest.popFirst().flatMap(hexValue), let low = rest.popFirst().flatMap(hexValue) else {
                    throw MalformedPath(
                        reason: "has a '%' that is not followed by two hex digits; write a % sign in a file name as %25"
                    )
                }
                bytes.append(high << 4 | low)
            }
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw MalformedPath(
                    reason: "has %-escapes that are not UTF-8 text; encode the file name as UTF-8 (à is %C3%A0)")
            }
            try refuseSlashOrNUL(decoded)
            segments.append(decoded)
        }
        return segments
    }

    private static func refuseSlashOrNUL(_ name: String) throws(MalformedPath) {
        if name.utf8.contains(UInt8(ascii: "/")) || name.utf8.contains(0) {
            throw MalformedPath(reason: "has an encoded / or NUL (%2F, %00) inside a name; write / between folders")
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Joins path segments to `base` folders, resolving `.` and `..`; `nil` when it climbs above the portal.
    static func normalize(_ segments: [String], base: [String]) -> String? {
        var parts = base
        for part in segments {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Characters left as they are in a published path segment: RFC 3986 unreserved and sub-delims,
    /// and `@`; everything else (space, `%`, `#`, `?`, `:`, non-ASCII) is percent-encoded as UTF-8.
    private static let pathSegmentCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@")

    /// A portal path (`static/Bando misura 1.pdf`) as a URL path (`static/Bando%20misura%201.pdf`).
    static func encodedPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.addingPercentEncoding(withAllowedCharacters: pathSegmentCharacters) ?? String($0)
        }.joined(separator: "/")
    }

    /// A relative URL from the page published at `from` to the portal path `to`
    /// (`servizi/tutor/` → `notizie/x/` gives `../../notizie/x/`).
    public static func relativeURL(from: String, to: String) -> String {
        url(of: to, root: rootPrefix(from: from))
    }

    /// The relative prefix from the page published at `path` to the portal root: one `../` per
    /// folder (`servizi/tutor/` gives `../../`, the home page ""). Generated pages link with it, so
    /// a site works from any folder of any static host.
    public static func rootPrefix(from path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count)
    }

    /// The URL of the portal path `path` from a page whose prefix to the portal root is `root`
    /// (``rootPrefix(from:)``, or an absolute root); `./` when both are empty (the home page itself).
    public static func url(of path: String, root: String) -> String {
        let url = root + path
        return url.isEmpty ? "./" : url
    }
}
