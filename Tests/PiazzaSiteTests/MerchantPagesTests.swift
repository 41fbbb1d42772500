import Foundation
import PiazzaContent
import Testing

/// The demo content with `vigonza/esercenti.csv` replaced by three merchants: two categories, two measures,
/// and a name with `</script>` and a quote, which must stay text in the HTML and the JSON-LD.
private func builtMerchants() throws -> (content: TemporaryFolder, site: TemporaryFolder) {
    let content = try copyOfDemoContent()
    try content.write(
        "vigonza/esercenti.csv",
        """
        name,partita_iva,category,address,lat,lon,hours,phone,measures
        Zeta Alimentari,01234560280,Alimentari,"Via Roma 1, Vigonza",45.4431,11.9842,lun-sab 8-13,049 1,misura-1-buoni-spesa
        Bar </script> "Sport",02345670281,Bar,Via Po 2,45.4401,11.9801,,,misura-1-buoni-spesa misura-3-affitti
        Alfa Market,03456780281,Alimentari,Via Adige 3,45.45,11.99,,,misura-3-affitti

        """)
    let site = try TemporaryFolder()
    try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
    return (content, site)
}

private func rowNames(_ html: String) -> [String] {
    html.captures(between: "<th scope=\"row\"><a href=\"", and: "</a></th>").map {
        String($0[$0.range(of: "\">")!.upperBound...])
    }
}

@Suite("Merchant pages, map and open data from esercenti.csv")
struct MerchantPagesTests {
    @Test("the table lists every merchant by name, and by category on its own page")
    func tables() throws {
        let (_, site) = try builtMerchants()
        let byName = try site.read("vigonza/esercenti/index.html")
        #expect(rowNames(byName) == ["Alfa Market", "Bar &lt;/script&gt; &quot;Sport&quot;", "Zeta Alimentari"])
        #expect(byName.contains("<th scope=\"col\" aria-sort=\"ascending\">Nome</th>"))
        let byCategory = try site.read("vigonza/esercenti/per-categoria/index.html")
        #expect(rowNames(byCategory) == ["Alfa Market", "Zeta Alimentari", "Bar &lt;/script&gt; &quot;Sport&quot;"])
        #expect(byCategory.contains("<th scope=\"col\" aria-sort=\"ascending\">Categoria</th>"))
    }

