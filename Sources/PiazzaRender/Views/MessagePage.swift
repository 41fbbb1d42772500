/// A short page in the portal's look: not found, bando closed, too many requests, thank you.
public struct MessagePage: Sendable, Hashable {
    /// A link under the paragraphs to the page where the reader can act (`url` as written in `href`).
    public struct Link: Sendable, Hashable {
        public var text: String
        public var url: String

        public init(text: String, url: String) {
            self.text = text
            self.url = url
        }
    }

    public var title: String
    public var paragraphs: [String]
    public var link: Link?

    public init(title: String, paragraphs: [String], link: Link? = nil) {
        self.title = title
        self.paragraphs = paragraphs
        self.link = link
    }
}
