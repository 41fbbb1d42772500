import Crypto
import Foundation
import PiazzaContent
import PiazzaRender
import Synchronization

/// What one output of a portal is made from: the nodes of the build's dependency graph.
///
/// Every rendered output names its inputs where ``PortalBuild`` writes it; its fingerprint is a hash
/// of those inputs' content hashes (``BuildInputs/fingerprint(_:links:from:)``), so an output is rendered again
/// exactly when something it is made from changed.
enum BuildInput: Hashable, Sendable {
    /// `portal.yaml` (and the intake address forms post to): the frame of every page.
    case config
    /// Which pages, forms, calendars and static files exist, and whether there are shops: what lists of
    /// every page (the sitemap) and the search page's counts show. Adding or removing a page changes it.
    case structure
    /// Whether the portal has booking calendars: the header of every page links the bookings page.
    case bookings
    /// A page's file, `_shared/` or the portal's own (`servizi/tutor.md`): what the page itself shows.
    case page(String)
    /// What other outputs show of a page (its title in a breadcrumb): its front matter, not its body.
    case header(String)
    /// Every page of a section as its list shows them: their front matter (`servizi`).
    case section(String)
    /// Every page of a type as the home page, facets, feeds and open data show them: their front matter.
    /// A page's body shows on its own page only.
    case pages(PageType)
    /// Every form file (their titles and bando windows show on measure pages and lists).
    case forms
    /// One form file (`forms/<id>.yaml`).
    case form(String)
    /// Every calendar file.
    case calendars
    /// `esercenti.csv`.
    case merchants
    /// Whether each bando is open now: pages showing a measure's state change when it opens or closes.
    case windows
    /// The slots the booking pages list at the moment of the build, and whether each is open for booking.
    case slots
    /// The build's day, when the open data's date falls back on it (``PortalRenderer/openDataBuildDay``):
    /// shown by the catalogue and the downloads page only. The dates the content writes are front matter
    /// and `portal.yaml`, inputs of their own.
    case openData
    /// A template with the partials and parent templates it uses, as the portal's theme has them.
    case template(String)
}

extension BuildInput: CustomStringConvertible {
    /// The input's name in a fingerprint (`page servizi/tutor.md`), without the reflection that printing
    /// an enum uses by default.
    var description: String {
        switch self {
        case .config: "config"
        case .structure: "structure"
        case .bookings: "bookings"
        case .page(let id): "page " + id
        case .header(let id): "header " + id
        case .section(let section): "section " + section
        case .pages(let type): "pages " + type.rawValue
        case .forms: "forms"
        case .form(let id): "form " + id
        case .calendars: "calendars"
        case .merchants: "merchants"
        case .windows: "windows"
        case .slots: "slots"
        case .openData: "open data"
        case .template(let name): "template " + name
        }
    }
}

/// The content hashes of one portal's inputs (SHA-256 of the files' bytes, as the load read them), once per
/// build.
struct BuildInputs: Sendable {
    private let config: Digest
    private let structure: Digest
    private let bookings: Digest
    private let portal: Portal
    private let pages: [String: Digest]
    private let headers: [String: Digest]
    private let sections: [String: Digest]
    private let types: [PageType: Digest]
    private let forms: [String: Digest]
    private let allForms: Digest
    private let calendars: Digest
    private let merchants: Digest
    private let windows: Digest
    private let slots: Digest
    private let openData: Digest
    private let templates: TemplateGraph
    private let destinations: LinkDestinations

    /// A SHA-256 digest's bytes.
    typealias Digest = Data

