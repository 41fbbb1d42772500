import Foundation
import PiazzaContent
import PiazzaRender

extension SiteBuilder {
    /// What ``rebuildPages(_:)`` rendered and swapped in.
    public struct PageEdit: Sendable {
        /// One report per portal whose pages were edited; ``PortalReport/rendered`` lists the pages.
        public var portals: [PortalReport]
        /// The warnings of the build the edited portals were last built by, which the edit leaves as they were.
        public var warnings: [Diagnostic]
    }

    /// Publishes an edit of pages' bodies alone (`piazza serve`'s most frequent change) without building the
    /// portal again: each page is rendered against the portal its live folder was built from
    /// (``RebuildMemory/Built``), written beside the live folder and renamed over its old file.
    ///
    /// That is the output a build would swap in, since only the page itself shows its body: lists, feeds,
    /// facets and breadcrumbs show the front matter (``BuildInput/header(_:)``), which must be byte for byte
    /// the one the live folder was built from. The live folder's record (``BuildRecord``) forgets the pages
    /// before they are replaced, so the next build renders them again and its output is a clean build's
    /// even if this process dies between the two steps.
    ///
    /// - Parameter changed: the changed files, absolute, as the watcher reports them.
    /// - Returns: `nil`, having written nothing, unless every changed file is a page of a portal built with
    ///   ``Options/memory``, published from that portal's own folder, still readable, loading without a
    ///   problem, with the same front matter, whose output does not change with the time of the build
    ///   (``BuildInput/windows``, ``BuildInput/slots``, ``BuildInput/openData``) and whose body renders without
    ///   an error: such a change needs the whole build, which reports what is wrong.
    /// - Throws: ``BuildError`` when the output cannot be written or another build holds it.
    public func rebuildPages(_ changed: Set<String>) async throws -> PageEdit? {
        try await Self.offPool { try renderPageEdits(changed) }
    }

    /// One page rendered for ``rebuildPages(_:)``.
    private struct EditedPage {
        var portal: String
        /// Relative to the portal folder (`guide/orari/index.html`).
        var path: String
        var html: String
        /// What the portal's live folder was built from.
        var built: RebuildMemory.Built
    }

    private func renderPageEdits(_ changed: Set<String>) throws -> PageEdit? {
        guard options.incremental, let memory = options.memory, !changed.isEmpty else { return nil }
        let start = Date()
        var edited: [EditedPage] = []
        var built: [String: RebuildMemory.Built] = [:]
        for path in changed.sorted() {
            guard let page = renderedEdit(of: path, memory: memory) else { return nil }
            edited.append(page)
            built[page.portal] = page.built
        }
        let cache = BuildCache(output: options.output, folder: options.cache)
        let lock = try cache.lock()
        defer { lock.release() }
        var reports: [PortalReport] = []
        for (portal, kept) in built.sorted(by: { $0.key < $1.key }) {
            let pages = edited.filter { $0.portal == portal }
            let live = cache.output.appendingPathComponent(portal)
            // The record first: a record that still named a replaced page would let a later build keep it.
            if case .found(var record) = BuildRecord.load(of: live, portal: portal, cache: cache, memory: memory),
                pages.contains(where: { record.outputs[$0.path] != nil })
            {
                for page in pages { record.outputs[page.path] = nil }
                try record.save(of: live, portal: portal, cache: cache, memory: memory)
            }
            for page in pages {
                try AtomicOutput.replace(
                    live.appendingPathComponent(page.path), with: page.html,
                    through: cache.folder.appendingPathComponent("\(portal)/page-\(UUID().uuidString).html"))
            }
            reports.append(
                PortalReport(
                    portal: portal, pages: kept.renderer.portal.pages.count, files: pages.count,
                    seconds: Date().timeIntervalSince(start), rendered: pages.map(\.path).sorted()))
            logger.info("rendered page edit", metadata: ["portal": "\(portal)", "pages": "\(pages.count)"])
        }
        return PageEdit(portals: reports, warnings: built.values.first?.warnings ?? [])
    }

    /// The page at `path` (absolute) rendered against the portal its live folder was built from, when the
    /// change is to its body alone (see ``rebuildPages(_:)``); else `nil`.
    private func renderedEdit(of path: String, memory: RebuildMemory) -> EditedPage? {
        let root = options.content.standardizedFileURL.path + "/"
        guard path.hasPrefix(root), path.hasSuffix(".md") else { return nil }
        let source = String(path.dropFirst(root.count))
        guard let slash = source.firstIndex(of: "/") else { return nil }
        let portalID = String(source[..<slash])
        let id = String(source[source.index(after: slash)...])
        guard options.portals.isEmpty || options.portals.contains(portalID), let built = memory.built(portalID),
            built.renderer.portal.page(id: id)?.source == source, let header = built.digests[source]?.header,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        let loaded = Page.reload(id: id, source: source, data: data, hash: BuildInputs.sha256)
        let portal = built.renderer.portal
        guard let page = loaded.page, loaded.diagnostics.items.isEmpty, loaded.digest.header == header,
            !OutputInputs.page(page, in: portal).contains(where: Self.changesWithTime)
        else { return nil }
        var diagnostics = DiagnosticList()
        let body = portal.renderBody(of: page, into: &diagnostics)
        guard diagnostics.items.isEmpty, let html = try? built.renderer.render(page, body: body) else { return nil }
        return EditedPage(
            portal: portalID, path: page.url + "index.html", html: String(decoding: html, as: UTF8.self), built: built)
    }

    /// Whether an output made from `input` may change between two builds of the same files: the renderer
    /// a page edit reuses was made for the moment of an earlier build.
    private static func changesWithTime(_ input: BuildInput) -> Bool {
        switch input {
        case .windows, .slots, .openData: true
        default: false
        }
    }
}
