/// A short page in the portal's look: not found, bando closed, too many requests, thank you.
public struct MessagePage: Sendable, Hashable {
    public var title: String
    public var paragraphs: [String]

    public init(title: String, paragraphs: [String]) {
        self.title = title
        self.paragraphs = paragraphs
    }
}
