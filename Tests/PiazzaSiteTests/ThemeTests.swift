import Foundation
import PiazzaRender
import Testing

@Suite("A theme fails loudly instead of rendering blanks")
struct ThemeTests {
    /// A theme folder with the given templates (`name` → Mustache text).
    static func theme(_ templates: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("theme")
        for (name, text) in templates { try folder.write("templates/\(name).mustache", text) }
        try folder.write("assets/style.css", "body{}\n")
        return folder
    }

    @Test("the default theme loads every template and its assets")
    func defaultTheme() throws {
        let theme = try Theme.load(from: Repository.theme)
        #expect(
            theme.templateNames.isSuperset(of: [
                "404", "base", "field", "form", "home", "list", "measure", "message", "network", "news", "page",
                "service",
            ]))
        #expect(
            theme.assets.map(\.path) == [
                "calendar.js", "feedback.js", "form.js", "merchant-map.js", "search.js", "style.css",
            ])
    }

    @Test("a template renders with escaping, sections and inverted sections")
    func renders() throws {
        let folder = try Self.theme([
            "page": "<h1>{{title}}</h1>{{#items}}<i>{{.}}</i>{{/items}}{{^items}}vuoto{{/items}}{{{raw}}}"
        ])
        let theme = try Theme.load(from: folder.url)
        #expect(
            try theme.render("page", ["title": "A & <b>", "items": ["x", "y"], "raw": "<br>"])
                == "<h1>A &amp; &lt;b&gt;</h1><i>x</i><i>y</i><br>")
        #expect(try theme.render("page", ["title": "T", "items": [String](), "raw": ""]) == "<h1>T</h1>vuoto")
    }

    @Test("a template saved with a byte order mark renders without it; a UTF-16 template is refused")
    func byteOrderMark() throws {
        let folder = try Self.theme(["page": "\u{FEFF}<h1>{{title}}</h1>"])
        #expect(try Theme.load(from: folder.url).render("page", ["title": "T"]) == "<h1>T</h1>")
        try Data([0xFF, 0xFE, 0x3C, 0x00, 0x70, 0x00]).write(
            to: folder.url.appendingPathComponent("templates/page.mustache"))
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .unreadableTemplate)
        #expect(error?.message.contains("save it as UTF-8") == true)
    }

    @Test("rendering a template that does not exist throws missingTemplate")
    func missingTemplate() throws {
        let folder = try Self.theme(["page": "{{title}}"])
        let theme = try Theme.load(from: folder.url)
        let error = #expect(throws: ThemeError.self) { try theme.render("service", ["title": "T"]) }
        #expect(error?.code == .missingTemplate)
        #expect(error?.message == "template 'service' not found in \(folder.url.path)/templates; add service.mustache")
    }

    @Test("a key the context does not provide throws missingKey naming the key at its tag")
    func missingKey() throws {
        let folder = try Self.theme(["page": "<h1>{{title}}</h1><p>{{sottotitolo}}</p>"])
        let theme = try Theme.load(from: folder.url)
        let error = #expect(throws: ThemeError.self) { try theme.render("page", ["title": "T"]) }
        #expect(error?.code == .missingKey)
        #expect(
            error?.message
                == "\(folder.url.path)/templates/page.mustache:1:22: template 'page' uses 'sottotitolo', which the page "
                + "does not provide; check the spelling in the template")
    }

    @Test("a key found in an inner context is not missing")
    func innerContext() throws {
        let folder = try Self.theme(["page": "{{#items}}{{name}}-{{title}};{{/items}}"])
        let theme = try Theme.load(from: folder.url)
        #expect(try theme.render("page", ["title": "T", "items": [["name": "a"], ["name": "b"]]]) == "a-T;b-T;")
    }

    @Test("a partial that does not exist makes Theme.load throw missingPartial at its tag")
    func missingPartial() throws {
        let folder = try Self.theme(["page": "<main>{{> nothere}}</main>"])
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .missingPartial)
        #expect(
            error?.message
                == "\(folder.url.path)/templates/page.mustache:1:7: {{> nothere}} names a template the theme does not "
                + "have: there is no nothere.mustache in \(folder.url.path)/templates; add it or correct the name")
    }

    @Test("a parent template that does not exist makes Theme.load throw missingPartial")
    func missingParent() throws {
        let folder = try Self.theme(["page": "{{<layout}}{{$main}}x{{/main}}{{/layout}}"])
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .missingPartial)
    }

    @Test("a folder without templates/ throws missingDirectory")
    func missingDirectory() throws {
        let folder = try TemporaryFolder("theme")
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .missingDirectory)
    }

    @Test("a template that is not valid Mustache throws invalidTemplate")
    func invalidTemplate() throws {
        let folder = try Self.theme(["page": "{{#open}}never closed"])
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .invalidTemplate)
    }

    @Test("a template that is not valid Mustache names its file, line and column as the parser found them")
    func invalidTemplatePlace() throws {
        let folder = try Self.theme(["page": "<h1>{{title}}</h1>\n<ul>{{#items}}<li>{{name}</li>{{/items}}</ul>\n"])
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .invalidTemplate)
        // Line 2 of the file (the escaping pragma put before it is not counted), column 25: the `}` that should
        // have been `}}`.
        #expect(
            error?.message
                == "\(folder.url.path)/templates/page.mustache:2:25: this tag does not end where its name does: a name "
                + "is letters, digits, '.', '-', '_' and '?' (a partial's also '/'), then }} ({{{name}}} ends with }}}); "
                + "look for a missing brace or a space or other character inside the name")
    }
}
