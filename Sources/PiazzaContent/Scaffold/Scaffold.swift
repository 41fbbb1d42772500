import Foundation

/// Starting files for a new portal or page. Their placeholder texts (``Placeholder``) are errors for `piazza check`
/// wherever they are published: a new page is a draft until the editor removes `draft: true`; a new `portal.yaml`
/// holds the DPO, the phone and the accessibility statement to fill in before the first check passes.
public enum Scaffold {
    /// Why a scaffold could not be written.
    public struct Failure: PiazzaError, Sendable {
        public enum Code: String, Sendable { case badName, exists, write }
        public var code: Code
        public var message: String

        /// A bad name or an existing file is the caller's to change; a failed write is the machine's. Exit 1.
        public var kind: ErrorKind { code == .write ? .environment : .usage }
    }

    /// Creates `content/<id>/` with `portal.yaml` and a home page; returns the files written.
    ///
    /// `portal.yaml` says the content was brought up to date `today` (`updated:`, the open data's date, see
    /// ``Portal/openDataDate(of:)``): without it, the catalogue would give each build's day.
    /// - Throws: ``Failure`` `.badName`, `.exists`, `.write`.
    public static func newPortal(
        id: String, comune: String, istat: String, province: String, in content: URL, today: ContentDate
    ) throws(Failure) -> [String] {
        guard id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw Failure(code: .badName, message: "portal name '\(id)' must use only a-z, 0-9 and -, e.g. vigonza")
        }
        guard istat.range(of: "^[0-9]{6}$", options: .regularExpression) != nil,
            province.range(of: "^[A-Z]{2}$", options: .regularExpression) != nil
        else {
            throw Failure(
                code: .badName, message: "--istat must be 6 digits (e.g. 028100) and --province two capitals (e.g. PD)")
        }
        let host = id.replacingOccurrences(of: "-", with: "")
        let portalYAML = """
            # Settings of the portal; every key is described in docs/CONTENT.md.
            name: \(comune) Welfare
            description: I servizi di welfare del Comune di \(comune) in un unico posto.
            comuni:
              - { name: "\(comune)", istat: "\(istat)", province: \(province) }
            base_url: https://welfare.comune.\(host).example.it
            intake_url: https://servizi.comune.\(host).example.it
            language: it
            colors: { primary: "#0b5f8a", primary_dark: "#073f5c" }
            contacts:
              email: welfare@comune.\(host).example.it
              phone: "\(Placeholder.phone.text)"
              # The office's address, once known, as `street, CAP locality (PR)` (the services' JSON-LD needs
              # the parts, AgID R.SI.1.1); without the CAP it would be a warning at every check:
              # address: Piazza del Municipio 1, CAP \(comune) (\(province))
            dpo: { name: Responsabile protezione dati \(Placeholder.toComplete.text), email: dpo@comune.\(host).example.it }
            accessibility_statement: https://form.agid.gov.it/\(Placeholder.statementToComplete.text)
            # The open data's date: the day this content was last brought up to date; move it when it changes.
            updated: \(today.iso)

            """
        let home = """
            ---
            title: \(comune) Welfare
            description: Servizi, sostegni e notizie per chi vive a \(comune).
            ---

            Benvenuti nel portale del welfare di \(comune). Qui trovi i servizi per le famiglie,
            le misure di sostegno aperte e le notizie del territorio.

            """
        let folder = content.appendingPathComponent(id)
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw Failure(code: .exists, message: "\(folder.path) already exists; choose another name")
        }
        try write(portalYAML, to: folder.appendingPathComponent("portal.yaml"))
        try write(home, to: folder.appendingPathComponent("_index.md"))
        return [id + "/portal.yaml", id + "/_index.md"]
    }

    /// Creates a page at `path` (`vigonza/servizi/nuovo.md`, or `_shared/…` for every portal) with the front
    /// matter and sections of its type, as a draft (``draftLine``): its placeholder texts (``Placeholder``) are
    /// not published until the editor removes the line, and `piazza check` refuses them after that.
    ///
    /// A portal's page at the path of a `_shared/` page replaces that page for the portal (the privacy notice every
    /// form links to, `_shared/privacy.md`): it is written only when `overridingShared` says the editor means it.
    /// - Throws: ``Failure`` `.badName` when the path is malformed or its first folder is neither `_shared` nor a
    ///   portal (a folder with `portal.yaml`: any other folder would become a portal without one), `.exists` (also
    ///   for a shared page's path without `overridingShared`), `.write`.
    public static func newPage(
        path: String, in content: URL, today: ContentDate, overridingShared: Bool = false
    ) throws(Failure) -> String {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, path.hasSuffix(".md"),
            parts.enumerated().allSatisfy({ index, part in
                (index == 0 && part == ContentTree.sharedFolder)
                    || part.range(of: "^(_index|[a-z0-9][a-z0-9-]*)(\\.md)?$", options: .regularExpression) != nil
            })
        else {
            throw Failure(
                code: .badName, message: "page path '\(path)' must look like PORTAL/SECTION/NAME.md with a-z, 0-9 and -"
            )
        }
        let portals = ContentTree.portalIDs(in: content).filter {
            FileManager.default.fileExists(atPath: content.appendingPathComponent("\($0)/portal.yaml").path)
        }
        guard parts[0] == ContentTree.sharedFolder || portals.contains(parts[0]) else {
            throw Failure(
                code: .badName,
                message:
                    "'\(parts[0])' in '\(path)' is not a portal of \(content.path) (no \(parts[0])/portal.yaml); start the path with one of: \((portals + [ContentTree.sharedFolder]).joined(separator: ", ")), or create the portal with `piazza new portal`"
            )
        }
        let section = parts.count >= 3 ? parts[1] : ""
        let text: String
        // A section's index (`servizi/_index.md`) is a plain page whatever its section: the front matter of the
        // section's pages (a service's, a news item's) would be unknown keys there.
        switch parts.last == "_index.md" ? .page : PageType.implied(bySection: section) {
        case .service:
            let sections = ServiceSection.Kind.allCases.filter(\.isMandatory).map {
                "## \($0.title)\n\n\(Placeholder.toWrite.text)\n"
            }
            text = """
                ---
                \(draftLine)
                title: \(Placeholder.serviceTitle.text)
                description: \(Placeholder.serviceDescription.text)
                category: Salute, benessere e assistenza
                topics: [Assistenza sociale]
                status: attivo
                price: gratuito
                audience: [cittadini]
                welfare: pubblico
                provider: comune
                max_response_days: 30
                access:
                  place: \(Placeholder.servicePlace.text)
                # The conditions document linked from "Condizioni di servizio" (AgID C.SI.1.3): for now the comune's
                # generic one (\(conditionsFile), in _shared/static/ or the portal's static/); put this
                # service's own PDF under static/ and write its name here.
                conditions: \(conditionsFile)
                ---

                \(sections.joined(separator: "\n"))
                """
        case .news:
            text =
                "---\n\(draftLine)\ntitle: \(Placeholder.newsTitle.text)\ndate: \(today.iso)\n"
                + "description: \(Placeholder.newsDescription.text)\n---\n\n\(Placeholder.newsText.text)\n"
        case .measure:
            throw Failure(
                code: .badName,
                message: "a measure needs a form: copy one of content/_shared/misure/ and its form in forms/")
        case .page where parts.last == "_index.md" && !section.isEmpty:
            let title = section.prefix(1).uppercased() + section.dropFirst().replacingOccurrences(of: "-", with: " ")
            text =
                "---\n\(draftLine)\ntitle: \(title)\ndescription: \(Placeholder.sectionDescription.text)\n---\n\n"
                + "\(Placeholder.sectionText.text)\n"
        case .page:
            text = "---\n\(draftLine)\ntitle: \(Placeholder.pageTitle.text)\n---\n\n\(Placeholder.pageText.text)\n"
        }
        let url = content.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Failure(code: .exists, message: "\(url.path) already exists")
        }
        if let shared = sharedPage(overriddenBy: path, in: content), !overridingShared {
            throw Failure(
                code: .exists,
                message:
                    "\(shared) already gives every portal this page; a page at \(path) would replace it for portal '\(parts[0])' only. To replace it, run again with --override-shared; to change it for every portal, edit \(shared)"
            )
        }
        try write(text, to: url)
        return path
    }

    /// The shared page (`_shared/privacy.md`) a portal's page at `path` (`casier/privacy.md`) would replace, if any.
    public static func sharedPage(overriddenBy path: String, in content: URL) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] != ContentTree.sharedFolder else { return nil }
        let shared = ([ContentTree.sharedFolder] + parts.dropFirst().map(String.init)).joined(separator: "/")
        return FileManager.default.fileExists(atPath: content.appendingPathComponent(shared).path) ? shared : nil
    }

    /// The first front matter line of a new page (after `---`): it stays out of the site until the editor deletes it.
    public static let draftLine =
        "draft: true  # not published until you delete this line; replace the placeholder texts first"

    /// The conditions document a new service names, the one the demo's shared services name: every portal has it
    /// from `_shared/static/` (docs/CONTENT.md, *Starting files*), so the new page checks clean.
    static let conditionsFile = "static/condizioni-generali-servizi.pdf"

    private static func write(_ text: String, to url: URL) throws(Failure) {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw Failure(code: .write, message: "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
