import Foundation
import Mustache
import PiazzaContent

/// A theme folder: Mustache templates under `templates/` and files under `assets/` copied to the site.
///
/// Every `{{value}}` in every template, partial and parent is escaped with ``Escape/html(_:)``; only a
/// deliberate `{{{value}}}` (or `{{% CONTENT_TYPE: TEXT}}`) inserts text as it is. A missing template,
/// partial or key is an error, never an empty string (see ``render(_:_:)``).
public struct Theme: Sendable {
    /// A file under `assets/`.
    public struct Asset: Sendable, Hashable {
        /// Path relative to `assets/`.
        public var path: String
        public var source: URL
    }

    /// The theme folder.
    public let directory: URL
    /// Names of the loaded templates (file name without `.mustache`).
    public let templateNames: Set<String>
    /// Files copied to `assets/` of every portal.
    public let assets: [Asset]
    /// Every template as swift-mustache parsed it, compiled for ``TemplateRenderer``.
    let compiled: CompiledTemplates
    /// Every template by name, the fallback theme's included, for a theme loaded over this one.
    let templates: [String: Template]

    /// Loads `directory/templates/*.mustache` and lists `directory/assets/`; with a `fallback`, a template or
    /// asset the theme does not have is the fallback's (a theme such as `italia` overrides the default
    /// theme's page frame and keeps its forms, calendars and feedback widget).
    ///
    /// - Throws: ``ThemeError`` when the folder is missing, a template does not parse, a template refers to
    ///   a partial or parent template that neither theme has, a packaged asset is not installed
    ///   (`packaged-assets.txt`, see ``packagedAssetsList``), or a symbolic link under `assets/` points out of
    ///   the theme folder, to a folder or to nothing (it would publish, and the daemon serve, that file).
    public static func load(from directory: URL, fallback: Theme? = nil) throws(ThemeError) -> Theme {
        let templatesURL = directory.appendingPathComponent("templates")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: templatesURL.path) else {
            throw ThemeError(
                .missingDirectory,
                "no templates folder at \(templatesURL.path); pass --themes with the folder holding default/")
        }
        try checkPackagedAssets(directory)
        var templates = fallback?.templates ?? [:]
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let url = templatesURL.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ThemeError(.unreadableTemplate, "cannot read \(url.path); check its permissions")
            }
            // The content files' decoding rule: a byte order mark is dropped, not rendered into every page.
            do {
                let text = try SourceText.decode(data, file: url.path)
                templates[String(file.dropLast(".mustache".count))] = Template(
                    text: text, url: url, tags: TemplateTag.scan(text))
            } catch {
                throw ThemeError(.unreadableTemplate, error.description)
            }
        }
        var compiled = CompiledTemplates.Builder()
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try compiled.add(name, MustacheTemplate(string: Self.escapingPragma + template.text))
            } catch let error as MustacheTemplate.ParserError {
                throw parseProblem(error, in: template)
            } catch let error as CompiledTemplates.Unsupported {
                throw unsupported(error, in: template)
            } catch {
                throw ThemeError(.invalidTemplate, "\(template.url.path) is not valid Mustache: \(error)")
            }
        }
        try checkPartials(templates, in: directory, fallback: fallback)
        var assets = Dictionary((fallback?.assets ?? []).map { ($0.path, $0) }) { first, _ in first }
        for asset in try listAssets(directory) { assets[asset.path] = asset }
        return Theme(
            directory: directory, templateNames: Set(templates.keys),
            assets: assets.values.sorted { $0.path < $1.path },
            compiled: compiled.compiled, templates: templates)
    }

    /// A template's text, the file it was read from (the fallback theme's, when the theme has none) and its
    /// tags with their places, for errors.
    struct Template: Sendable {
        var text: String
        var url: URL
        var tags: [TemplateTag]
    }

    /// The file of a theme that lists, one path under `assets/` a line (`#` starts a comment), the files
    /// `make theme-assets` installs from a package registry instead of git (the italia theme's Bootstrap
    /// Italia and fonts).
    public static let packagedAssetsList = "packaged-assets.txt"

    /// Every file `packaged-assets.txt` lists must be installed: a theme without its stylesheet or fonts
    /// would publish pages that look broken and fail the model's audits.
    private static func checkPackagedAssets(_ directory: URL) throws(ThemeError) {
        let list = directory.appendingPathComponent(packagedAssetsList)
        guard let data = FileManager.default.contents(atPath: list.path) else { return }
        let paths = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let assets = directory.appendingPathComponent("assets")
        for path in paths where !FileManager.default.fileExists(atPath: assets.appendingPathComponent(path).path) {
            throw ThemeError(
                .missingPackagedAsset,
                "\(assets.path)/\(path) is missing: the theme's packaged files (\(list.path)) are not installed; run `make theme-assets`"
            )
        }
    }

    /// Put before every template, on a line of its own that the parser drops (a standalone tag), so each
    /// template, partial and parent starts escaping through ``Escape/html(_:)``: swift-mustache restarts
    /// every partial with its built-in escaper, which compares grapheme clusters and misses `"` + U+0301
    /// (see ``Escape``), and ``TemplateRenderer`` follows its rules. `HTML` is re-registered as piazza's
    /// escaper, so a theme that names the content type itself gets the same one. Parse errors count lines
    /// from the line after it.
    static let escapingPragma: String = {
        MustacheContentTypes.register(HTMLContentType(), named: "HTML")
        return "{{% CONTENT_TYPE: HTML}}\n"
    }()

    private static func listAssets(_ directory: URL) throws(ThemeError) -> [Asset] {
        let base = directory.appendingPathComponent("assets")
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        let root =
            realpath(directory.path, nil).map { resolved in
                defer { free(resolved) }
                return String(cString: resolved)
            } ?? directory.path
        var assets: [Asset] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = base.appendingPathComponent(path)
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
                guard let resolved = realpath(url.path, nil) else { throw linked(url, target) }
                let real = String(cString: resolved)
                free(resolved)
                guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory),
                    !isDirectory.boolValue, real.hasPrefix(root + "/")
                else { throw linked(url, target) }
            }
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !(path as NSString).lastPathComponent.hasPrefix(".")
            {
                assets.append(Asset(path: path, source: url))
            }
        }
        return assets.sorted { $0.path < $1.path }
    }

    /// The error of an asset at `url` that is a symbolic link to `target` out of the theme, a folder or nothing.
    private static func linked(_ url: URL, _ target: String) -> ThemeError {
        ThemeError(
            .linkedAsset,
            "\(url.path): symbolic link to '\(target)', out of the theme folder, to a folder or to nothing; put the "
                + "file itself here (remove the link and copy the file), as piazza never follows a link out of the theme"
        )
    }

    /// Renders a template with a context; a missing template or a key no context level has is an error.
    public func render(_ template: String, _ context: [String: Any]) throws(ThemeError) -> String {
        String(decoding: try renderUTF8(template, context), as: UTF8.self)
    }

    /// ``render(_:_:)``'s text as the UTF-8 bytes the templates wrote, for a caller that writes them to a file:
    /// the build hands every page to the file as bytes, since making a `String` of each validated and copied
    /// it (3.3 % of the 10k-page build, perf 2026-12-01).
    public func renderUTF8(_ template: String, _ context: [String: Any]) throws(ThemeError) -> [UInt8] {
        guard templateNames.contains(template) else {
            throw ThemeError(
                .missingTemplate,
                "template '\(template)' not found in \(directory.path)/templates; add \(template).mustache")
        }
        var renderer = TemplateRenderer(templates: compiled, root: context)
        renderer.render(template)
        // A name no context level has would render as nothing: a typo in a template, or a key the page lacks.
        if !renderer.missing.isEmpty { throw missingNames(renderer.missing.sorted(), rendering: template) }
        return renderer.output
    }
}

/// `{{value}}` in templates: ``Escape/html(_:)``, by UTF-8 byte (``TemplateRenderer`` appends it to the page
/// without calling ``escapeText(_:)``).
struct HTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Escape.html(text) }
}
