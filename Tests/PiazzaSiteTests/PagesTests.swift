import Foundation
import PiazzaContent
import Testing

@Suite("Home and list pages")
struct HomeAndListTests {
    @Test("the home page shows the three newest news items, newest first")
    func homeNews() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/index.html")
        let section = try #require(html.captures(between: "<h2 id=\"home-notizie\">", and: "</section>").first)
        #expect(
            section.captures(between: "/\">", and: "</a></h3>") == [
                "Contributo affitti, bando prorogato al 31 gennaio", "Sabato 5 dicembre, la festa del volontariato",
                "Buoni spesa, domande dal 2 novembre",
            ])
    }

    @Test("the home page shows the featured measures in portal.yaml order with their state")
    func homeFeatured() throws {
        let site = try builtVigonza(now: bandiOpen)
        let html = try site.read("vigonza/index.html")
        let section = try #require(html.captures(between: "<h2 id=\"home-misure\">", and: "</section>").first)
        #expect(
            section.captures(between: "<h3><a href=\"", and: "\"") == [
                "misure/misura-1-buoni-spesa/", "misure/misura-2-bollette/", "misure/misura-3-affitti/",
            ])
        #expect(
            section.captures(between: "<p class=\"badge\">", and: "</p>") == [
                "Aperto fino al 31 dicembre 2026, ore 12:00", "Aperto fino al 31 dicembre 2026, ore 12:00",
                "Aperto fino al 31 gennaio 2027, ore 12:00",
            ])
    }

    @Test("the services list has every service, by weight then title, with relative links")
    func servicesList() throws {
        let site = try builtVigonza()
        let html = try site.read("vigonza/servizi/index.html")
        let links = html.captures(between: "<h2><a href=\"", and: "\"")
        let portal = try #require(
            try ContentTree.load(from: Repository.content, portals: ["vigonza"]).portal("vigonza"))
        let services = portal.pages(inSection: "servizi")
        #expect(services.count == 12)
        #expect(links == services.map { "../" + $0.url })
        #expect(links.first == "../servizi/resta-al-passo/")
    }

    @Test("a section without _index.md gets a generated list page")
    func generatedList() throws {
        let content = try copyOfDemoContent()
        try FileManager.default.removeItem(at: content.url.appendingPathComponent("vigonza/notizie/_index.md"))
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let html = try site.read("vigonza/notizie/index.html")
        #expect(html.contains("<h1>Notizie</h1>"))
        #expect(html.contains("<a href=\"../notizie/affitti-bando-prorogato/\">"))
    }
}

@Suite("What is published besides pages")
struct PublishedFilesTests {
    @Test("a draft is not published, listed or in the sitemap")
    func draft() throws {
        let content = try copyOfDemoContent()
        try content.write(
            "vigonza/notizie/bozza.md", "---\ntitle: Bozza segreta\ndate: 2026-11-24\ndraft: true\n---\n\nNon ancora.\n"
        )
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        #expect(!site.exists("vigonza/notizie/bozza"))
        #expect(!(try site.read("vigonza/notizie/index.html")).contains("Bozza segreta"))
        #expect(!(try site.read("vigonza/index.html")).contains("Bozza segreta"))
        #expect(!(try site.read("vigonza/sitemap.xml")).contains("bozza"))
        #expect(!(try site.read("vigonza/feed.xml")).contains("Bozza segreta"))
    }

    @Test("static files and theme assets are copied byte for byte")
    func copies() throws {
        let site = try builtVigonza()
        let pairs = [
            ("vigonza/static/logo.svg", Repository.content.appendingPathComponent("vigonza/static/logo.svg")),
            ("vigonza/assets/style.css", Repository.theme.appendingPathComponent("assets/style.css")),
            ("vigonza/assets/form.js", Repository.theme.appendingPathComponent("assets/form.js")),
        ]
        for (published, source) in pairs {
            #expect(try Data(contentsOf: site.appending(published)) == Data(contentsOf: source), "\(published)")
        }
    }

    @Test("every page is an index.html under its URL folder")
    func layout() throws {
        let site = try builtVigonza()
        let portal = try #require(
            try ContentTree.load(from: Repository.content, portals: ["vigonza"]).portal("vigonza"))
        for page in portal.pages {
            #expect(site.exists("vigonza/\(page.url)index.html"), "\(page.id)")
        }
        #expect(site.exists("vigonza/404.html"))
        #expect(site.exists("vigonza/feed.xml"))
        #expect(site.exists("vigonza/sitemap.xml"))
    }
}
