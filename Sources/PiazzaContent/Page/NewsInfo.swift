/// The front matter of a news item.
public struct NewsInfo: Sendable, Hashable {
    public var date: ContentDate
    public var topics: [String]
}
