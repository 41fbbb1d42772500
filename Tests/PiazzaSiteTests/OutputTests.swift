import Foundation
import PiazzaContent
import PiazzaRender
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Form pages post to the intake daemon")
struct FormPageTests {
    @Test(
        "every form is published at moduli/<id>/ with the daemon's action",
        arguments: ["iscrizione-esercenti", "iscrizione-resta-al-passo", "misura-1", "misura-2", "misura-3"])
    func published(form: String) throws {
        let site = try builtVigonza(now: bandiOpen)
        let html = try site.read("vigonza/moduli/\(form)/index.html")
        #expect(html.ranges(of: "<form ").count == 1)
        #expect(html.contains("method=\"post\" action=\"https://servizi.welfare.example.it/forms/vigonza/\(form)\""))
        #expect(html.contains("<input type=\"hidden\" name=\"_key\" value=\"\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"_ts\" value=\"\">"))
        #expect(html.contains("name=\"sito_web\""))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://welfare.comune.vigonza.pd.it/moduli/\(form)/\">"))
    }

    @Test("the action carries each portal's own id")
    func portalInAction() throws {
        let site = try TemporaryFolder()
        try buildSite(into: site.url, now: bandiOpen)
        #expect(
            try site.read("conegliano/moduli/misura-1/index.html").contains(
                "action=\"https://servizi.welfare.example.it/forms/conegliano/misura-1\""))
        #expect(
            try site.read("vigonza/moduli/misura-1/index.html").contains(
                "action=\"https://servizi.welfare.example.it/forms/vigonza/misura-1\""))
    }

    @Test("an open form renders its fields, the upload encoding and the privacy link")
    func openForm() throws {
        let site = try builtVigonza(now: bandiOpen)
        let html = try site.read("vigonza/moduli/misura-1/index.html")
        #expect(html.contains("enctype=\"multipart/form-data\" novalidate data-min-fill=\"5\">"))
        #expect(html.contains("Puoi presentare la domanda fino al 31 dicembre 2026, ore 12:00."))
        #expect(html.contains("<a href=\"../../privacy/\">informativa sulla privacy</a>"))
        #expect(html.contains("<legend>Dati del richiedente</legend>"))
        #expect(html.contains("name=\"componenti.7.codice_fiscale\""))
        #expect(!html.contains("name=\"componenti.8.codice_fiscale\""))
        #expect(html.contains("name=\"isee.importo\""))
        #expect(html.contains("name=\"isee.dsu\""))
        #expect(html.contains("<button type=\"submit\" class=\"button\">Invia la domanda</button>"))
    }

    @Test("an intake URL override makes every form post to the local daemon (piazza serve)")
    func intakeOverride() throws {
        let site = try TemporaryFolder()
        try buildSite(into: site.url, portals: ["vigonza"], intakeURL: "http://127.0.0.1:8081/")
        let html = try site.read("vigonza/moduli/misura-2/index.html")
        #expect(html.contains("action=\"http://127.0.0.1:8081/forms/vigonza/misura-2\""))
        #expect(!html.contains("servizi.welfare.example.it"))
    }

    @Test(
        "the form is open from `opens` to `closes` included, in Europe/Rome",
        arguments: [
            ("2026-11-02 08:59", false), ("2026-11-02 09:00", true), ("2026-12-31 12:00", true),
            ("2026-12-31 12:01", false),
        ])
    func window(now: String, isOpen: Bool) throws {
        let site = try builtVigonza(now: rome(now))
        let html = try site.read("vigonza/moduli/misura-1/index.html")
        #expect(html.contains("<form ") == isOpen)
    }

    @Test("a closed bando shows its dates and no form")
    func closedBando() throws {
        let site = try builtVigonza(now: bandiClosed)
        let form = try site.read("vigonza/moduli/misura-1/index.html")
        #expect(!form.contains("<form"))
        #expect(
            form.contains(
                "<div class=\"notice\"><p>Il bando è chiuso dal 31 dicembre 2026, ore 12:00: non è più possibile presentare domande.</p></div>"
            ))
        let measure = try site.read("vigonza/misure/misura-1-buoni-spesa/index.html")
        #expect(measure.contains("<div><dt>Stato</dt><dd>Chiuso dal 31 dicembre 2026, ore 12:00</dd></div>"))
        #expect(measure.contains("<div><dt>Apertura</dt><dd>2 novembre 2026, ore 09:00</dd></div>"))
        #expect(measure.contains("<div><dt>Chiusura</dt><dd>31 dicembre 2026, ore 12:00</dd></div>"))
        #expect(
            measure.contains(
                "<p class=\"notice\">La domanda si presenta solo mentre il bando è aperto (Chiuso dal 31 dicembre 2026, ore 12:00).</p>"
            ))
        #expect(!measure.contains("Presenta la domanda</a>"))
    }

    @Test("the demo's Misura 4, closed in June, has no form even while the others are open")
    func demoClosedMeasure() throws {
        let site = try builtVigonza(now: bandiOpen)
        let form = try site.read("vigonza/moduli/misura-4/index.html")
        #expect(!form.contains("<form"))
        #expect(form.contains("Il bando è chiuso dal 30 giugno 2026, ore 12:00"))
    }

    @Test("a bando not yet open says when it opens and has no form")
    func notYetOpen() throws {
        let site = try builtVigonza(now: rome("2026-10-15 10:00"))
        let form = try site.read("vigonza/moduli/misura-1/index.html")
        #expect(!form.contains("<form"))
        #expect(
            form.contains(
                "<div class=\"notice\"><p>Il bando apre il 2 novembre 2026, ore 09:00: da quel momento potrai presentare la domanda.</p></div>"
            ))
        let measure = try site.read("vigonza/misure/misura-1-buoni-spesa/index.html")
        #expect(measure.contains("<div><dt>Stato</dt><dd>Apre il 2 novembre 2026, ore 09:00</dd></div>"))
    }

    @Test("an open measure links to its form")
    func openMeasure() throws {
        let site = try builtVigonza(now: bandiOpen)
        let measure = try site.read("vigonza/misure/misura-1-buoni-spesa/index.html")
        #expect(measure.contains("<div><dt>Stato</dt><dd>Aperto fino al 31 dicembre 2026, ore 12:00</dd></div>"))
        #expect(measure.contains("<p><a class=\"button\" href=\"../../moduli/misura-1/\">Presenta la domanda</a></p>"))
    }
}