    /// The hashes of every input of `renderer`'s portal.
    ///
    /// - Parameters:
    ///   - digests: the content hashes of the files the portal was loaded from (``ContentTree/digests``),
    ///     taken from the bytes the load parsed: never read again here, so a file saved meanwhile cannot be
    ///     recorded with a hash of text the build did not use.
    ///   - memory: the template graphs and link destinations of earlier builds still valid (`piazza serve`);
    ///     `nil` reads the themes and resolves every link.
    init(renderer: PortalRenderer, digests: [String: SourceDigest], memory: RebuildMemory? = nil) {
        let fileDigest = { (source: String) in digests[source]?.file ?? Self.digest([]) }
        let now = renderer.now
        let portal = renderer.portal
        self.portal = portal
        bookings = Self.digest([portal.calendars.isEmpty.description])
        config = Self.digest([Self.hex(fileDigest(portal.id + "/portal.yaml")), portal.config.intakeURL])
        var pages: [String: Digest] = [:]
        var headers: [String: Digest] = [:]
        // What the lists of each section and type show, page after page in id order.
        var sections: [String: SHA256] = [:]
        var types: [PageType: SHA256] = [:]
        for index in portal.pages.indices {
            let id = portal.pages[index].id
            let digest = digests[portal.pages[index].source]
            let header = digest?.header ?? digest?.file ?? Self.digest([])
            pages[id] = digest?.file ?? Self.digest([])
            headers[id] = header
            let shown = Data((id + "\n" + portal.pages[index].weight.description + "\n" + Self.hex(header) + "\n").utf8)
            sections[portal.pages[index].section, default: SHA256()].update(data: shown)
            types[portal.pages[index].type, default: SHA256()].update(data: shown)
        }
        self.pages = pages
        self.headers = headers
        self.sections = sections.mapValues { Data($0.finalize()) }
        self.types = types.mapValues { Data($0.finalize()) }
        let forms = Dictionary(uniqueKeysWithValues: portal.forms.map { ($0.id, fileDigest($0.source)) })
        self.forms = forms
        allForms = Self.digest(portal.forms.flatMap { [$0.id, Self.hex(forms[$0.id]!)] })
        calendars = Self.digest(portal.calendars.flatMap { [$0.id, Self.hex(fileDigest($0.source))] })
        // The portal's own esercenti.csv, else the one of _shared/: the load reads one of them.
        merchants = Self.digest(
            [portal.id, ContentTree.sharedFolder].map { Self.hex(fileDigest($0 + "/" + Merchant.fileName)) })
        structure = Self.digest(
            portal.pages.map(\.id) + ["forms"] + portal.forms.map(\.id) + ["calendars"] + portal.calendars.map(\.id)
                + ["static"] + portal.staticFiles.map(\.path) + ["merchants", portal.merchants.isEmpty.description])
        windows = Self.digest(
            portal.pages(ofType: .measure).map { "\($0.id) \($0.measure!.windowState(in: portal, at: now))" }
                + portal.forms.map { "\($0.id) \($0.windowState(at: now))" })
        slots = Self.digest(
            portal.calendars.flatMap { calendar in
                renderer.listedSlots(of: calendar).map {
                    "\(calendar.id) \($0.id) \(calendar.bookingState(of: $0, at: now))"
                }
            })
        openData = Self.digest([renderer.openDataBuildDay?.iso ?? "dates from the content"])
        templates =
            memory?.templateGraph(of: renderer.theme) ?? TemplateGraph(theme: renderer.theme)
        // Where a link leads depends on which pages, forms, calendars and static files exist, and on which
        // pages failed to load (they exist for links): among the page files read and not published.
        let published = Set(portal.pages.map(\.source))
        let targets = Self.digest(
            [Self.hex(structure)] + digests.keys.filter { $0.hasSuffix(".md") && !published.contains($0) }.sorted())
        destinations = memory?.destinations(of: portal.id, targets: targets) ?? LinkDestinations()
    }

    /// The hash of `inputs` and of where `links`, written in page `pageID`, lead now: equal for two builds
    /// exactly when every input is and every link resolves the same way (to the same page or file, or
    /// to nothing).
    func fingerprint(_ inputs: [BuildInput], links: [String] = [], from pageID: String? = nil) -> String {
        var hasher = SHA256()
        for input in inputs {
            hasher.update(data: Data("\(input)".utf8))
            hasher.update(data: digest(of: input))
        }
        if let pageID {
            // Links resolve from the page's folder.
            let folder = pageID.lastIndex(of: "/").map { pageID[..<$0] } ?? ""
            for link in links {
                let target = destinations.target(of: link, from: folder) {
                    Self.text(of: portal.resolve(link, from: pageID))
                }
                hasher.update(data: Data("\(link) \(target)\n".utf8))
            }
        }
        return Self.hex(Data(hasher.finalize()))
    }

