import Foundation
import PiazzaContent

extension JSONLD {
    /// The page's breadcrumb as schema.org `BreadcrumbList`: one `ListItem` per crumb with its absolute
    /// URL, the page itself last (Google's breadcrumb structured data: `position` from 1, `item` a URL).
    ///
    /// - Parameters:
    ///   - crumbs: the links above the page, `(title, portal path)`, home first.
    ///   - title: the page's own title; `url` its absolute address.
    static func breadcrumbList(_ crumbs: [(String, String)], title: String, url: String, baseURL: String)
        -> String
    {
        let items = (crumbs.map { ($0.0, baseURL + "/" + $0.1) } + [(title, url)]).enumerated().map {
            index, crumb in
            ["@type": "ListItem", "position": index + 1, "name": crumb.0, "item": crumb.1] as [String: Any]
        }
        return encode(["@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items])
    }

    /// A news item as schema.org `NewsArticle`, published by the portal's comuni on its date.
    static func newsArticle(_ page: Page, _ news: NewsInfo, portal: Portal) -> String {
        let config = portal.config
        let url = config.baseURL + "/" + page.url
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title,
            "datePublished": news.date.iso,
            "inLanguage": "it",
            "url": url,
            "mainEntityOfPage": url,
            "publisher": [
                "@type": "GovernmentOrganization",
                "name": config.comuni.map { "Comune di \($0.name)" }.joined(separator: ", "),
                "url": config.baseURL + "/",
            ],
        ]
        if let description = page.description { object["description"] = description }
        if !news.topics.isEmpty { object["keywords"] = news.topics.joined(separator: ", ") }
        return encode(object)
    }
}
