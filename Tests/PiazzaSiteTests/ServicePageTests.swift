import Foundation
import Testing

@Suite("A built scheda servizio carries the AgID markers")
struct ServicePageTests {
    static let page = "vigonza/servizi/resta-al-passo/index.html"

    @Test("every data-element the checker looks for is present")
    func markersPresent() throws {
        let site = try builtVigonza()
        let html = try site.read(Self.page)
        for element in [
            "service-title", "service-status", "service-description", "page-index", "service-addressed",
            "service-how-to", "service-needed", "service-achieved", "service-calendar-text", "service-area",
            "breadcrumb", "service-topic", "service-cost", "service-file", "metatag",
        ] {
            #expect(html.ranges(of: "data-element=\"\(element)\"").count >= 1, "missing data-element \(element)")
        }
        #expect(html.ranges(of: "data-element=\"service-topic\"").count == 2)
    }

    @Test("the markers come in the Designers Italia order: breadcrumb, header, index, then the sections")
    func markersInOrder() throws {
        let site = try builtVigonza()
        let html = try site.read(Self.page)
        let order = html.ranges(of: "data-element=\"").map { range in
            String(html[range.upperBound...].prefix { $0 != "\"" })
        }.filter { $0.hasPrefix("service-") || $0 == "page-index" || $0 == "breadcrumb" }
        #expect(
            order == [
                "breadcrumb", "service-title", "service-status", "service-description",
                "service-topic", "service-topic", "page-index",
                "service-addressed", "service-how-to", "service-needed", "service-achieved", "service-calendar-text",
                "service-cost", "service-online-access", "service-booking-access", "service-generic-access",
                "service-file", "service-area",
            ])
    }

    @Test("the page index lists the sections in the fixed order, and each anchor has its section")
    func pageIndex() throws {
        let site = try builtVigonza()
        let html = try site.read(Self.page)
        let index = try #require(html.captures(between: "<ul data-element=\"page-index\">", and: "</ul>").first)
        let anchors = index.captures(between: "<a href=\"#", and: "\"")
        #expect(
            anchors == [
                "who-needs", "how-to", "needed", "obtain", "deadlines", "costs", "submit-request", "more-info",
                "conditions", "contacts",
            ])
        let titles = index.captures(between: "\">", and: "</a>")
        #expect(
            titles == [
                "A chi è rivolto", "Come fare", "Cosa serve", "Cosa si ottiene", "Tempi e scadenze", "Quanto costa",
                "Accedi al servizio", "Ulteriori informazioni", "Condizioni di servizio", "Contatti",
            ])
        #expect(html.captures(between: "<section id=\"", and: "\"") == anchors)
    }

    @Test("the header shows the title, status, description and facts from front matter")
    func header() throws {
        let site = try builtVigonza()
        let html = try site.read(Self.page)
        #expect(html.contains("<h1 data-element=\"service-title\">Resta al passo con lo studio</h1>"))
        #expect(html.contains("<p class=\"status\" data-element=\"service-status\">Servizio attivo</p>"))
        #expect(
            html.contains(
                "<p class=\"lead\" data-element=\"service-description\">Tutor per i compiti in piccoli gruppi, fino a 3 bambini, nelle biblioteche di Vigonza. Gratuito.</p>"
            ))
        #expect(
            html.contains(
                "<li><a data-element=\"service-topic\" href=\"../../servizi/argomento/istruzione/\">Istruzione</a></li>"
            ))
        #expect(
            html.contains(
                "<div><dt>Erogato da</dt><dd>Cooperativa sociale: Cooperativa Sociale Il Ponte (esempio)</dd></div>"))
        #expect(html.contains("<div><dt>Tempo massimo di risposta</dt><dd>15 giorni</dd></div>"))
        #expect(html.contains("<title>Resta al passo con lo studio – Vigonza Welfare</title>"))
        #expect(
            html.contains(
                "<link rel=\"canonical\" href=\"https://welfare.comune.vigonza.pd.it/servizi/resta-al-passo/\">"))
    }

    @Test("the breadcrumb leads home, to the services list, then names the page")
    func breadcrumb() throws {
        let site = try builtVigonza()
        let html = try site.read(Self.page)
        let crumbs = try #require(html.captures(between: "<ol data-element=\"breadcrumb\">\n", and: "</ol>").first)
        #expect(
            crumbs == """
                <li><a href="../../">Home</a></li>
                <li><a href="../../servizi/">Servizi</a></li>
                <li aria-current="page">Resta al passo con lo studio</li>

                """)
    }

    @Test("access, cost, conditions and contacts are built from front matter")
    func frontMatterSections() throws {
        let site = try builtVigonza()
        let html = try site.read(Self.page)
        #expect(
            html.contains(
                "<a class=\"button\" data-element=\"service-online-access\" href=\"../../moduli/iscrizione-resta-al-passo/\">Compila la domanda online</a>"
            ))
        #expect(
            html.contains(
                "<div data-element=\"service-generic-access\"><p>Di persona: Biblioteca civica di Vigonza (esempio), Via Esempio 10, e Punto lettura di Codiverno (esempio)</p></div>"
            ))
        #expect(
            html.contains(
                "<div class=\"prose\" data-element=\"service-cost\"><p>Gratuito per le famiglie residenti a Vigonza.</p></div>"
            ))
        #expect(
            html.contains(
                "<a data-element=\"service-file\" href=\"../../static/condizioni-resta-al-passo.pdf\">Scarica le condizioni di servizio</a>"
            ))
        #expect(
            html.contains(
                "<div data-element=\"service-area\"><p>Ufficio responsabile: Ufficio Servizi Scolastici e Sociali</p><p>Cooperativa Sociale Il Ponte (esempio)"
            ))
        #expect(site.exists("vigonza/static/condizioni-resta-al-passo.pdf"))
    }

    @Test("a GFM table in a section is rendered in the page")
    func tableInSection() throws {
        let site = try builtVigonza()
        let html = try site.read(Self.page)
        #expect(html.contains("<section id=\"more-info\" class=\"scheda-section\">"))
        #expect(html.contains("<th>Sede</th>\n<th>Giorni</th>\n<th>Orario</th>"))
        #expect(
            html.contains(
                "<td>Punto lettura di Codiverno (esempio)</td>\n<td>martedì e venerdì</td>\n<td>15:00-16:30</td>"))
    }
}

