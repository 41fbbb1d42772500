import Foundation
import PiazzaContent
import PiazzaRender
import Synchronization

/// Renders one portal: every page, section list, form page, feed, sitemap, 404, assets and static files.
/// With no output it only renders (for `piazza check`).
struct PortalBuild {
    let renderer: PortalRenderer
    let output: AtomicOutput?
    /// In an incremental build, what earlier builds left that this one may reuse; `nil` renders everything.
    var graph: OutputGraph? = nil
    /// The outputs this build rendered; the others it reused.
    let rendered = RenderedOutputs()

    struct Result {
        var pages: Int
        var files: Int
        var diagnostics: DiagnosticList
        /// The outputs rendered, sorted: paths relative to the portal folder.
        var rendered: [String]
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
                    try produce(page.url + "index.html", from: OutputInputs.page(page, in: portal), page: page.id) {
                        var local = DiagnosticList()
                        let body = portal.renderBody(of: page, into: &local)
                        if !local.items.isEmpty { diagnostics.withLock { $0.append(contentsOf: local) } }
                        // A service's booking link resolves like the body's links.
                        let booking = page.service?.access.booking.map { [$0] } ?? []
                        return (try renderer.render(page, body: body), body.links + booking)
                    }
                    written.add(1, ordering: .relaxed)
                } catch {
                    firstError.withLock { if $0 == nil { $0 = Self.locate(error, page: page) } }
                }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }

        var lastModified: [String: ContentDate] = [:]
        for page in pages { if let date = page.news?.date { lastModified[page.url] = date } }
        for section in Portal.standardSections where portal.page(id: section + "/_index.md") == nil {
            try produce(section + "/index.html", from: OutputInputs.sectionList(section, in: portal)) {
                try renderer.renderSectionList(section: section, indexPage: nil, body: nil)
            }
        }
        for form in portal.forms {
            try produce(Portal.formURL(id: form.id) + "index.html", from: OutputInputs.form(form)) {
                try renderer.renderFormPage(form)
            }
        }
        for calendar in portal.calendars {
            try produce(Portal.calendarURL(id: calendar.id) + "index.html", from: OutputInputs.calendar(calendar)) {
                try renderer.renderCalendarPage(calendar)
            }
        }
        for filter in catalogue.filters {
            try produce(filter.path + "index.html", from: OutputInputs.catalogueFilter) {
                try renderer.renderCatalogueFilter(filter, in: catalogue)
            }
        }
        for list in renderer.merchantLists {
            try produce(list.path + "index.html", from: OutputInputs.merchants(template: "merchants")) {
                try renderer.renderMerchantList(list)
            }
        }
        for merchant in portal.merchants {
            try produce(merchant.url + "index.html", from: OutputInputs.merchants(template: "merchant")) {
                try renderer.renderMerchant(merchant)
            }
        }
        if !portal.merchants.isEmpty {
            let inputs = OutputInputs.merchants(template: nil)
            try produce(PortalRenderer.merchantCSVPath, from: inputs) { Merchant.openDataCSV(portal.merchants) }
            try produce(PortalRenderer.merchantJSONPath, from: inputs) { renderer.merchantJSON() }
            try produce(PortalRenderer.merchantGeoJSONPath, from: inputs) { renderer.merchantGeoJSON() }
        }
        let discoveryFiles = try writeDiscoveryPages()
        // The Designers Italia model's first-level pages and the bookings page (PortalRenderer+Model).
        let modelPages = renderer.modelPages
        for page in modelPages {
            try produce(page.path + "index.html", from: OutputInputs.modelPage) { try renderer.renderModelPage(page) }
        }
        try produce("404.html", from: OutputInputs.notFound) { try renderer.renderNotFound() }
        try produce("sitemap.xml", from: OutputInputs.sitemap) {
            Sitemap.render(
                baseURL: portal.config.baseURL, paths: renderer.publishedPagePaths(catalogue),
                lastModified: lastModified)
        }
        try produce("robots.txt", from: OutputInputs.robots) {
            "User-agent: *\nAllow: /\nSitemap: \(portal.config.baseURL)/sitemap.xml\n"
        }
        try produce("feed.xml", from: OutputInputs.feed) { AtomFeed.render(portal: portal) }
        var files =
            written.load(ordering: .relaxed) + portal.forms.count + 4 + renderer.merchantLists.count
            + portal.merchants.count + (portal.merchants.isEmpty ? 0 : 3)
        files += portal.calendars.count + catalogue.filters.count + discoveryFiles + modelPages.count
        if let output {
            for asset in renderer.theme.assets { try output.copy(asset.source, to: "assets/" + asset.path) }
            for file in portal.staticFiles { try output.copy(file.source, to: file.path) }
            files += renderer.theme.assets.count + portal.staticFiles.count
            if !portal.merchants.isEmpty { files += try copyLeaflet(to: output) }
        }
        // A page whose links broke must render again (and fail again) next time: no record of a failed render.
        if let graph, let output, !diagnostics.withLock({ $0.hasErrors }) { try graph.save(output) }
        return Result(
            pages: pages.count, files: files, diagnostics: diagnostics.withLock { $0 }, rendered: rendered.paths)
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

    /// Writes the output at `path` (relative to the portal folder) from `inputs`: rendered, unless the
    /// incremental build's graph finds it unchanged since an earlier build.
    func produce(_ path: String, from inputs: [BuildInput], _ render: () throws -> String) throws {
        try produce(path, from: inputs, page: nil) { (try render(), []) }
    }

    /// ``produce(_:from:_:)`` for a content page, whose `render` also gives the link destinations it
    /// resolved.
    func produce(
        _ path: String, from inputs: [BuildInput], page pageID: String?,
        _ render: () throws -> (text: String, links: [String])
    ) throws {
        if let graph, let output, graph.place(path, from: inputs, page: pageID, in: output) != .render { return }
        let result = try render()
        try output?.write(result.text, to: path)
        graph?.rendered(path, from: inputs, links: result.links, page: pageID)
        rendered.add(path)
    }

    /// Names the page whose template failed.
    private static func locate(_ error: any Error, page: Page) -> any Error {
        guard let themeError = error as? ThemeError else { return error }
        return ThemeError(
            themeError.code, "while rendering \(page.source): \(themeError.message)", cause: themeError.cause)
    }
}