@Suite("A built measure page renders its Markdown")
struct MeasureBodyTests {
    @Test("tables, task lists and .md links come out as HTML")
    func body() throws {
        let site = try builtVigonza(now: bandiOpen)
        let html = try site.read("vigonza/misure/misura-1-buoni-spesa/index.html")
        #expect(html.contains("<th style=\"text-align: right\">Importo dei buoni</th>"))
        #expect(
            html.contains(
                "<li><input type=\"checkbox\" disabled=\"\" aria-label=\"da fare\" /> il tuo documento d'identità (una foto va bene);</li>"
            ))
        #expect(html.contains("<a href=\"../../faq/\">domande frequenti</a>"))
        #expect(html.contains("<a href=\"../../privacy/\">informativa sulla privacy</a>"))
        #expect(!html.contains(".md\""))
    }
}

/// Parses XML and returns the text of every element with a given name, in document order.
final class XMLTexts: NSObject, XMLParserDelegate {
    private(set) var texts: [String: [String]] = [:]
    private(set) var attributes: [String: [[String: String]]] = [:]
    private(set) var rootName: String?
    private(set) var rootNamespace: String?
    private var stack: [String] = []
    private var buffer = ""

    static func parse(_ text: String) throws -> XMLTexts {
        let collector = XMLTexts()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        try #require(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        return collector
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if rootName == nil {
            rootName = name
            rootNamespace = attributes["xmlns"]
        }
        stack.append(name)
        self.attributes[stack.joined(separator: "/"), default: []].append(attributes)
        buffer = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts[stack.joined(separator: "/"), default: []].append(buffer.trimmingCharacters(in: .whitespacesAndNewlines))
        stack.removeLast()
        buffer = ""
    }
}