@Suite("A service page's JSON-LD is valid GovernmentService data")
struct ServiceJSONLDTests {
    /// Vigonza's trasporto sociale page as built with its front matter's `description:` set to
    /// `value` (YAML, written as given).
    static func transportPage(description value: String) throws -> String {
        let content = try copyOfDemoContent()
        let path = "vigonza/servizi/trasporto-sociale.md"
        let text = try content.read(path)
        let description = try #require(text.captures(between: "\ndescription: ", and: "\n").first)
        try content.write(
            path, text.replacingOccurrences(of: "\ndescription: \(description)\n", with: "\ndescription: \(value)\n"))
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        return try site.read("vigonza/servizi/trasporto-sociale/index.html")
    }

    static func jsonLD(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/ld+json\" data-element=\"metatag\">"
        let scripts = html.captures(between: open, and: "</script>")
        #expect(scripts.count == 1)
        let text = try #require(scripts.first)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("the JSON-LD parses and describes the service")
    func parses() throws {
        let site = try builtVigonza()
        let json = try Self.jsonLD(try site.read(ServicePageTests.page))
        #expect(json["@context"] as? String == "https://schema.org")
        #expect(json["@type"] as? String == "GovernmentService")
        #expect(json["name"] as? String == "Resta al passo con lo studio")
        #expect(json["serviceType"] as? String == "Educazione e formazione")
        #expect(json["url"] as? String == "https://welfare.comune.vigonza.pd.it/servizi/resta-al-passo/")
        #expect(json["isAccessibleForFree"] as? Bool == true)
        #expect((json["provider"] as? [String: Any])?["name"] as? String == "Comune di Vigonza")
        #expect(
            (json["serviceOperator"] as? [String: Any])?["name"] as? String == "Cooperativa Sociale Il Ponte (esempio)")
        #expect((json["audience"] as? [String: Any])?["audienceType"] as? String == "famiglie, giovani")
        let channel = try #require(json["availableChannel"] as? [String: Any])
        #expect(channel["processingTime"] as? String == "P15D")
        #expect(channel["servicePhone"] as? String == "049 0000000")
        // AgID's checker (R.SI.1.1) reads one object with a name, and a located, addressed channel.
        #expect((json["areaServed"] as? [String: Any])?["name"] as? String == "Vigonza")
        #expect(channel["serviceUrl"] as? String == "https://welfare.comune.vigonza.pd.it/servizi/resta-al-passo/")
        let location = try #require(channel["serviceLocation"] as? [String: Any])
        #expect((location["name"] as? String)?.hasPrefix("Biblioteca civica di Vigonza") == true)
        let address = try #require(location["address"] as? [String: Any])
        #expect(address["streetAddress"] as? String == "Via Esempio 1")
        #expect(address["postalCode"] as? String == "35010")
        #expect(address["addressLocality"] as? String == "Vigonza")
        #expect(address["addressRegion"] as? String == "PD")
    }

