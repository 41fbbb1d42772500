import Foundation
import Testing

/// A service of `vigonza` with the given front matter lines and the seven mandatory sections.
private func service(_ title: String, weight: Int, _ lines: String) -> String {
    let sections = [
        "A chi è rivolto", "Come fare", "Cosa serve", "Cosa si ottiene", "Tempi e scadenze",
        "Condizioni di servizio", "Contatti",
    ]
    return """
        ---
        title: \(title)
        description: Servizio di prova \(title).
        status: attivo
        welfare: territoriale
        max_response_days: 10
        weight: \(weight)
        \(lines)
        ---

        """ + sections.map { "## \($0)\n\nTesto della sezione.\n" }.joined(separator: "\n")
}

/// The demo `vigonza` with three services of their own: the model's topics `Sport`, `Spazio Verde` and
/// `Turismo`, which no demo service has, and categories no demo service uses, so every count about them is known exactly.
private func builtFacets() throws -> (content: TemporaryFolder, site: TemporaryFolder) {
    let content = try copyOfDemoContent()
    try content.write(
        "vigonza/servizi/prova-a.md",
        service(
            "Prova A", weight: 901,
            """
            category: Ambiente
            topics: [Sport, Spazio Verde]
            audience: [giovani]
            price: gratuito
            provider: comune
            access:
              online: https://example.org/orti
            """))
    try content.write(
        "vigonza/servizi/prova-b.md",
        service(
            "Prova B", weight: 902,
            """
            category: Ambiente
            topics: [Sport]
            audience: [giovani, anziani]
            price: a-pagamento
            provider: cooperativa
            access:
              place: Municipio
            """))
    try content.write(
        "vigonza/servizi/prova-c.md",
        service(
            "Prova C", weight: 903,
            """
            category: Turismo
            topics: [Sport, Turismo]
            audience: [anziani]
            price: gratuito
            provider: comune
            access:
              online: https://example.org/turismo
              place: Municipio
            """))
    let site = try TemporaryFolder()
    try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
    return (content, site)
}

/// The titles of a list page's service cards, in order.
private func cardTitles(_ html: String) -> [String] {
    html.captures(between: "data-element=\"service-link\">", and: "</a>")
}

/// The `url label (count)` entries of a facet group, by the group's heading (the link holds the label alone).
private func facetLinks(_ html: String, group: String) -> [String] {
    guard let section = html.captures(between: ">\(group)</h3>", and: "</ul>").first else { return [] }
    return section.captures(between: "<li><a href=\"", and: "</li>").map {
        $0.replacingOccurrences(of: " data-element=\"service-category-link\"", with: "")
            .replacingOccurrences(of: "\">", with: " ").replacingOccurrences(of: "</a>", with: "")
    }
}

