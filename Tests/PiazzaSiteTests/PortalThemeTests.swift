import Foundation
import PiazzaContent
@testable import PiazzaRender
import PiazzaSite
import Testing

@Suite("A portal chooses its theme, which falls back to the default theme")
struct PortalThemeTests {
    /// A themes folder with `default/` (a page frame and a page) and `plain/` (its own frame only).
    static func themes() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("themes")
        try folder.write("default/templates/base.mustache", "<default>{{$main}}{{/main}}</default>")
        try folder.write("default/templates/page.mustache", "{{<base}}{{$main}}{{title}}{{/main}}{{/base}}")
        try folder.write("default/assets/style.css", "default\n")
        try folder.write("default/assets/form.js", "default\n")
        try folder.write("plain/templates/base.mustache", "<plain>{{$main}}{{/main}}</plain>")
        try folder.write("plain/assets/style.css", "plain\n")
        return folder
    }

    @Test("a theme renders the default theme's templates it lacks inside its own frame, and keeps its assets first")
    func fallback() throws {
        let folder = try Self.themes()
        let base = try Theme.load(from: folder.appending("default"))
        let plain = try Theme.load(from: folder.appending("plain"), fallback: base)
        #expect(try plain.render("page", ["title": "Ciao"]) == "<plain>Ciao</plain>")
        #expect(try base.render("page", ["title": "Ciao"]) == "<default>Ciao</default>")
        #expect(plain.assets.map(\.path) == ["form.js", "style.css"])
        #expect(
            plain.assets.map { $0.source.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent }
                == ["default", "plain"])
    }

    @Test("without a fallback, a template the theme lacks is still an error")
    func noFallback() throws {
        let folder = try Self.themes()
        let plain = try Theme.load(from: folder.appending("plain"))
        let error = #expect(throws: ThemeError.self) { try plain.render("page", ["title": "Ciao"]) }
        #expect(error?.code == .missingTemplate)
    }

    @Test("a packaged asset that is not installed stops the load and says to run make theme-assets")
    func packagedAssetMissing() throws {
        let folder = try Self.themes()
        try folder.write("plain/packaged-assets.txt", "# installed by make\nvendor/lib.css\n\nstyle.css\n")
        let base = try Theme.load(from: folder.appending("default"))
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.appending("plain"), fallback: base) }
        #expect(error?.code == .missingPackagedAsset)
        #expect(
            error?.message
                == "\(folder.appending("plain/assets").path)/vendor/lib.css is missing: the theme's packaged files (\(folder.appending("plain/packaged-assets.txt").path)) are not installed; run `make theme-assets`"
        )
        try folder.write("plain/assets/vendor/lib.css", "lib\n")
        let plain = try Theme.load(from: folder.appending("plain"), fallback: base)
        #expect(plain.assets.map(\.path).contains("vendor/lib.css"))
    }

    @Test(
        "every template the italia theme overrides keeps the default's data-elements, which AgID's checker follows",
        arguments: try FileManager.default.contentsOfDirectory(
            atPath: Repository.root.appendingPathComponent("themes/italia/templates").path
        ).sorted())
    func italiaKeepsDataElements(_ file: String) throws {
        func dataElements(_ theme: String) throws -> Set<String> {
            let text = try String(
                contentsOf: Repository.root.appendingPathComponent("themes/\(theme)/templates/\(file)"), encoding: .utf8
            )
            return Set(text.matches(of: /data-element="([^"]+)"/).map { String($0.output.1) })
        }
        let kept = try dataElements("default").subtracting(try dataElements("italia"))
        #expect(kept.isEmpty, "themes/italia/templates/\(file) lacks \(kept.sorted())")
    }

    @Test(
        "a theme's template using a name no page gives (renamed since its release) stops check and build at its file:line:column"
    )
    func unknownNameRefused() throws {
        let themes = try TemporaryFolder("themes")
        try FileManager.default.removeItem(at: themes.url)
        try FileManager.default.createDirectory(at: themes.url, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.theme, to: themes.appending("default"))
        // A receipt of an earlier release: the reply form's hint was `replyHint`, and a section over an old list.
        try themes.write(
            "comune/templates/receipt.mustache",
            "{{<base}}{{$main}}\n<p>{{number}}</p>\n<p>{{ replyHint }}</p>{{#oldFiles}}{{.}}{{/oldFiles}}\n{{/main}}{{/base}}\n"
        )
        let content = try copyOfDemoContent()
        let portal = try content.read("vigonza/portal.yaml")
        try content.write("vigonza/portal.yaml", portal + "theme: comune\n")
        let file = themes.appending("comune/templates/receipt.mustache").path
        let model = "; compare with \(themes.appending("default/templates/receipt.mustache").path)"
        let expected = [
            "\(file):3:4: 'replyHint' is a name no page gives its templates in this release (no template of the "
                + "default theme uses it: renamed or removed since the theme was written?)" + model,
            "\(file):3:23: 'oldFiles' is a name no page gives its templates in this release (no template of the "
                + "default theme uses it: renamed or removed since the theme was written?)" + model,
        ].joined(separator: "\n")
        let site = try TemporaryFolder()
        for run in ["check", "build"] {
            let options = SiteBuilder.Options(
                content: content.url, theme: themes.appending("default"), output: site.appending(run),
                portals: ["vigonza"], now: bandiOpen)
            let builder = SiteBuilder(options: options, logger: .init(label: "piazza-tests"))
            let error = #expect(throws: ThemeError.self) {
                if run == "check" { _ = try builder.audit() } else { _ = try builder.build() }
            }
            #expect(error?.code == .missingKey, "\(run)")
            #expect(error?.message == expected, "\(run)")
        }
        // The same override with this release's names loads: the italia theme's templates, every one, do too.
        try themes.write(
            "comune/templates/receipt.mustache", "{{<base}}{{$main}}\n<p>{{number}}</p>\n{{/main}}{{/base}}\n")
        let base = try Theme.load(from: themes.appending("default"))
        let comune = try Theme.load(from: themes.appending("comune"), fallback: base)
        try comune.checkNames(against: base)
        try Theme.load(from: Repository.root.appendingPathComponent("themes/italia"), fallback: base)
            .checkNames(against: base)
    }

    @Test("a portal with theme: in portal.yaml is built with that theme, the others with the default")
    func perPortal() throws {
        let site = try TemporaryFolder()
        try buildSite(into: site.url, portals: ["conegliano", "vigonza"])
        let italia = try site.read("conegliano/index.html")
        #expect(
            italia.contains(
                "<link rel=\"stylesheet\" href=\"assets/vendor/bootstrap-italia/bootstrap-italia.min.css\">"))
        #expect(italia.contains("<header class=\"it-header-wrapper\">"))
        #expect(site.exists("conegliano/assets/vendor/fonts/Titillium_Web/OFL.txt"))
        // A page the italia theme does not override: the default theme's body in Bootstrap Italia's frame.
        let faq = try site.read("conegliano/faq/index.html")
        #expect(faq.contains("<footer class=\"it-footer\">") && faq.contains("<h1>Domande frequenti</h1>"))
        let standard = try site.read("vigonza/index.html")
        #expect(standard.contains("<link rel=\"stylesheet\" href=\"assets/style.css\">"))
        #expect(!standard.contains("bootstrap-italia") && !site.exists("vigonza/assets/vendor"))
    }

    @Test("a portal naming a theme that does not exist stops the build at its theme: key, listing the themes there")
    func unknownTheme() throws {
        let content = try copyOfDemoContent()
        let yaml = try content.read("vigonza/portal.yaml")
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
        try content.write("vigonza/portal.yaml", yaml + "theme: agid\n")
        let site = try TemporaryFolder()
        let error = #expect(throws: ThemeError.self) {
            try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        }
        #expect(error?.code == .missingDirectory)
        #expect(error?.message.hasPrefix("vigonza/portal.yaml:\(line):1: `theme: agid` is not a theme: ") == true)
        #expect(error?.message.hasSuffix(" are `default`, `italia`") == true)
        #expect(!site.exists("vigonza"))
    }

    @Test("theme: must be a folder name", arguments: ["../default", "Italia", "it alia"])
    func invalidThemeName(_ name: String) throws {
        let content = try copyOfDemoContent()
        let yaml = try content.read("vigonza/portal.yaml")
        try content.write("vigonza/portal.yaml", yaml + "theme: \"\(name)\"\n")
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
        let site = try TemporaryFolder()
        let error = #expect(throws: ContentError.self) {
            try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        }
        #expect(
            error?.diagnostics.map(\.description).contains {
                $0.hasPrefix("vigonza/portal.yaml:\(line):8: error: `theme` must be the name of a theme folder")
            } == true)
    }
}
