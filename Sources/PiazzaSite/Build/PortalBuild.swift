import Foundation
import PiazzaContent
import PiazzaRender
import Synchronization

/// Renders one portal: every page, section list, form page, feed, sitemap, 404, assets and static files.
/// With no output it only renders (for `piazza check`).
struct PortalBuild {
    let renderer: PortalRenderer
    let output: AtomicOutput?

    struct Result {
        var pages: Int
        var files: Int
        var diagnostics: DiagnosticList
    }

    func run() throws -> Result {
        let portal = renderer.portal
        let pages = portal.pages
        let catalogue = renderer.serviceCatalogue()
        let diagnostics = Mutex(generatedPathClashes(catalogue))
        let firstError = Mutex<(any Error)?>(nil)
        let written = Atomic<Int>(0)

        // Pages in parallel: Markdown is serialized inside PiazzaContent, templates and writes are not.
        let chunk = 64
        let chunks = (pages.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            for page in pages[(index * chunk)..<min(pages.count, (index + 1) * chunk)] {
                do {
                    var local = DiagnosticList()
                    let body = portal.renderBody(of: page, into: &local)
                    if !local.items.isEmpty { diagnostics.withLock { $0.append(contentsOf: local) } }
                    let html = try renderer.render(page, body: body)
                    try write(html, to: page.url + "index.html")
                    written.add(1, ordering: .relaxed)
                } catch {
                    firstError.withLock { if $0 == nil { $0 = Self.locate(error, page: page) } }
                }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }

        var sitemapPaths = pages.map(\.url)
        var lastModified: [String: ContentDate] = [:]
        for page in pages { if let date = page.news?.date { lastModified[page.url] = date } }
        for section in Portal.standardSections where portal.page(id: section + "/_index.md") == nil {
            try write(
                renderer.renderSectionList(section: section, indexPage: nil, body: nil), to: section + "/index.html")
            sitemapPaths.append(section + "/")
        }
        for form in portal.forms {
            try write(renderer.renderFormPage(form), to: Portal.formURL(id: form.id) + "index.html")
            sitemapPaths.append(Portal.formURL(id: form.id))
        }
        for calendar in portal.calendars {
            try write(renderer.renderCalendarPage(calendar), to: Portal.calendarURL(id: calendar.id) + "index.html")
            sitemapPaths.append(Portal.calendarURL(id: calendar.id))
        }
        for filter in catalogue.filters {
            try write(renderer.renderCatalogueFilter(filter, in: catalogue), to: filter.path + "index.html")
            sitemapPaths.append(filter.path)
        }
        for list in renderer.merchantLists {
            try write(renderer.renderMerchantList(list), to: list.path + "index.html")
            sitemapPaths.append(list.path)
        }
        for merchant in portal.merchants {
            try write(renderer.renderMerchant(merchant), to: merchant.url + "index.html")
            sitemapPaths.append(merchant.url)
        }
        if !portal.merchants.isEmpty {
            try write(Merchant.openDataCSV(portal.merchants), to: PortalRenderer.merchantCSVPath)
            try write(renderer.merchantJSON(), to: PortalRenderer.merchantJSONPath)
            try write(renderer.merchantGeoJSON(), to: PortalRenderer.merchantGeoJSONPath)
        }
        let discovery = try writeDiscoveryPages()
        sitemapPaths += discovery.paths
        // The Designers Italia model's first-level pages and the bookings page (PortalRenderer+Model).
        let modelPages = renderer.modelPages
        for page in modelPages {
            try write(renderer.renderModelPage(page), to: page.path + "index.html")
            sitemapPaths.append(page.path)
        }
        try write(renderer.renderNotFound(), to: "404.html")
        try write(
            Sitemap.render(baseURL: portal.config.baseURL, paths: sitemapPaths, lastModified: lastModified),
            to: "sitemap.xml")
        try write("User-agent: *\nAllow: /\nSitemap: \(portal.config.baseURL)/sitemap.xml\n", to: "robots.txt")
        try write(AtomFeed.render(portal: portal), to: "feed.xml")
        var files =
            written.load(ordering: .relaxed) + portal.forms.count + 4 + renderer.merchantLists.count
            + portal.merchants.count + (portal.merchants.isEmpty ? 0 : 3)
        files += portal.calendars.count + catalogue.filters.count + discovery.files + modelPages.count
        if let output {
            for asset in renderer.theme.assets { try output.copy(asset.source, to: "assets/" + asset.path) }
            for file in portal.staticFiles { try output.copy(file.source, to: file.path) }
            files += renderer.theme.assets.count + portal.staticFiles.count
            if !portal.merchants.isEmpty { files += try copyLeaflet(to: output) }
        }
        return Result(pages: pages.count, files: files, diagnostics: diagnostics.withLock { $0 })
    }

    /// Debian's `libjs-leaflet`, which the merchant map uses (PRODUCT.md §5: Leaflet from the system package).
    static let leafletDirectory = URL(fileURLWithPath: "/usr/share/javascript/leaflet")

    /// Copies Leaflet's script, stylesheet and marker images to `assets/leaflet/` (portals with merchants only);
    /// returns the number of files.
    private func copyLeaflet(to output: AtomicOutput) throws -> Int {
        let directory = Self.leafletDirectory
        let images =
            (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("images").path))?
            .filter { $0.hasSuffix(".png") }.sorted() ?? []
        let files = ["leaflet.js", "leaflet.css"] + images.map { "images/" + $0 }
        for file in files {
            let source = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: source.path) else {
                throw BuildError(
                    .copy,
                    "\(source.path) not found: the merchant map needs Debian's libjs-leaflet (apt-get install libjs-leaflet)"
                )
            }
            try output.copy(source, to: "assets/leaflet/" + file)
        }
        return files.count
    }

    func write(_ text: String, to path: String) throws {
        try output?.write(text, to: path)
    }

    /// Names the page whose template failed.
    private static func locate(_ error: any Error, page: Page) -> any Error {
        guard let themeError = error as? ThemeError else { return error }
        return ThemeError(
            themeError.code, "while rendering \(page.source): \(themeError.message)", cause: themeError.cause)
    }
}
