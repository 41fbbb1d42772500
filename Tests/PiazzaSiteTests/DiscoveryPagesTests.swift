import Foundation
import PiazzaContent
import PiazzaRender
import Testing

/// The JSON-LD objects of every `<script type="application/ld+json"…>` of a page, parsed.
private func jsonLD(_ html: String) throws -> [[String: Any]] {
    try html.captures(between: "<script type=\"application/ld+json\"", and: "</script>").map { tail in
        let json = String(tail[tail.range(of: ">")!.upperBound...])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }
}

/// The first object of `type` among a page's JSON-LD.
private func object(_ type: String, in html: String) throws -> [String: Any] {
    try #require(try jsonLD(html).first { $0["@type"] as? String == type }, "no \(type) JSON-LD")
}

private let vigonzaURL = "https://welfare.comune.vigonza.pd.it"

@Suite("Structured data and sharing: canonical, Open Graph, BreadcrumbList, NewsArticle")
struct StructuredDataTests {
    @Test("every page of the site has a canonical URL and Open Graph tags from base_url; the 404 page has none")
    func canonical() throws {
        let site = try builtVigonza()
        for path in [
            "", "servizi/", "servizi/centro-estivo/", "notizie/festa-del-volontariato/", "esercenti/",
            "servizi/argomento/assistenza-sociale/", "cerca/", "open-data/", "moduli/misura-1/",
        ] {
            let html = try site.read("vigonza/\(path)index.html")
            let url = vigonzaURL + "/" + path
            #expect(html.contains("<link rel=\"canonical\" href=\"\(url)\">"), "\(path)")
            #expect(html.contains("<meta property=\"og:url\" content=\"\(url)\">"), "\(path)")
            #expect(html.contains("<meta property=\"og:site_name\" content=\"Vigonza Welfare\">"), "\(path)")
            #expect(html.contains("<meta property=\"og:title\" content=\""), "\(path)")
        }
        let notFound = try site.read("vigonza/404.html")
        #expect(!notFound.contains("rel=\"canonical\"") && !notFound.contains("og:url"))
    }

    @Test("a page with a breadcrumb has BreadcrumbList JSON-LD listing its crumbs, then itself, with absolute URLs")
    func breadcrumb() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/servizi/centro-estivo/index.html")
        let list = try object("BreadcrumbList", in: html)
        let items = try #require(list["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(items.map { $0["name"] as? String } == ["Home", "Servizi", "Centro estivo comunale"])
        #expect(
            items.map { $0["item"] as? String } == [
                vigonzaURL + "/", vigonzaURL + "/servizi/", vigonzaURL + "/servizi/centro-estivo/",
            ])
        // The service keeps its GovernmentService as the Designers Italia metatag.
        #expect(try object("GovernmentService", in: html)["name"] as? String == "Centro estivo comunale")
        #expect(
            try jsonLD(try site.read("vigonza/index.html")).allSatisfy { $0["@type"] as? String != "BreadcrumbList" })
    }

    @Test("a news page has NewsArticle JSON-LD with its headline, date and publisher, and og:type article")
    func newsArticle() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/notizie/festa-del-volontariato/index.html")
        let article = try object("NewsArticle", in: html)
        #expect(article["headline"] as? String == "Sabato 5 dicembre, la festa del volontariato")
        #expect(article["datePublished"] as? String == "2026-11-18")
        #expect(article["url"] as? String == vigonzaURL + "/notizie/festa-del-volontariato/")
        #expect((article["publisher"] as? [String: Any])?["name"] as? String == "Comune di Vigonza")
        #expect(html.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(
            html.contains("data-element=\"metatag\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\""))
    }

    @Test("a news page's NewsArticle is one line with its keys sorted at every level, byte for byte")
    func newsArticleBytes() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/notizie/affitti-bando-prorogato/index.html")
        let script = html.captures(
            between: "<script type=\"application/ld+json\" data-element=\"metatag\">", and: "</script>")
        let url = vigonzaURL + "/notizie/affitti-bando-prorogato/"
        #expect(
            script == [
                #"{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2026-11-20","#
                    + #""description":"C'è più tempo per chiedere il contributo per l'affitto della Misura 3.","#
                    + #""headline":"Contributo affitti, bando prorogato al 31 gennaio","inLanguage":"it","#
                    + #""keywords":"Assistenza sociale","mainEntityOfPage":"\#(url)","#
                    + #""publisher":{"@type":"GovernmentOrganization","name":"Comune di Vigonza","url":"\#(vigonzaURL)/"},"#
                    + #""url":"\#(url)"}"#
            ])
    }
}

