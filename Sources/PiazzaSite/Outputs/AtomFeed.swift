import PiazzaContent

/// The Atom feed of a portal's news, newest first.
enum AtomFeed {
    static func render(portal: Portal) -> String {
        let config = portal.config
        let news = portal.pages(ofType: .news).sorted { ($0.news!.date, $1.id) > ($1.news!.date, $0.id) }
            .prefix(config.feedEntries)
        let updated = news.map { $0.news!.date }.max().map(stamp) ?? "2000-01-01T00:00:00Z"
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"it\">\n"
        xml += "  <title>\(XML.escape(config.name)) – Notizie</title>\n"
        xml += "  <id>\(XML.escape(config.baseURL))/</id>\n"
        xml += "  <link rel=\"alternate\" href=\"\(XML.escape(config.baseURL))/notizie/\"/>\n"
        xml += "  <link rel=\"self\" href=\"\(XML.escape(config.baseURL))/feed.xml\"/>\n"
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <author><name>\(XML.escape(config.name))</name></author>\n"
        for page in news {
            let url = config.baseURL + "/" + page.url
            xml += "  <entry>\n    <title>\(XML.escape(page.title))</title>\n"
            xml += "    <id>\(XML.escape(url))</id>\n    <link href=\"\(XML.escape(url))\"/>\n"
            xml += "    <updated>\(stamp(page.news!.date))</updated>\n"
            if let summary = page.description { xml += "    <summary>\(XML.escape(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    private static func stamp(_ date: ContentDate) -> String { date.iso + "T00:00:00Z" }
}
