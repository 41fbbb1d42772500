import PiazzaContent
import PiazzaRender

/// `sitemap.xml` for search engines: every published page of a portal, sorted.
enum Sitemap {
    static func render(baseURL: String, paths: [String], lastModified: [String: ContentDate]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in Set(paths).sorted() {
            xml += "  <url><loc>\(Escape.xml(baseURL + "/" + path))</loc>"
            if let date = lastModified[path] { xml += "<lastmod>\(date.iso)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