@Suite("sitemap.xml lists every published page with absolute URLs")
struct SitemapTests {
    @Test("every page, list and form of the portal is listed once, absolute and sorted")
    func everyPage() throws {
        let site = try builtVigonza()
        let xml = try XMLTexts.parse(try site.read("vigonza/sitemap.xml"))
        #expect(xml.rootName == "urlset")
        #expect(xml.rootNamespace == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let locs = xml.texts["urlset/url/loc"] ?? []
        let portal = try #require(
            try ContentTree.load(from: Repository.content, portals: ["vigonza"]).portal("vigonza"))
        let expected = Set(
            portal.pages.map(\.url) + portal.forms.map { "moduli/\($0.id)/" }
                + portal.calendars.map { Portal.calendarURL(id: $0.id) } + ["servizi/", "misure/", "notizie/"])
        let renderer = PortalRenderer(portal: portal, theme: try Theme.load(from: Repository.theme))
        let generated =
            renderer.merchantLists.map(\.path) + portal.merchants.map(\.url)
            + renderer.serviceCatalogue().filters.map(\.path) + renderer.modelPages.map(\.path) + [
                PortalRenderer.searchPath, PortalRenderer.openDataPath,
            ]
        #expect(
            locs == expected.union(generated).sorted().map { "https://welfare.comune.vigonza.pd.it/" + $0 })
        #expect(locs.first == "https://welfare.comune.vigonza.pd.it/")
        #expect(locs.contains("https://welfare.comune.vigonza.pd.it/servizi/resta-al-passo/"))
        #expect(locs.contains("https://welfare.comune.vigonza.pd.it/moduli/misura-1/"))
        #expect(!locs.contains { $0.contains(".md") || $0.contains("/_index") })
    }

    @Test("news entries carry their date as lastmod")
    func lastmod() throws {
        let site = try builtVigonza()
        let text = try site.read("vigonza/sitemap.xml")
        #expect(
            text.contains(
                "  <url><loc>https://welfare.comune.vigonza.pd.it/notizie/festa-del-volontariato/</loc><lastmod>2026-11-18</lastmod></url>\n"
            ))
        #expect(text.contains("  <url><loc>https://welfare.comune.vigonza.pd.it/privacy/</loc></url>\n"))
        #expect(
            text.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            ))
    }

    @Test("robots.txt points at the sitemap")
    func robots() throws {
        let site = try builtVigonza()
        #expect(
            try site.read("vigonza/robots.txt")
                == "User-agent: *\nAllow: /\nSitemap: https://welfare.comune.vigonza.pd.it/sitemap.xml\n")
    }

    @Test("every file content may link to as generated is written by the build")
    func generatedFilesExist() throws {
        let site = try builtVigonza()
        for file in Portal.generatedFiles { #expect(site.exists("vigonza/" + file), "\(file)") }
    }
}

