import Foundation
import Synchronization

/// Loads one portal from its merged file list and checks references between its files.
struct PortalLoader {
    let id: String
    let root: URL
    let files: [SourceFile]
    /// The `_shared/` files a file of the portal with the same path replaces: a `_shared/` page is published
    /// in place of the portal's page that overrides it when that page is a draft.
    var replacedShared: [SourceFile] = []
    let sharedCache: SharedParseCache
    /// Files parsed by an earlier load, reused when their text has not changed.
    var parseCache: ParseCache? = nil
    /// Hashes the bytes of every file read, for ``Result/digests``; `nil` hashes nothing.
    var hash: SourceDigest.Hasher? = nil

    struct Result {
        var portal: Portal?
        var diagnostics: DiagnosticList
        /// The content hashes of the files read (with ``PortalLoader/hash``), by path relative to the
        /// content root (``SourceFile/source``).
        var digests: [String: SourceDigest] = [:]
    }

    /// What loading one file gave, as ``ParseCache`` keeps it.
    struct LoadedFile<T: Sendable>: Sendable {
        var value: T?
        var diagnostics: DiagnosticList
        var digest: SourceDigest?
    }

    func load() -> Result {
        var diagnostics = DiagnosticList()
        guard let configFile = files.first(where: { $0.path == "portal.yaml" }), configFile.source.hasPrefix(id + "/")
        else {
            diagnostics.error(
                id + "/portal.yaml", 0, 0,
                "portal '\(id)' has no portal.yaml; create it to make '\(id)' a portal (see docs/CONTENT.md), or move its files: images and documents to _shared/static/ (every portal's) or a portal's static/, pages to a portal's folder"
            )
            return Result(portal: nil, diagnostics: diagnostics)
        }
        let sink = DiagnosticSink()
        let digests = Mutex<[String: SourceDigest]>([:])
        let config = read(configFile, sink: sink).flatMap { text, data in
            if let hash { digests.withLock { $0[configFile.source] = SourceDigest(file: hash(data)) } }
            return PortalConfig.load(source: configFile.source, text: text, sink: sink)
        }
        diagnostics.append(contentsOf: sink.list)

        var pageFiles: [SourceFile] = []
        var formFiles: [SourceFile] = []
        var calendarFiles: [SourceFile] = []
        var staticFiles: [Portal.StaticFile] = []
        var merchantFile: SourceFile?
        for file in files where file.path != "portal.yaml" {
            if file.path == Merchant.fileName {
                merchantFile = file
            } else if file.path.hasPrefix("static/") {
                staticFiles.append(Portal.StaticFile(path: file.path, source: URL(fileURLWithPath: file.absolutePath)))
            } else if file.path.hasPrefix("forms/") && file.path.hasSuffix(".yaml")
                && !file.path.dropFirst(6).contains("/")
            {
                formFiles.append(file)
            } else if file.path.hasPrefix("calendars/") && file.path.hasSuffix(".yaml")
                && !file.path.dropFirst(10).contains("/")
            {
                calendarFiles.append(file)
            } else if file.path.hasSuffix(".md") {
                pageFiles.append(file)
            } else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file.source, line: 0, column: 0,
                        message:
                            "file is not used by this version of piazza (pages are .md, forms are forms/<id>.yaml, calendars are calendars/<id>.yaml); it is ignored"
                    ))
            }
        }

        let shared = SharedValues()
        func loadPages(_ files: [SourceFile], _ digests: borrowing Mutex<[String: SourceDigest]>) -> [Page] {
            parallelLoad(files, &diagnostics, into: digests, bodyLine: { $0.bodyLine }) { file, text, sink in
                Page.load(id: file.path, source: file.source, text: text, sink: sink, shared: shared)
            }
        }
        var pages = loadPages(pageFiles, digests)
        let loadedIDs = Set(pages.map(\.id))
        // A draft is not published, so it hides nothing: the `_shared/` page it overrides is published instead
        // (a draft privacy.md in a portal would otherwise leave every footer without its privacy page).
        let drafts = Set(pages.filter(\.draft).map(\.id))
        pages += loadPages(replacedShared.filter { drafts.contains($0.path) }, digests)
        let published = pages.filter { !$0.draft }
        let publishedIDs = Set(published.map(\.id))
        let unloadable = Dictionary(
            pageFiles.filter { !loadedIDs.contains($0.path) }.map { ($0.path, $0.source) }, uniquingKeysWith: { $1 })
        let forms = parallelLoad(formFiles, &diagnostics, into: digests) { file, text, sink in
            let formID = String(file.path.dropFirst("forms/".count).dropLast(".yaml".count))
            return FormDefinition.load(id: formID, source: file.source, text: text, sink: sink)
        }
        let calendars = parallelLoad(calendarFiles, &diagnostics, into: digests) { file, text, sink in
            let calendarID = String(file.path.dropFirst("calendars/".count).dropLast(".yaml".count))
            return CalendarDefinition.load(id: calendarID, source: file.source, text: text, sink: sink)
        }
        guard let config else { return Result(portal: nil, diagnostics: diagnostics) }
        let merchants =
            merchantFile.map {
                loadMerchants($0, pages: pages, area: config.area, into: &diagnostics, digests: digests)
            } ?? []
        let portal = Portal(
            id: id, config: config, pages: published,
            forms: forms.map { $0.withComuniOptions(config.comuni) }, staticFiles: staticFiles,
            contentRoot: root, unloadablePages: unloadable,
            draftPages: Dictionary(
                pages.filter { $0.draft && !publishedIDs.contains($0.id) }.map { ($0.id, $0.source) },
                uniquingKeysWith: { own, _ in own }),
            calendars: calendars, merchants: merchants)
        checkReferences(portal, into: &diagnostics)
        portal.checkUnloadedBodies(into: &diagnostics)
        diagnostics.append(contentsOf: portal.modelWarnings)
        checkPublishedPaths(portal, into: &diagnostics)
        return Result(portal: portal, diagnostics: diagnostics, digests: digests.withLock { $0 })
    }

    /// Every page, form page and generated section list is published at its own path: two sources
    /// with one path (`servizi/tutor.md` and `servizi/tutor/_index.md`, `moduli/x.md` and form `x`,
    /// `servizi.md` and the generated services list) would overwrite each other. The page (or, for
    /// two pages, the second in path order) is an error naming the other.
    private func checkPublishedPaths(_ portal: Portal, into diagnostics: inout DiagnosticList) {
        var owners: [String: String] = [:]
        for section in Portal.standardSections where !portal.hasPage(id: section + "/_index.md") {
            owners[section + "/"] = "the list of \(section) piazza generates (add \(section)/_index.md to write it)"
        }
        // Forms before pages: a form's page path is fixed by its id, a page can move.
        let sources =
            portal.forms.map { (Portal.formURL(id: $0.id), $0.source) }
            + portal.calendars.map { (Portal.calendarURL(id: $0.id), $0.source) }
            + portal.pages.map { ($0.url, $0.source) }
        for (path, source) in sources {
            // With esercenti.csv the whole esercenti/ folder is generated (lists, filters, map, one page a shop).
            if !portal.merchants.isEmpty && path.hasPrefix(Merchant.section + "/") {
                diagnostics.error(
                    source, 1, 1,
                    "this page is published at '\(path)', inside \(Merchant.section)/, which piazza generates from \(Merchant.fileName); move it to another folder"
                )
            } else if let owner = owners[path] {
                diagnostics.error(
                    source, 1, 1, "this page is published at '\(path)', like \(owner); rename or move one of them")
            } else {
                owners[path] = source
            }
        }
    }

    /// `esercenti.csv`, checked against the portal's published measures and its area.
    private func loadMerchants(
        _ file: SourceFile, pages: [Page], area: PortalConfig.Area?, into diagnostics: inout DiagnosticList,
        digests: borrowing Mutex<[String: SourceDigest]>
    ) -> [Merchant] {
        // The slugs `featured_measures` names too: `misure/<slug>.md` pages of type measure.
        let measures = Set(
            pages.filter { $0.measure != nil && !$0.draft && $0.id.hasPrefix("misure/") }
                .map { String($0.id.dropFirst("misure/".count).dropLast(".md".count)) }
                .filter { !$0.contains("/") })
        // What the checks read beside the text: a kept load is the one of the same text with the same.
        let context = measures.sorted().joined(separator: " ") + "\n" + (area?.description ?? "")
        let (loaded, problems) = load(file, context: context) { file, text, sink in
            Merchant.load(source: file.source, text: text, measures: measures, area: area, sink: sink)
        }
        diagnostics.append(contentsOf: problems)
        if let digest = loaded?.digest { digests.withLock { $0[file.source] = digest } }
        return loaded?.value ?? []
    }

    /// Reads and parses one file, or takes what ``parseCache`` kept of it.
    ///
    /// - Parameters:
    ///   - context: what the parse reads beside the file (other files' values), as text.
    ///   - bodyLine: for pages, the line their body starts on: their ``SourceDigest/header`` ends there.
    private func load<T: Sendable>(
        _ file: SourceFile, context: String = "", bodyLine: (@Sendable (T) -> Int)? = nil,
        parse: (SourceFile, String, DiagnosticSink) -> T?
    ) -> (LoadedFile<T>?, DiagnosticList) {
        func usable(_ kept: LoadedFile<T>?) -> LoadedFile<T>? {
            kept.flatMap { hash == nil || $0.digest != nil ? $0 : nil }
        }
        if let kept = usable(parseCache?.kept(file, context: context)) { return (kept, kept.diagnostics) }
        let sink = DiagnosticSink()
        guard let (text, data) = read(file, sink: sink) else { return (nil, sink.list) }
        if let kept = usable(parseCache?.kept(file, text: text, context: context)) { return (kept, kept.diagnostics) }
        let value = parse(file, text, sink)
        let digest = hash.map { hash in
            if let bodyLine, let value {
                return SourceDigest.page(data, text: text, bodyLine: bodyLine(value), hash: hash)
            }
            return SourceDigest(file: hash(data))
        }
        let loaded = LoadedFile(value: value, diagnostics: sink.list, digest: digest)
        parseCache?.keep(loaded, of: file, text: text, context: context)
        return (loaded, loaded.diagnostics)
    }

    /// The text of `file` and the bytes it was decoded from, read once.
    private func read(_ file: SourceFile, sink: DiagnosticSink) -> (text: String, data: Data)? {
        guard let data = SourceText.contents(atPath: file.absolutePath) else {
            sink.error(file.source, 0, 0, "cannot read the file; check its permissions")
            return nil
        }
        do {
            return (try SourceText.decode(data, file: file.source), data)
        } catch {
            sink.append(error)
            return nil
        }
    }

    /// Parses files on every core; results come back in input order, and their content hashes (with
    /// ``hash``) go to `digests`.
    ///
    /// - Parameter bodyLine: for pages, the line their body starts on: their ``SourceDigest/header`` ends there.
    private func parallelLoad<T: Sendable>(
        _ files: [SourceFile], _ diagnostics: inout DiagnosticList,
        into digests: borrowing Mutex<[String: SourceDigest]>,
        bodyLine: (@Sendable (T) -> Int)? = nil, _ parse: @Sendable (SourceFile, String, DiagnosticSink) -> T?
    ) -> [T] {
        let results = Mutex<[Int: LoadedFile<T>]>([:])
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            func load() -> (LoadedFile<T>?, DiagnosticList) { self.load(file, bodyLine: bodyLine, parse: parse) }
            // A `_shared/` file loads once for every portal, and tells its problems once.
            let (loaded, problems) =
                file.source.hasPrefix(ContentTree.sharedFolder + "/")
                ? sharedCache.value(for: file.source, parse: load) : load()
            let result = LoadedFile(value: loaded?.value, diagnostics: problems, digest: loaded?.digest)
            results.withLock { $0[index] = result }
        }
        let collected = results.withLock { $0 }
        var values: [T] = []
        for index in files.indices {
            guard let loaded = collected[index] else { continue }
            diagnostics.append(contentsOf: loaded.diagnostics)
            if let digest = loaded.digest { digests.withLock { $0[files[index].source] = digest } }
            if let value = loaded.value { values.append(value) }
        }
        return values
    }

    /// References from one file to another: forms, measures, footer pages, logo, conditions files. Each error
    /// points at the key the loader kept the place of (`form:` of a measure, `privacy:` of a form).
    private func checkReferences(_ portal: Portal, into diagnostics: inout DiagnosticList) {
        let config = portal.config
        for footer in Portal.footerPages where !portal.hasPage(id: footer) {
            diagnostics.error(
                at: config.nameLocation,
                portal.draftNote(footer).map { "portal '\(id)': the footer page \($0), but every footer links it" }
                    ?? "portal '\(id)' has no page '\(footer)' (linked from every footer); add it to \(id)/ or \(ContentTree.sharedFolder)/"
            )
        }
        if !portal.hasPage(id: "_index.md") {
            diagnostics.error(
                at: config.nameLocation,
                portal.draftNote("_index.md").map { "portal '\(id)': the home page \($0)" }
                    ?? "portal '\(id)' has no home page; add \(id)/_index.md")
        }
        if let logo = config.logo, let place = config.logoLocation, !portal.hasStaticFile(logo) {
            diagnostics.error(
                at: place,
                "portal '\(id)': logo '\(logo)' not found in \(id)/static/ or \(ContentTree.sharedFolder)/static/; put the file under \(id)/static/ and write `logo: static/NAME`"
            )
        }
        if let place = config.featuredMeasuresLocation {
            for slug in config.featuredMeasures where portal.page(id: "misure/\(slug).md")?.measure == nil {
                diagnostics.error(
                    at: place,
                    portal.draftNote("misure/\(slug).md").map { "featured measure '\(slug)': \($0)" }
                        ?? "featured measure '\(slug)' is not a page in misure/; use the file name without .md")
            }
        }
        let formIDs = portal.forms.map(\.id).joined(separator: ", ")
        for page in portal.pages {
            if let measure = page.measure, portal.form(id: measure.form) == nil {
                diagnostics.error(
                    at: measure.formLocation, "form '\(measure.form)' not found in forms/; forms are: \(formIDs)")
            }
            if let access = page.service?.access {
                if let form = access.form, let place = access.formLocation, portal.form(id: form) == nil {
                    diagnostics.error(at: place, "access form '\(form)' not found in forms/; forms are: \(formIDs)")
                }
                if let booking = access.booking, let place = access.bookingLocation {
                    switch portal.resolve(booking, from: page.id) {
                    case .missing(let path):
                        diagnostics.error(
                            at: place,
                            portal.draftNote(path).map { "booking page '\(booking)': \($0)" }
                                ?? "booking page '\(booking)' resolves to '\(path)', which does not exist")
                    case .malformed(let reason):
                        diagnostics.error(at: place, "booking page '\(booking)' \(reason)")
                    case .external:
                        diagnostics.error(
                            at: place,
                            "booking page '\(booking)' is not a page of the portal; write its .md path, or put a web address in `online:`"
                        )
                    case .internalPath:
                        break
                    }
                }
            }
            if let service = page.service, let file = service.conditionsFile, let place = service.conditionsLocation,
                !portal.hasStaticFile(file)
            {
                diagnostics.error(
                    at: place,
                    "portal '\(id)': conditions file '\(file)' not found in \(id)/static/ or \(ContentTree.sharedFolder)/static/; put it in \(id)/static/ (this portal) or \(ContentTree.sharedFolder)/static/ (every portal) and write `conditions: static/NAME.pdf`"
                )
            }
        }
        for calendar in portal.calendars {
            if case .acceptedApplication(let form, let place) = calendar.eligibility, portal.form(id: form) == nil {
                diagnostics.error(at: place, "requires_form '\(form)' not found in forms/; forms are: \(formIDs)")
            }
        }
        for form in portal.forms {
            if !portal.hasPage(id: form.privacy) {
                diagnostics.error(
                    at: form.privacyLocation,
                    "privacy page '\(form.privacy)' not found; write its path from the portal root, e.g. privacy.md")
            }
            if let measure = form.measure, let place = form.measureLocation,
                !portal.hasPage(id: "misure/\(measure).md")
            {
                diagnostics.error(
                    at: place, "measure '\(measure)' is not a page in misure/; use the file name without .md")
            }
            if let enrolment = form.merchantEnrolment {
                for measure in enrolment.measures where !portal.hasPage(id: "misure/\(measure).md") {
                    diagnostics.error(
                        at: enrolment.measuresLocation,
                        "measure '\(measure)' in `merchant_enrolment` is not a page in misure/; use the file name "
                            + "without .md")
                }
            }
            if let field = form.checks.residenceField, let place = form.checks.residenceLocation,
                !config.comuni.isEmpty, let options = form.field(named: field)?.options, !options.isEmpty,
                !options.contains(where: { option in config.comuni.contains { $0.istat == option.value } })
            {
                diagnostics.error(
                    at: place,
                    "no option of `\(field)` is an ISTAT code of this portal's comuni (\(config.comuni.map(\.istat).joined(separator: ", "))); write `options: comuni` to offer the portal's comuni, or override the form in \(id)/forms/"
                )
            }
        }
    }
}
