import PiazzaContent
import PiazzaRender

/// The Atom feed of a portal's news, newest first.
enum AtomFeed {
    static func render(portal: Portal) -> String {
        let config = portal.config
        let news = portal.pages(ofType: .news).sorted { ($0.news!.date, $1.id) > ($1.news!.date, $0.id) }
            .prefix(config.feedEntries)
        let updated = news.map { $0.news!.date }.max().map(stamp) ?? "2000-01-01T00:00:00Z"
        var xml =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"it\">\n"
        xml += "  <title>\(Escape.xml(config.name)) – Notizie</title>\n"
        xml += "  <id>\(Escape.xml(config.baseURL))/</id>\n"
        xml += "  <link rel=\"alternate\" href=\"\(Escape.xml(config.baseURL))/notizie/\"/>\n"
        xml += "  <link rel=\"self\" href=\"\(Escape.xml(config.baseURL))/feed.xml\"/>\n"
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <author><name>\(Escape.xml(config.name))</name></author>\n"
        for page in news {
            let url = config.baseURL + "/" + page.url
            xml += "  <entry>\n    <title>\(Escape.xml(page.title))</title>\n"
            xml += "    <id>\(Escape.xml(url))</id>\n    <link href=\"\(Escape.xml(url))\"/>\n"
            xml += "    <updated>\(stamp(page.news!.date))</updated>\n"
            if let summary = page.description { xml += "    <summary>\(Escape.xml(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    private static func stamp(_ date: ContentDate) -> String { date.iso + "T00:00:00Z" }
}
