import PiazzaContent
import PiazzaRender

/// The pages and files that help people and machines find what a portal offers: the search page, the
/// open-data downloads page and files, and the check that no content page takes a generated page's path.
extension PortalBuild {
    /// Writes `cerca/`, `open-data/` with the services' CSV and JSON-LD (when there are services) and the
    /// DCAT-AP_IT catalogue; returns the number of files written.
    func writeDiscoveryPages() throws -> Int {
        try produce(PortalRenderer.searchPath + "index.html", from: OutputInputs.search) {
            try renderer.renderSearch()
        }
        try produce(PortalRenderer.openDataPath + "index.html", from: OutputInputs.openData(template: "opendata")) {
            try renderer.renderOpenData()
        }
        let data = OutputInputs.openData(template: nil)
        try produce(PortalRenderer.catalogPath, from: data) { renderer.dcatCatalog() }
        var files = 3
        if !renderer.portal.pages(ofType: .service).isEmpty {
            try produce(PortalRenderer.servicesCSVPath, from: data) { renderer.servicesCSV() }
            try produce(PortalRenderer.servicesJSONLDPath, from: data) { renderer.servicesJSONLD() }
            files += 2
        }
        return files
    }

    /// A content page published where piazza generates a page (a facet page, `cerca/`, `open-data/`) would
    /// be overwritten without a word: each is an error at the page's first line naming the generated page
    /// and the file it comes from.
    func generatedPathClashes(_ catalogue: PortalRenderer.ServiceCatalogue) -> DiagnosticList {
        let generated = Dictionary(
            renderer.generatedPages(catalogue).map { ($0.path, $0.origin) }, uniquingKeysWith: { first, _ in first })
        var diagnostics = DiagnosticList()
        for page in renderer.portal.pages {
            guard let origin = generated[page.url] else { continue }
            diagnostics.error(
                page.source, 1, 1,
                "this page is published at '\(page.url)', where piazza generates \(origin); rename or move the page")
        }
        return diagnostics
    }
}