@Suite("feed.xml is an Atom feed of the news, newest first")
struct AtomFeedTests {
    @Test("the feed is Atom, with every news item newest first")
    func newestFirst() throws {
        let site = try builtVigonza()
        let xml = try XMLTexts.parse(try site.read("vigonza/feed.xml"))
        #expect(xml.rootName == "feed")
        #expect(xml.rootNamespace == "http://www.w3.org/2005/Atom")
        #expect(xml.texts["feed/title"] == ["Vigonza Welfare – Notizie"])
        #expect(xml.texts["feed/updated"] == ["2026-11-20T00:00:00Z"])
        #expect(
            xml.texts["feed/entry/title"] == [
                "Contributo affitti, bando prorogato al 31 gennaio", "Sabato 5 dicembre, la festa del volontariato",
                "Buoni spesa, domande dal 2 novembre", "Riparte «Resta al passo con lo studio»",
            ])
        #expect(
            xml.texts["feed/entry/updated"] == [
                "2026-11-20T00:00:00Z", "2026-11-18T00:00:00Z", "2026-10-28T00:00:00Z", "2026-09-14T00:00:00Z",
            ])
        #expect(
            xml.texts["feed/entry/id"]?.first == "https://welfare.comune.vigonza.pd.it/notizie/affitti-bando-prorogato/"
        )
        #expect(
            xml.attributes["feed/entry/link"]?.first?["href"]
                == "https://welfare.comune.vigonza.pd.it/notizie/affitti-bando-prorogato/")
        #expect(xml.attributes["feed/link"]?.map { $0["rel"] } == ["alternate", "self"])
    }

    @Test("feed_entries limits the feed to the newest items, and text is escaped")
    func limitAndEscaping() throws {
        let content = try copyOfDemoContent()
        let config = try content.read("vigonza/portal.yaml")
        try content.write(
            "vigonza/portal.yaml", config.replacingOccurrences(of: "feed_entries: 20", with: "feed_entries: 2"))
        try content.write(
            "vigonza/notizie/nuova.md", "---\ntitle: Sconti & <offerte>\ndate: 2026-11-21\n---\n\nTesto.\n")
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let text = try site.read("vigonza/feed.xml")
        #expect(text.contains("<title>Sconti &amp; &lt;offerte&gt;</title>"))
        let xml = try XMLTexts.parse(text)
        #expect(
            xml.texts["feed/entry/title"] == [
                "Sconti & <offerte>", "Contributo affitti, bando prorogato al 31 gennaio",
            ])
    }

    @Test("every page links the feed")
    func linked() throws {
        let site = try builtVigonza()
        #expect(
            try site.read("vigonza/index.html").contains(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Notizie\" href=\"feed.xml\">"))
        #expect(try site.read("vigonza/notizie/festa-del-volontariato/index.html").contains("href=\"../../feed.xml\""))
    }
}

@Suite("404.html works from any path")
struct NotFoundPageTests {
    @Test("404.html exists at the portal root with links from the site root")
    func exists() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/404.html")
        #expect(html.contains("<title>Pagina non trovata – Vigonza Welfare</title>"))
        #expect(html.contains("<h1>Pagina non trovata</h1>"))
        #expect(
            html.contains(
                "<p><a href=\"/\">Torna alla pagina iniziale</a> oppure consulta <a href=\"/servizi/\">l'elenco dei servizi</a>.</p>"
            ))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"))
    }

    @Test("a site published under a path links from that path")
    func basePath() throws {
        let content = try copyOfDemoContent()
        let config = try content.read("vigonza/portal.yaml")
        try content.write(
            "vigonza/portal.yaml",
            config.replacingOccurrences(
                of: "base_url: https://welfare.comune.vigonza.pd.it",
                with: "base_url: https://www.comune.vigonza.pd.it/welfare/"))
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let html = try site.read("vigonza/404.html")
        #expect(html.contains("<a href=\"/welfare/\">Torna alla pagina iniziale</a>"))
        #expect(html.contains("href=\"/welfare/assets/style.css\""))
        #expect(
            try site.read("vigonza/sitemap.xml").contains("<loc>https://www.comune.vigonza.pd.it/welfare/faq/</loc>"))
    }
}

@Suite("The network home lists every portal")
struct NetworkHomeTests {
    @Test("site/index.html links each portal folder")
    func lists() throws {
        let site = try TemporaryFolder()
        try buildSite(into: site.url)
        let html = try site.read("index.html")
        #expect(html.contains("<h2 id=\"portale-conegliano\"><a href=\"conegliano/\">Conegliano Welfare</a></h2>"))
        #expect(html.contains("<h2 id=\"portale-vigonza\"><a href=\"vigonza/\">Vigonza Welfare</a></h2>"))
    }

    @Test("building one portal does not write the network home")
    func onePortal() throws {
        let site = try builtVigonza()
        #expect(try site.listing() == ["vigonza"])
    }
}