    /// Where a link leads, as text: written out here, since printing an enum through reflection cost
    /// more than the rest of a page's fingerprint.
    private static func text(of target: Portal.LinkTarget) -> String {
        switch target {
        case .external: "external"
        case .internalPath(let path): "internal " + path
        case .missing(let path): "missing " + path
        case .malformed(let problem): "malformed " + problem
        }
    }

    /// Lower-case hexadecimal.
    static func hex(_ digest: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of one input.
    func digest(of input: BuildInput) -> Digest {
        switch input {
        case .config: return config
        case .structure: return structure
        case .bookings: return bookings
        case .page(let id): return pages[id] ?? Self.digest([])
        case .header(let id): return headers[id] ?? Self.digest([])
        case .section(let section): return sections[section] ?? Self.digest([])
        case .pages(let type): return types[type] ?? Self.digest([])
        case .forms: return allForms
        case .form(let id): return forms[id] ?? Self.digest([])
        case .calendars: return calendars
        case .merchants: return merchants
        case .windows: return windows
        case .slots: return slots
        case .openData: return openData
        case .template(let name): return templates.digest(of: name)
        }
    }

    /// SHA-256 of texts, each followed by a line feed.
    static func digest(_ texts: [String]) -> Digest {
        var hasher = SHA256()
        for text in texts { hasher.update(data: Data((text + "\n").utf8)) }
        return Data(hasher.finalize())
    }

    /// SHA-256 of bytes: what a load hashes the files it reads with (``ContentTree/digests``).
    static let sha256: SourceDigest.Hasher = { Data(SHA256.hash(data: $0)) }
}

/// Where each link leads from each folder of a portal, resolved once: resolving the links of every page
/// was most of the fingerprints of an unchanged portal. Valid as long as the same pages, forms, calendars
/// and static files exist (``RebuildMemory/destinations(of:targets:)`` keeps it while they do).
final class LinkDestinations: Sendable {
    private let targets = Mutex<[String: String]>([:])

    /// The text of where `link` leads from `folder`, `resolve`d the first time.
    func target(of link: String, from folder: Substring, resolve: () -> String) -> String {
        let key = folder + "\u{0}" + link
        if let target = targets.withLock({ $0[key] }) { return target }
        let target = resolve()
        targets.withLock { $0[key] = target }
        return target
    }
}

/// Which templates each template uses (`{{> partial}}`, `{{< parent}}`), as the theme's parser read them
/// (``Theme/partials(of:)``, so a name with `.` or `?`, or one written under other delimiters, counts):
/// a template's digest covers itself and every template it reaches, so editing a partial changes the
/// fingerprint of exactly the outputs rendered with a template that uses it.
struct TemplateGraph: Sendable {
    private let digests: [String: Data]

    /// - Parameter theme: the portal's theme; a template it does not have is its fallback's (the default
    ///   theme's), whose text it holds, so each text is the one the pages were rendered with.
    init(theme: Theme) {
        var texts: [String: String] = [:]
        var uses: [String: Set<String>] = [:]
        for name in theme.templateNames {
            texts[name] = theme.templateText(of: name)
            uses[name] = theme.partials(of: name)
        }
        var digests: [String: Data] = [:]
        for name in texts.keys {
            var reached: Set<String> = [name]
            var pending = [name]
            while let next = pending.popLast() {
                for used in uses[next] ?? [] where reached.insert(used).inserted { pending.append(used) }
            }
            digests[name] = BuildInputs.digest(reached.sorted().flatMap { [$0, texts[$0] ?? ""] })
        }
        self.digests = digests
    }

    /// The digest of a template and everything it uses; of nothing for an unknown name.
    func digest(of name: String) -> Data { digests[name] ?? BuildInputs.digest([]) }
}
