import Foundation
import PiazzaRender
import Testing

/// Theme errors told without a place (finding 7): a missing partial named only the file, a name a page does not
/// give only the template's name, an unclosed section `(expectedSectionEnd) in ''`. Every error an editor can
/// make in a template names the file, line and column of the tag to fix, and says how in English.
@Suite("Every template error names its file:line:column and the fix")
struct ThemeErrorPlaceTests {
    @Test(
        "each kind of fault in a template is one error at the tag to fix when the theme loads",
        arguments: [
            (
                "<main>\n\n  {{> nonexiste}}\n</main>\n",
                "3:3: {{> nonexiste}} names a template the theme does not have: there is no nonexiste.mustache in "
                    + "THEME/templates; add it or correct the name"
            ),
            (
                "<ul>\n{{#items}}\n<li>{{.}}</li>\n",
                "2:1: {{#items}} is never closed; add {{/items}} where the section ends"
            ),
            (
                "<p>{{#a}}{{^b}}x{{/a}}{{/b}}</p>",
                "1:17: {{/a}} closes 'a', but the section open here is {{^b}}, opened at 1:10; close that one first "
                    + "with {{/b}}, or correct the name"
            ),
            (
                "x\n{{/a}}\n",
                "2:1: {{/a}} closes 'a', which is not open; remove it or open the section before it with {{#a}}"
            ),
            (
                "{{<base}}\n<p>{{titolo}}</p>\n{{/base}}\n",
                "2:4: {{titolo}} is inside a parent but outside its blocks: only blocks {{$name}}…{{/name}} may be "
                    + "written there; move it into a block or out of the parent"
            ),
            (
                "<p>\n{{% CONTENT_TYPE: XML}}\n</p>\n",
                "2:1: the only setting a template may make is {{% CONTENT_TYPE: HTML}} or {{% CONTENT_TYPE: TEXT}}"
            ),
            (
                "{{=<% %>=}}\n<%#a%>\n",
                "2:1: <%#a%> is never closed; add <%/a%> where the section ends"
            ),
        ] as [(String, String)])
    func atLoad(text: String, message: String) throws {
        let folder = try ThemeTests.theme(["page": text, "base": "{{$main}}{{/main}}"])
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        let path = folder.url.appendingPathComponent("templates/page.mustache").path
        #expect(error?.message == "\(path):" + message.replacingOccurrences(of: "THEME", with: folder.url.path))
    }

    @Test("a name the page does not give, in a partial the page renders: the error is at the partial's tag")
    func inPartial() throws {
        let folder = try ThemeTests.theme([
            "page": "<html>\n{{> head}}\n<main>{{testo}}</main>",
            "head": "<head>\n  <title>{{titolo}}</title>\n  <meta content=\"{{ titolo }}\">\n</head>\n",
        ])
        let theme = try Theme.load(from: folder.url)
        let error = #expect(throws: ThemeError.self) { try theme.render("page", ["testo": "T"]) }
        let head = folder.url.appendingPathComponent("templates/head.mustache").path
        #expect(error?.code == .missingKey)
        #expect(
            error?.message
                == [
                    "\(head):2:10: template 'page' uses 'titolo', which the page does not provide; check the spelling in "
                        + "the template",
                    "\(head):3:18: template 'page' uses 'titolo', which the page does not provide; check the spelling in "
                        + "the template",
                ].joined(separator: "\n"))
    }
}