    @Test("the JSON-LD is one line with its keys sorted at every level, byte for byte")
    func exactBytes() throws {
        let site = try builtVigonza()
        let html = try site.read(ServicePageTests.page)
        let script = html.captures(
            between: "<script type=\"application/ld+json\" data-element=\"metatag\">", and: "</script>")
        #expect(
            script == [
                #"{"@context":"https://schema.org","@type":"GovernmentService","areaServed":{"@type":"AdministrativeArea","name":"Vigonza"},"#
                    + #""audience":{"@type":"Audience","audienceType":"famiglie, giovani"},"availableChannel":{"@type":"ServiceChannel","#
                    + #""availableLanguage":"it","processingTime":"P15D","serviceLocation":{"@type":"Place","address":{"@type":"PostalAddress","#
                    + #""addressCountry":"IT","addressLocality":"Vigonza","addressRegion":"PD","postalCode":"35010","streetAddress":"Via Esempio 1"},"#
                    + #""name":"Biblioteca civica di Vigonza (esempio), Via Esempio 10, e Punto lettura di Codiverno (esempio)"},"#
                    + #""servicePhone":"049 0000000","serviceUrl":"https://welfare.comune.vigonza.pd.it/servizi/resta-al-passo/"},"#
                    + #""description":"Tutor per i compiti in piccoli gruppi, fino a 3 bambini, nelle biblioteche di Vigonza. Gratuito.","#
                    + #""isAccessibleForFree":true,"name":"Resta al passo con lo studio","#
                    + #""provider":{"@type":"GovernmentOrganization","name":"Comune di Vigonza"},"#
                    + #""serviceOperator":{"@type":"Organization","name":"Cooperativa Sociale Il Ponte (esempio)"},"#
                    + #""serviceType":"Educazione e formazione","url":"https://welfare.comune.vigonza.pd.it/servizi/resta-al-passo/"}"#
            ])
    }

    @Test("pages that are not services, news or merchants have no metatag JSON-LD (their breadcrumb has its own)")
    func onlyServices() throws {
        let site = try builtVigonza()
        for page in ["vigonza/index.html", "vigonza/faq/index.html", "vigonza/misure/misura-1-buoni-spesa/index.html"] {
            #expect(!(try site.read(page)).contains("data-element=\"metatag\""), "\(page)")
        }
    }

    @Test("a </script> in a description cannot end the JSON-LD element")
    func scriptSafe() throws {
        let html = try Self.transportPage(description: "\"Fine</script><script>alert(1)\"")
        #expect(!html.contains("Fine</script>"))
        #expect(html.contains("\"description\":\"Fine\\u003c/script>\\u003cscript>alert(1)\""))
        #expect(
            html.contains(
                "<p class=\"lead\" data-element=\"service-description\">Fine&lt;/script&gt;&lt;script&gt;alert(1)</p>"))
        let json = try Self.jsonLD(html)
        #expect(json["description"] as? String == "Fine</script><script>alert(1)")
    }

    @Test("a <!-- in a description cannot keep the JSON-LD element open")
    func commentOpenerSafe() throws {
        let html = try Self.transportPage(description: "\"Nota <!-- <script> fine\"")
        let json = try Self.jsonLD(html)
        #expect(json["description"] as? String == "Nota <!-- <script> fine")
        // Inside <script>, "<!--" then "<script" puts the HTML parser in the double-escaped state, where the
        // element's own </script> no longer closes it: the rest of the page becomes script text.
        let script = try #require(html.captures(between: "data-element=\"metatag\">", and: "</script>").first)
        #expect(!script.contains("<!--"))
        #expect(!script.contains("<script"))
    }
}