@Suite("Open data: services CSV and JSON-LD, the DCAT-AP_IT catalogue and the downloads page")
struct OpenDataTests {
    @Test("servizi.csv has a header and one row per service page, with the page's title, facets and address")
    func servicesCSV() throws {
        let site = try builtVigonza()
        let csv = try site.read("vigonza/open-data/servizi.csv")
        let lines = csv.components(separatedBy: "\r\n").dropLast()
        #expect(csv.hasSuffix("\r\n") && !csv.hasPrefix("\u{FEFF}"))
        #expect(
            lines.first
                == "id,titolo,descrizione,categoria,argomenti,destinatari,costo,erogatore,nome_erogatore,canali,stato,tempo_massimo_risposta_giorni,url"
        )
        let services = try site.listing("vigonza/servizi").filter { name in
            site.exists("vigonza/servizi/\(name)/index.html")
                && !["argomento", "categoria", "per", "prezzo", "erogatore", "canale"].contains(name)
        }
        #expect(lines.count == services.count + 1)
        #expect(
            lines.contains(
                "servizi/centro-estivo,Centro estivo comunale,\"Attività, giochi e gite per bambini dai 6 agli 11 anni nelle settimane di vacanza estiva.\",Educazione e formazione,Assistenza sociale;Tempo libero,famiglie,a-pagamento,cooperativa,Cooperativa Sociale Il Ponte (esempio),online;sportello,attivo,20,\(vigonzaURL)/servizi/centro-estivo/"
            ))
    }

    @Test("servizi.jsonld is CPSV-AP JSON-LD with one PublicService per service page")
    func servicesJSONLD() throws {
        let site = try builtVigonza()
        let data = try #require(
            FileManager.default.contents(atPath: site.appending("vigonza/open-data/servizi.jsonld").path))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((root["@context"] as? [String: Any])?["cpsv"] as? String == "http://purl.org/vocab/cpsv#")
        let graph = try #require(root["@graph"] as? [[String: Any]])
        let csvRows = try site.read("vigonza/open-data/servizi.csv").components(separatedBy: "\r\n").count - 2
        #expect(graph.count == csvRows)
        let estivo = try #require(graph.first { $0["dct:identifier"] as? String == "servizi/centro-estivo" })
        #expect(estivo["@type"] as? String == "cpsv:PublicService")
        #expect(estivo["@id"] as? String == vigonzaURL + "/servizi/centro-estivo/")
        #expect((estivo["cv:processingTime"] as? [String: Any])?["@value"] as? String == "P20D")
    }

    @Test("servizi.jsonld is the context, then one object per service page in list order, and ends in a line feed")
    func servicesJSONLDOrder() throws {
        let site = try builtVigonza()
        let portal = try #require(
            try ContentTree.load(from: Repository.content, portals: ["vigonza"]).portal("vigonza"))
        let renderer = PortalRenderer(portal: portal, theme: try Theme.load(from: Repository.theme))
        var whole: [[UInt8]] = []
        renderer.servicesJSONLD { whole.append($0) }
        let bytes = whole.flatMap { $0 }
        #expect(bytes == Array(try site.read("vigonza/open-data/servizi.jsonld").utf8))
        // In pieces of 1,000 bytes: the same bytes, each piece but the last ending with the service that reached the size.
        var pieces: [[UInt8]] = []
        renderer.servicesJSONLD(pieceSize: 1000) { pieces.append($0) }
        #expect(pieces.count > 2)
        #expect(pieces.flatMap { $0 } == bytes)
        #expect(pieces.dropLast().allSatisfy { $0.count >= 1000 && $0.last == UInt8(ascii: "}") })
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"@context\":{\"adms\":") && text.hasSuffix("}]}\n"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let graph = try #require(root["@graph"] as? [[String: Any]])
        let services = portal.pages(ofType: .service)
        #expect(services.count > 3)
        #expect(graph.map { $0["dct:identifier"] as? String } == services.map { String($0.id.dropLast(".md".count)) })
    }

    @Test("the DCAT-AP_IT catalogue parses, names every file of open-data/ with format and CC-BY 4.0, and the IPA code")
    func catalogue() throws {
        let site = try builtVigonza()
        let data = try #require(
            FileManager.default.contents(atPath: site.appending("vigonza/open-data/catalogo-dcat-ap-it.jsonld").path))
        let catalog = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(catalog["@type"] as? [String] == ["dcatapit:Catalog", "dcat:Catalog"])
        let datasets = try #require(catalog["dcat:dataset"] as? [[String: Any]])
        #expect(datasets.map { $0["dct:identifier"] as? String } == ["c_l892:servizi", "c_l892:esercenti"])
        let publisher = try #require(datasets[0]["dct:rightsHolder"] as? [String: Any])
        #expect(
            publisher["dct:identifier"] as? String == "c_l892"
                && publisher["foaf:name"] as? String == "Comune di Vigonza")
        let distributions = datasets.flatMap { $0["dcat:distribution"] as? [[String: Any]] ?? [] }
        let named = Set(distributions.compactMap { $0["@id"] as? String })
        let files = try site.listing("vigonza/open-data").filter { $0 != "index.html" && !$0.hasPrefix("catalogo") }
        #expect(named == Set(files.map { "\(vigonzaURL)/open-data/\($0)" }))
        for distribution in distributions {
            let licence = try #require(distribution["dct:license"] as? [String: Any])
            #expect(licence["@id"] as? String == "https://creativecommons.org/licenses/by/4.0/")
            #expect((distribution["dct:format"] as? [String: Any])?["@id"] as? String != nil)
        }
        for dataset in datasets {
            let modified = try #require((dataset["dct:modified"] as? [String: Any])?["@value"] as? String)
            #expect(modified.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil)
            #expect(
                (dataset["dcat:theme"] as? [String: Any])?["@id"] as? String
                    == "http://publications.europa.eu/resource/authority/data-theme/SOCI")
        }
    }

    @Test("the downloads page lists every file with format, licence and date, and every footer links to it")
    func downloadsPage() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/open-data/index.html")
        for file in ["servizi.csv", "servizi.jsonld", "esercenti.csv", "esercenti.json", "esercenti.geojson"] {
            #expect(html.contains("<a href=\"../open-data/\(file)\" download>\(file)</a>"), "\(file)")
        }
        #expect(html.contains("<td>CSV</td><td>CC BY 4.0</td><td><time datetime=\""))
        #expect(html.contains("href=\"../open-data/catalogo-dcat-ap-it.jsonld\""))
        #expect(html.contains("rel=\"license\""))
        #expect(
            try site.read("vigonza/servizi/centro-estivo/index.html").contains(
                "<a href=\"../../open-data/\">Open data</a>"))
    }
}

