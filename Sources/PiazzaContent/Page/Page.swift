/// One Markdown page of a portal, after its front matter has been checked against its schema.
public struct Page: Sendable, Hashable, Identifiable {
    /// What the schema adds to the common keys. A service's and a measure's details are boxed: inline, the
    /// largest made every page (news and plain pages too) as large as a service, in memory and in every
    /// copy of a page a list makes.
    public enum Details: Sendable, Hashable {
        indirect case service(ServiceInfo)
        indirect case measure(MeasureInfo)
        case news(NewsInfo)
        case page
    }

    /// Path relative to the portal (`servizi/tutor.md`): the name links use.
    public let id: String
    /// Path relative to the content root (`_shared/servizi/tutor.md` when inherited).
    public let source: String
    /// The schema the page follows.
    public let type: PageType
    /// Whether the page is a section's `_index.md` (or the home page).
    public let isSectionIndex: Bool
    public let title: String
    public let description: String?
    public let draft: Bool
    public let weight: Int
    public let details: Details
    /// Where the Markdown after the front matter is in the file, not the text itself: ``body(in:)`` reads it
    /// again when the page renders (for services: the text the sections were cut from). Every page's body
    /// kept from load to render was the largest part of a build's memory that grew with the pages.
    public let bodyLocation: BodyLocation
    /// 1-based line of the first body line in the source file.
    public let bodyLine: Int

    /// The page's first folder (`servizi`), or "" for pages at the portal root.
    public var section: String {
        guard let slash = id.firstIndex(of: "/") else { return "" }
        return String(id[..<slash])
    }

    /// The published path relative to the portal root, ending in `/` (`servizi/tutor/`); "" for home.
    public var url: String { Page.url(forID: id) }

    /// The published path of a page id.
    public static func url(forID id: String) -> String {
        var path = id.hasSuffix(".md") ? String(id.dropLast(3)) : id
        if path == "_index" { return "" }
        if path.hasSuffix("/_index") { path.removeLast("_index".count) } else { path += "/" }
        return path
    }

    /// The service details, if this is a service page.
    public var service: ServiceInfo? {
        if case .service(let info) = details { return info }
        return nil
    }

    /// The measure details, if this is a measure page.
    public var measure: MeasureInfo? {
        if case .measure(let info) = details { return info }
        return nil
    }

    /// Where a page's body is in its file, and the hash of its bytes when the page was loaded.
    public struct BodyLocation: Sendable, Hashable {
        /// UTF-8 offsets of the body in the file's text (a leading byte order mark not counted): from the
        /// line after the closing `---` to the end of the file.
        public let bytes: Range<Int>
        /// The bytes of ``bytes`` hashed by Swift's `Hasher`, whose seed is the process's own: it tells a body
        /// read again in the same process from one that changed, and is not kept beyond the process.
        let hash: Int

        /// The location of the body starting at UTF-8 offset `start` of `text`, the file's whole text.
        init(start: Int, in text: String) {
            bytes = start..<text.utf8.count
            hash = Self.hash(text.utf8.dropFirst(start))
        }

        /// Whether `text` holds the body this location was made from at ``bytes``.
        func matches(_ text: String) -> Bool {
            text.utf8.count == bytes.upperBound && Self.hash(text.utf8.dropFirst(bytes.lowerBound)) == hash
        }

        private static func hash(_ bytes: Substring.UTF8View) -> Int {
            var hasher = Hasher()
            let hashed: Void? = bytes.withContiguousStorageIfAvailable {
                hasher.combine(bytes: UnsafeRawBufferPointer($0))
            }
            if hashed == nil { Array(bytes).withUnsafeBytes { hasher.combine(bytes: $0) } }
            return hasher.finalize()
        }
    }

    /// The news details, if this is a news item.
    public var news: NewsInfo? {
        if case .news(let info) = details { return info }
        return nil
    }
}