    @Test("the category and measure pages list only their merchants, and the measure page links to its shops")
    func filters() throws {
        let (_, site) = try builtMerchants()
        #expect(
            rowNames(try site.read("vigonza/esercenti/categoria/alimentari/index.html"))
                == ["Alfa Market", "Zeta Alimentari"])
        #expect(
            rowNames(try site.read("vigonza/esercenti/misura/misura-3-affitti/index.html"))
                == ["Alfa Market", "Bar &lt;/script&gt; &quot;Sport&quot;"])
        #expect(
            try site.read("vigonza/misure/misura-3-affitti/index.html").contains(
                "<a href=\"../../esercenti/misura/misura-3-affitti/\">Negozi dove si usa questa misura</a>"))
        #expect(!(try site.read("vigonza/misure/misura-2-bollette/index.html")).contains("Negozi dove"))
    }

    @Test("each merchant has a page with LocalBusiness JSON-LD that parses and keeps </script> inside the string")
    func merchantPage() throws {
        let (_, site) = try builtMerchants()
        let html = try site.read("vigonza/esercenti/bar-script-sport/index.html")
        let json = try #require(
            html.captures(between: "<script type=\"application/ld+json\" data-element=\"metatag\">", and: "</script>")
                .first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "LocalBusiness")
        #expect(object["name"] as? String == "Bar </script> \"Sport\"")
        #expect(object["vatID"] as? String == "IT02345670281")
        let geo = try #require(object["geo"] as? [String: Any])
        #expect(geo["latitude"] as? Double == 45.4401 && geo["longitude"] as? Double == 11.9801)
        #expect(object["paymentAccepted"] as? String == "Misura 1 – Buoni spesa, Misura 3 – Affitti")
        #expect(html.contains("<h1>Bar &lt;/script&gt; &quot;Sport&quot;</h1>"))
        #expect(object["openingHours"] == nil && object["telephone"] == nil)
        let zeta = try site.read("vigonza/esercenti/zeta-alimentari/index.html")
        let zetaJSON = try #require(
            zeta.captures(between: "<script type=\"application/ld+json\" data-element=\"metatag\">", and: "</script>")
                .first)
        let zetaObject = try #require(try JSONSerialization.jsonObject(with: Data(zetaJSON.utf8)) as? [String: Any])
        #expect(zetaObject["openingHours"] as? [String] == ["Mo-Sa 08:00-13:00"])
        #expect(zeta.contains("<dt>Orari</dt><dd>lun-sab 8-13</dd>"))
    }

    @Test("the GeoJSON has one Point per row, [longitude, latitude]")
    func geoJSON() throws {
        let (_, site) = try builtMerchants()
        let data = try Data(contentsOf: site.appending("vigonza/open-data/esercenti.geojson"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "FeatureCollection")
        let features = try #require(object["features"] as? [[String: Any]])
        let points = features.compactMap { ($0["geometry"] as? [String: Any])?["coordinates"] as? [Double] }
        #expect(points == [[11.9842, 45.4431], [11.9801, 45.4401], [11.99, 45.45]])
    }

    @Test("the open-data CSV reads back as the same merchants")
    func openDataCSV() throws {
        let (content, site) = try builtMerchants()
        let original = try ContentTree.load(from: content.url, portals: ["vigonza"]).portals[0].merchants
        let csv = try site.read("vigonza/open-data/esercenti.csv")
        #expect(csv.hasPrefix("name,partita_iva,category,address,lat,lon,hours,phone,measures\r\n"))
        try content.write("vigonza/esercenti.csv", csv)
        let reread = try ContentTree.load(from: content.url, portals: ["vigonza"]).portals[0].merchants
        #expect(reread.map(\.name) == ["Zeta Alimentari", "Bar </script> \"Sport\"", "Alfa Market"])
        // The same rows in every field but the line each starts on.
        #expect(
            reread.map { [$0.name, $0.slug, $0.address, $0.category] }
                == original.map { [$0.name, $0.slug, $0.address, $0.category] })
        #expect(reread.map(\.measures) == original.map(\.measures))
        #expect(reread.map(\.latitude) == original.map(\.latitude))
    }

    @Test("the map page loads Leaflet from the portal's assets and, with no tiles set, says so")
    func mapPage() throws {
        let (_, site) = try builtMerchants()
        let html = try site.read("vigonza/esercenti/mappa/index.html")
        #expect(html.contains("<script src=\"../../assets/leaflet/leaflet.js\"></script>"))
        #expect(html.contains("data-geojson=\"../../open-data/esercenti.geojson\""))
        #expect(!html.contains("data-tiles"))
        #expect(html.contains("senza lo sfondo stradale"))
        #expect(
            site.exists("vigonza/assets/leaflet/leaflet.js")
                && site.exists("vigonza/assets/leaflet/images/marker-icon.png"))
        #expect(rowNames(html).count == 3)
    }

    @Test("with map_tiles in portal.yaml the map page hands the tiles and their credit to the script")
    func mapTiles() throws {
        let content = try copyOfDemoContent()
        let config = try content.read("vigonza/portal.yaml")
        try content.write(
            "vigonza/portal.yaml",
            config + "map_tiles: https://tile.example.it/{z}/{x}/{y}.png\nmap_attribution: \"© Esempio & C.\"\n")
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let html = try site.read("vigonza/esercenti/mappa/index.html")
        #expect(
            html.contains(
                "data-tiles=\"https://tile.example.it/{z}/{x}/{y}.png\" data-attribution=\"© Esempio &amp; C.\""))
        #expect(!html.contains("senza lo sfondo stradale"))
    }

    @Test("the same content builds the same merchant files, byte for byte")
    func deterministic() throws {
        let (content, first) = try builtMerchants()
        let second = try TemporaryFolder()
        try buildSite(content: content.url, into: second.url, portals: ["vigonza"])
        let a = try first.files(under: "vigonza/esercenti")
        #expect(a.count == 3 + 3 + 2 + 2)
        #expect(a == (try second.files(under: "vigonza/esercenti")))
        #expect(try first.files(under: "vigonza/open-data") == (try second.files(under: "vigonza/open-data")))
    }

    @Test("a portal without esercenti.csv has no merchant pages and no Leaflet")
    func noMerchants() throws {
        let content = try copyOfDemoContent()
        try FileManager.default.removeItem(at: content.appending("conegliano/esercenti.csv"))
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["conegliano"])
        #expect(!site.exists("conegliano/esercenti"))
        #expect(!site.exists("conegliano/assets/leaflet"))
        #expect(!site.exists("conegliano/open-data/esercenti.geojson"))
    }
}
