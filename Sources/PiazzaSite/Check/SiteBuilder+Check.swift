import Foundation
import PiazzaContent
import PiazzaRender

extension SiteBuilder {
    /// What `piazza check` found.
    public struct Check: Sendable {
        /// Pages rendered per portal (no files written).
        public var portals: [PortalReport]
        /// Every problem, errors and warnings, sorted by file and position.
        public var diagnostics: [Diagnostic]
        /// The web addresses the content links to, for ``ExternalLinks/check(_:options:)``.
        public var externalLinks: [ExternalLinks.Link]

        /// Whether any problem stops a build.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Validates without writing: everything a build checks (loads the tree, renders every page,
    /// form and list), then what ``ContentAudit`` and ``PlaceholderAudit`` look for. Content problems are returned, not thrown.
    ///
    /// - Throws: only what stops before content is read: a broken theme (``ThemeError``).
    public func audit() throws -> Check { try audited().check }

    /// ``audit()`` for callers that only need to know the content builds.
    ///
    /// - Throws: ``ContentError`` with every diagnostic when any is an error; ``ThemeError``.
    /// - Returns: the pages per portal and the warnings.
    public func check() throws -> Report {
        let (check, list, report) = try audited()
        if check.hasErrors { throw ContentError(list) }
        return report
    }

    private func audited() throws -> (check: Check, list: DiagnosticList, report: Report) {
        let (tree, themes, loadSeconds, loaded) = try load()
        var diagnostics = loaded
        for warning in tree.warnings { diagnostics.append(warning) }
        var reports: [PortalReport] = []
        var external: [ExternalLinks.Link] = []
        var placeholders = PlaceholderAudit(root: tree.root)
        for portal in tree.portals {
            let start = Date()
            let renderer = PortalRenderer(portal: portal, theme: themes.theme(for: portal), now: options.now)
            let result = try PortalBuild(renderer: renderer, output: nil).run()
            diagnostics.append(contentsOf: result.diagnostics)
            let audit = ContentAudit(renderer: renderer).run()
            diagnostics.append(contentsOf: audit.diagnostics)
            external += audit.external
            for problem in placeholders.run(portal) { diagnostics.append(problem) }
            reports.append(
                PortalReport(portal: portal.id, pages: result.pages, files: 0, seconds: Date().timeIntervalSince(start))
            )
        }
        let sorted = diagnostics.sorted
        let check = Check(portals: reports, diagnostics: sorted, externalLinks: external)
        let report = Report(
            portals: reports, warnings: sorted.filter { $0.severity == .warning }, loadSeconds: loadSeconds,
            content: tree, theme: themes.base)
        return (check, diagnostics, report)
    }
}