@Suite("Catalogue facet pages: static, counted, narrowed by one more facet")
struct FacetPagesTests {
    @Test("each value page lists exactly the services carrying it, as Designers Italia service cards")
    func valuePages() throws {
        let (_, site) = try builtFacets()
        let topic = try site.read("vigonza/servizi/argomento/sport/index.html")
        #expect(cardTitles(topic) == ["Prova A", "Prova B", "Prova C"])
        #expect(topic.contains("<h1>Servizi – Argomento: Sport</h1>"))
        #expect(topic.contains("<p class=\"lead\">3 servizi in questo elenco.</p>"))
        #expect(
            topic.contains("<h2><a href=\"../../../servizi/prova-a/\" data-element=\"service-link\">Prova A</a></h2>"))
        #expect(cardTitles(try site.read("vigonza/servizi/categoria/ambiente/index.html")) == ["Prova A", "Prova B"])
        #expect(cardTitles(try site.read("vigonza/servizi/categoria/turismo/index.html")) == ["Prova C"])
        #expect(cardTitles(try site.read("vigonza/servizi/argomento/spazio-verde/index.html")) == ["Prova A"])
    }

    @Test("a value page links only to the pairs some service has, with their counts, and those pages are right")
    func narrowing() throws {
        let (_, site) = try builtFacets()
        let topic = try site.read("vigonza/servizi/argomento/sport/index.html")
        #expect(
            facetLinks(topic, group: "Categoria")
                == [
                    "../../../servizi/categoria/ambiente/argomento/sport/ Ambiente (2)",
                    "../../../servizi/categoria/turismo/argomento/sport/ Turismo (1)",
                ])
        #expect(
            facetLinks(topic, group: "Canale")
                == ["online/ Online (2)", "sportello/ Allo sportello (2)"].map {
                    "../../../servizi/argomento/sport/canale/" + $0
                })
        #expect(
            cardTitles(try site.read("vigonza/servizi/argomento/sport/canale/sportello/index.html"))
                == ["Prova B", "Prova C"])
        #expect(
            cardTitles(try site.read("vigonza/servizi/argomento/sport/per/anziani/index.html"))
                == ["Prova B", "Prova C"])
        #expect(
            cardTitles(try site.read("vigonza/servizi/categoria/ambiente/prezzo/gratuito/index.html")) == ["Prova A"])
        // No service is both Turismo and a pagamento: no page, no link.
        #expect(!site.exists("vigonza/servizi/categoria/turismo/prezzo/a-pagamento/index.html"))
        #expect(!(try site.read("vigonza/servizi/categoria/turismo/index.html")).contains("prezzo/a-pagamento/"))
        // The category Turismo and the topic Turismo are both only Prova C: their pair would repeat either page, so there is none;
        // from Turismo (1), Sport (also Prova C) would narrow nothing, so there is no link.
        #expect(!site.exists("vigonza/servizi/categoria/turismo/argomento/turismo/index.html"))
        let turismo = try site.read("vigonza/servizi/categoria/turismo/index.html")
        #expect(facetLinks(turismo, group: "Argomento").isEmpty)
        #expect(!turismo.contains("Restringi la ricerca"))
        // Pairs go one level deep: a pair page does not narrow further, it links back to each value.
        let pair = try site.read("vigonza/servizi/categoria/ambiente/argomento/sport/index.html")
        #expect(!pair.contains("Restringi la ricerca"))
        #expect(
            pair.contains(
                "<li>Argomento: Sport <a href=\"../../../../../servizi/categoria/ambiente/\">togli questo filtro</a></li>"
            ))
    }

    @Test("every facet page's count equals its cards, none is empty, and every page is in the sitemap")
    func everyPage() throws {
        let (_, site) = try builtFacets()
        let sitemap = try site.read("vigonza/sitemap.xml")
        let facets = ["categoria/", "argomento/", "per/", "prezzo/", "erogatore/", "canale/"]
        let pages = try site.files(under: "vigonza/servizi").keys.filter { path in
            facets.contains { path.hasPrefix($0) }
        }
        #expect(pages.count > 50)
        for path in pages {
            let html = try site.read("vigonza/servizi/" + path)
            let cards = cardTitles(html).count
            #expect(cards > 0, "\(path)")
            #expect(
                html.contains("<p class=\"lead\">\(cards == 1 ? "1 servizio" : "\(cards) servizi") in questo"),
                "\(path)")
            // A pair page is linked from one of its two value pages.
            let parts = path.split(separator: "/")
            if parts.count == 5 {
                let target = "/servizi/" + path.dropLast("index.html".count) + "\""
                let linked = try [parts[0...1], parts[2...3]].contains { value in
                    try site.read("vigonza/servizi/" + value.joined(separator: "/") + "/index.html").contains(target)
                }
                #expect(linked, "\(path)")
            }
            #expect(sitemap.contains(".it/servizi/" + path.dropLast("index.html".count) + "</loc>"), "\(path)")
        }
    }

    @Test("the catalogue page shows every value with its count as a plain link")
    func catalogue() throws {
        let (_, site) = try builtFacets()
        let html = try site.read("vigonza/servizi/index.html")
        #expect(facetLinks(html, group: "Categoria").contains("../servizi/categoria/ambiente/ Ambiente (2)"))
        #expect(facetLinks(html, group: "Argomento").contains("../servizi/argomento/sport/ Sport (3)"))
        #expect(
            facetLinks(html, group: "Canale").contains { $0.hasPrefix("../servizi/canale/sportello/ Allo sportello (") }
        )
        #expect(html.contains("<h2><a href=\"../servizi/prova-a/\" data-element=\"service-link\">Prova A</a></h2>"))
    }

    @Test("a service page's topics link to their topic pages, which exist")
    func topicLinks() throws {
        let (_, site) = try builtFacets()
        let html = try site.read("vigonza/servizi/prova-b/index.html")
        #expect(
            html.contains(
                "<a data-element=\"service-topic\" href=\"../../servizi/argomento/sport/\">Sport</a>"))
        for service in try site.files(under: "vigonza/servizi").keys where service.split(separator: "/").count == 2 {
            let page = try site.read("vigonza/servizi/" + service)
            for link in page.captures(between: "data-element=\"service-topic\" href=\"", and: "\"") {
                let target = URL(fileURLWithPath: "/vigonza/servizi/" + service).deletingLastPathComponent()
                    .appendingPathComponent(link).standardized.path
                #expect(site.exists(String(target.dropFirst()) + "/index.html"), "\(service): \(link)")
            }
        }
    }
}