@Suite("Search page, network home and the portal home's merchant links")
struct SearchAndNetworkTests {
    @Test("cerca/ has the search form for JavaScript and, without it, every section with its count and the facets")
    func searchPage() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/cerca/index.html")
        #expect(html.contains("<form class=\"search-form\" role=\"search\" action=\"./\" method=\"get\">"))
        #expect(html.contains("data-index=\"../pagefind/\""))
        #expect(
            html.contains(
                "<li><a href=\"../esercenti/\">Esercenti convenzionati</a> <span class=\"count\">(12)</span></li>"))
        #expect(html.contains("<a href=\"../servizi/argomento/assistenza-sociale/\">"))
        #expect(html.contains("<script src=\"../assets/search.js\"></script>"))
        // Pagefind indexes the pages whose <main> is marked: services, measures, news and merchants only.
        #expect(
            try site.read("vigonza/servizi/centro-estivo/index.html").contains(
                "<main id=\"contenuto\" tabindex=\"-1\" data-pagefind-body>"))
        #expect(try site.read("vigonza/esercenti/alimentari-da-gino/index.html").contains("data-pagefind-body"))
        #expect(!(try site.read("vigonza/privacy/index.html")).contains("data-pagefind-body"))
        #expect(!html.contains("data-pagefind-body"))
    }

    @Test("the network home lists each portal with its comuni, description, links and open measures")
    func networkHome() throws {
        let site = try TemporaryFolder()
        try buildSite(into: site.url, now: bandiOpen)
        let html = try site.read("index.html")
        #expect(html.contains("<h2 id=\"portale-vigonza\"><a href=\"vigonza/\">Vigonza Welfare</a></h2>"))
        #expect(html.contains("<li><a href=\"vigonza/esercenti/\">Esercenti convenzionati</a></li>"))
        #expect(html.contains("<li><a href=\"conegliano/open-data/\">Open data</a></li>"))
        #expect(html.contains("<a href=\"vigonza/misure/misura-1-buoni-spesa/\">"))
        // After every demo bando closed (Misura 3 runs to 31 January 2027).
        let closed = try TemporaryFolder()
        try buildSite(into: closed.url, now: rome("2027-03-01 10:00"))
        #expect(!(try closed.read("index.html")).contains("Misure di sostegno aperte"))
    }

    @Test("the home page of a portal with merchants links to their list and map")
    func homeMerchants() throws {
        let site = try builtVigonza()
        let home = try site.read("vigonza/index.html")
        #expect(home.contains("<li><a href=\"esercenti/\">Elenco degli esercenti</a></li>"))
        #expect(home.contains("<li><a href=\"esercenti/mappa/\">Mappa degli esercenti</a></li>"))
    }
}
