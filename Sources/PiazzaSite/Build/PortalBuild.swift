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
    /// The outputs this build rendered, the others it reused: listed in an incremental build only (a full
    /// build renders every output, and the list grew with them).
    let rendered = RenderedOutputs()

    struct Result {
        var pages: Int
        var files: Int
        var diagnostics: DiagnosticList
        /// With a ``graph``, the outputs rendered, sorted: paths relative to the portal folder; empty without.
        var rendered: [String]
    }

    func run() throws -> Result {
        let portal = renderer.portal
        let pages = portal.pages
        let catalogue = graph?.catalogue(of: renderer) ?? renderer.serviceCatalogue()
        let diagnostics = Mutex(generatedPathClashes(catalogue))
        let written = Atomic<Int>(0)
        var lastModified: [String: ContentDate] = [:]
        for page in pages { if let date = page.news?.date { lastModified[page.url] = date } }
        let generated = generatedOutputs(catalogue, lastModified: lastModified)

        // Pages and generated outputs in one parallel pass: Markdown is serialized inside PiazzaContent,
        // templates and writes are not. The generated outputs go first: a few (the catalogue's facet pages,
        // each listing many services) take long, and run while the pages keep the other core busy.
        let chunk = 64
        let chunks = (pages.count + chunk - 1) / chunk
        // The first error of each page chunk, then of each generated output: the first of them is thrown.
        let errors = Mutex<[Int: any Error]>([:])
        DispatchQueue.concurrentPerform(iterations: generated.count + chunks) { slot in
            if slot < generated.count {
                let output = generated[slot]
                do {
                    try produce(output.path, from: output.inputs, pieces: output.render)
                } catch {
                    errors.withLock { $0[chunks + slot] = error }
                }
                return
            }
            let index = slot - generated.count
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
                    errors.withLock { if $0[index] == nil { $0[index] = Self.locate(error, page: page) } }
                }
            }
        }
        if let (_, error) = errors.withLock({ $0 }).min(by: { $0.key < $1.key }) { throw error }

        var files = written.load(ordering: .relaxed) + generated.count
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

    /// One output piazza generates (not a content page): its path relative to the portal folder, what it is
    /// made from, and how it is rendered (the file's bytes handed to `append`, in one piece or several).
    struct GeneratedOutput: Sendable {
        var path: String
        var inputs: [BuildInput]
        var render: @Sendable (_ append: ([UInt8]) throws -> Void) throws -> Void

        /// An output rendered piece by piece, each written to the file before the next is made (a large file:
        /// the services' open data).
        init(
            path: String, inputs: [BuildInput],
            pieces render: @escaping @Sendable (_ append: ([UInt8]) throws -> Void) throws -> Void
        ) {
            self.path = path
            self.inputs = inputs
            self.render = render
        }

        /// An output rendered as UTF-8 bytes (the pages the build makes many of: section lists, facet pages).
        init(path: String, inputs: [BuildInput], utf8 render: @escaping @Sendable () throws -> [UInt8]) {
            self.init(path: path, inputs: inputs, pieces: { append in try append(try render()) })
        }

        /// An output rendered as text.
        init(path: String, inputs: [BuildInput], _ render: @escaping @Sendable () throws -> String) {
            self.init(path: path, inputs: inputs, utf8: { Array(try render().utf8) })
        }
    }

    /// Every generated output of the portal: section lists without an `_index.md`, form and calendar pages,
    /// the catalogue's facet pages, merchant lists, pages and open data, the discovery pages, the model's
    /// pages, 404, sitemap, robots.txt and the feed.
    private func generatedOutputs(
        _ catalogue: PortalRenderer.ServiceCatalogue, lastModified: [String: ContentDate]
    ) -> [GeneratedOutput] {
        let portal = renderer.portal
        let renderer = renderer
        var outputs: [GeneratedOutput] = []
        for section in Portal.standardSections where portal.page(id: section + "/_index.md") == nil {
            outputs.append(
                .init(
                    path: section + "/index.html", inputs: OutputInputs.sectionList(section, in: portal),
                    utf8: { try renderer.renderSectionList(section: section, indexPage: nil, body: nil) }))
        }
        for form in portal.forms {
            outputs.append(
                .init(path: Portal.formURL(id: form.id) + "index.html", inputs: OutputInputs.form(form)) {
                    try renderer.renderFormPage(form)
                })
        }
        for calendar in portal.calendars {
            outputs.append(
                .init(
                    path: Portal.calendarURL(id: calendar.id) + "index.html", inputs: OutputInputs.calendar(calendar)
                ) { try renderer.renderCalendarPage(calendar) })
        }
        for filter in catalogue.filters {
            outputs.append(
                .init(
                    path: filter.path + "index.html", inputs: OutputInputs.catalogueFilter,
                    utf8: { try renderer.renderCatalogueFilter(filter, in: catalogue) }))
        }
        for list in renderer.merchantLists {
            outputs.append(
                .init(path: list.path + "index.html", inputs: OutputInputs.merchants(template: "merchants")) {
                    try renderer.renderMerchantList(list)
                })
        }
        for merchant in portal.merchants {
            outputs.append(
                .init(path: merchant.url + "index.html", inputs: OutputInputs.merchants(template: "merchant")) {
                    try renderer.renderMerchant(merchant)
                })
        }
        if !portal.merchants.isEmpty {
            let inputs = OutputInputs.merchants(template: nil)
            outputs += [
                .init(path: PortalRenderer.merchantCSVPath, inputs: inputs) { Merchant.openDataCSV(portal.merchants) },
                .init(path: PortalRenderer.merchantJSONPath, inputs: inputs) { renderer.merchantJSON() },
                .init(path: PortalRenderer.merchantGeoJSONPath, inputs: inputs) { renderer.merchantGeoJSON() },
            ]
        }
        outputs += discoveryOutputs()
        // The Designers Italia model's first-level pages and the bookings page (PortalRenderer+Model).
        for page in renderer.modelPages {
            outputs.append(
                .init(path: page.path + "index.html", inputs: OutputInputs.modelPage) {
                    try renderer.renderModelPage(page)
                })
        }
        outputs += [
            .init(path: "404.html", inputs: OutputInputs.notFound) { try renderer.renderNotFound() },
            .init(path: "sitemap.xml", inputs: OutputInputs.sitemap) {
                Sitemap.render(
                    baseURL: portal.config.baseURL, paths: renderer.publishedPagePaths(catalogue),
                    lastModified: lastModified)
            },
            .init(path: "robots.txt", inputs: OutputInputs.robots) {
                "User-agent: *\nAllow: /\nSitemap: \(portal.config.baseURL)/sitemap.xml\n"
            },
            .init(path: "feed.xml", inputs: OutputInputs.feed) { AtomFeed.render(portal: portal) },
        ]
        return outputs
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

    /// Writes the output at `path` (relative to the portal folder) from `inputs`: rendered piece by piece
    /// (``AtomicOutput/write(to:pieces:)``), unless the incremental build's graph finds it unchanged since an
    /// earlier build.
    func produce(
        _ path: String, from inputs: [BuildInput], pieces render: (_ append: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
        if let graph, let output, graph.place(path, from: inputs, page: nil, in: output) != .render { return }
        if let output { try output.write(to: path, pieces: render) } else { try render { _ in } }
        if let graph {
            graph.rendered(path, from: inputs, links: [], page: nil)
            rendered.add(path)
        }
    }

    /// ``produce(_:from:_:)`` for a content page, whose `render` also gives the link destinations it
    /// resolved. The inputs are listed only for an incremental build's graph: a clean build made the list
    /// for every page and threw it away.
    func produce(
        _ path: String, from inputs: @autoclosure () -> [BuildInput], page pageID: String?,
        _ render: () throws -> (bytes: [UInt8], links: [String])
    ) throws {
        let inputs = graph == nil ? [] : inputs()
        if let graph, let output, graph.place(path, from: inputs, page: pageID, in: output) != .render { return }
        let result = try render()
        try output?.write(result.bytes, to: path)
        if let graph {
            graph.rendered(path, from: inputs, links: result.links, page: pageID)
            rendered.add(path)
        }
    }

    /// Names the page whose template failed.
    private static func locate(_ error: any Error, page: Page) -> any Error {
        guard let themeError = error as? ThemeError else { return error }
        return ThemeError(
            themeError.code, "while rendering \(page.source): \(themeError.message)", cause: themeError.cause)
    }
}
