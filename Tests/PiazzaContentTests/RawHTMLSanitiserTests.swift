import Foundation
import PiazzaContent
import Testing

/// The fixture's `chi-siamo.md` of portal `alfa`, which allows raw HTML, with `body` after its front matter
/// (the body starts on line 5), rendered: its HTML and the diagnostics of the render.
private func renderedPage(_ body: String) throws -> (html: String, diagnostics: [String]) {
    let content = try ContentFixture()
    try content.write("alfa/portal.yaml", try content.read("alfa/portal.yaml") + "allow_raw_html: true\n")
    try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\n" + body)
    let portal = try #require(try content.load().portal("alfa"))
    var diagnostics = DiagnosticList()
    let rendered = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics)
    return (rendered.html, diagnostics.items.map(\.description))
}

@Suite("Raw HTML a portal allows is published without what runs script or leaves the portal")
struct RawHTMLSanitiserTests {
    @Test(
        "script addresses are removed from every address attribute, however they are disguised",
        arguments: [
            (#"<a href="javascript:alert(1)">x</a>"#, "<a>x</a>"),
            (#"<a HREF="JaVaScRiPt:alert(1)" title="t">x</a>"#, #"<a title="t">x</a>"#),
            (#"<a href="  javascript:alert(1)">x</a>"#, "<a>x</a>"),
            (#"<a href="jav&#x09;ascript:alert(1)">x</a>"#, "<a>x</a>"),
            (#"<a href="jav&Tab;ascript:alert(1)">x</a>"#, "<a>x</a>"),
            (#"<a href="&#106;avascript:alert(1)">x</a>"#, "<a>x</a>"),
            (#"<a href="&#0000106avascript:alert(1)">x</a>"#, "<a>x</a>"),
            (#"<a href="javascript&colon;alert(1)">x</a>"#, "<a>x</a>"),
            (#"<a href='vbscript:msgbox(1)'>x</a>"#, "<a>x</a>"),
            (#"<a href=javascript:alert(1)>x</a>"#, "<a>x</a>"),
            (#"<a title="x"href="javascript:alert(1)">x</a>"#, #"<a title="x">x</a>"#),
            (#"<img src="data:text/html;base64,PHNjcmlwdD4=" alt="">"#, #"<img alt="">"#),
            (#"<img srcset="a.png 1x, javascript:alert(1) 2x" alt="">"#, #"<img alt="">"#),
            (#"<video poster="javascript:alert(1)"></video>"#, "<video></video>"),
            (#"<table background="javascript:alert(1)"></table>"#, "<table></table>"),
            (#"<button formaction="javascript:alert(1)">x</button>"#, "<button>x</button>"),
            (#"<svg><a xlink:href="javascript:alert(1)">x</a></svg>"#, "<svg><a>x</a></svg>"),
            (#"<img src=x onerror=alert(1) alt="">"#, #"<img src=x alt="">"#),
            (#"<p ONCLICK="alert(1)" class="avviso">x</p>"#, #"<p class="avviso">x</p>"#),
            (#"<details open><summary>x</summary></details>"#, #"<details open><summary>x</summary></details>"#),
            (
                #"<a href="https://www.inps.it/?a=1&amp;b=2">INPS</a>"#,
                #"<a href="https://www.inps.it/?a=1&amp;b=2">INPS</a>"#
            ),
            (#"<a title=">" href="javascript:alert(1)">x</a>"#, #"<a title=">">x</a>"#),
            (#"<div><script>alert(1)</script>dopo</div>"#, "<div>dopo</div>"),
            (#"<div><SCRIPT>x="</script>"</SCRIPT >dopo</div>"#, #"<div>"dopo</div>"#),
            (#"<div><style>body{}</style><iframe src="https://x.example"></iframe>z</div>"#, "<div>z</div>"),
            (#"<div><object data="x.swf"><embed src="x.swf">testo</object></div>"#, "<div>testo</div>"),
            (
                #"<div><form action="https://x.example"><input name="a"></form></div>"#,
                #"<div><input name="user-content-a"></div>"#
            ),
            (
                #"<div><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://x.example/"></div>"#,
                "<div></div>"
            ),
            (#"<svg><set attributeName="href" to="javascript:alert(1)"/></svg>"#, "<svg></svg>"),
            (#"<div><![CDATA[><img src=x onerror=alert(1)>]]></div>"#, #"<div>&lt;![CDATA[><img src=x>]]></div>"#),
            (#"<div><a href="x"#, #"<div>&lt;a href="x</div>"#),
            (#"<div><a/href=javascript:alert(1)>x</a></div>"#, "<div><a>x</a></div>"),
            (#"<div><a href="javascript:alert(1)" href="x">x</a></div>"#, #"<div><a href="x">x</a></div>"#),
            ("<div><img src=x\nonerror=alert(1) alt=\"\"></div>", #"<div><img src=x alt=""></div>"#),
            (#"<div><a href="&NewLine;javascript:alert(1)">x</a></div>"#, "<div><a>x</a></div>"),
            (#"<div><a href="&#x20;javascript:alert(1)">x</a></div>"#, "<div><a>x</a></div>"),
            (#"<math href="javascript:alert(1)"><mi>x</mi></math>"#, "<math><mi>x</mi></math>"),
            (#"<div xml:base="javascript:alert(1)//"><a href="x">x</a></div>"#, #"<div><a href="x">x</a></div>"#),
            (#"<svg><animateColor attributeName="href" values="javascript:alert(1)"/></svg>"#, "<svg></svg>"),
            (
                #"<div><noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></div>"#,
                #"<div><img src=x>"></div>"#
            ),
            (
                #"<div><template><img src=x onerror=alert(1)></template></div>"#,
                "<div><template><img src=x></template></div>"
            ),
            (#"<div><xmp><img src=x onerror=alert(1)></xmp></div>"#, "<div></div>"),
            (#"<div><plaintext></div><p>x</p>"#, "<div></div>"),
            (#"<div><iframe srcdoc="<script>alert(1)</script>"></iframe></div>"#, "<div></div>"),
            (#"<div><link rel="import" href="https://x.example/a.html"></div>"#, "<div></div>"),
        ])
    func sanitised(html: String, expected: String) {
        let (result, removals) = RawHTML.sanitize(html)
        #expect(result == expected)
        #expect(removals.isEmpty == (html == expected))
    }

    @Test("a comment is left out without a message: an editor's note, not content, even around markup")
    func commentsLeftOut() {
        #expect(RawHTML.sanitize(#"<div><!-- <script>alert(1)</script> --></div>"#) == ("<div></div>", []))
        #expect(
            RawHTML.sanitize(#"<div><!-- a --!><img src=x onerror=alert(1)></div>"#).html == "<div><img src=x></div>")
        #expect(RawHTML.sanitize("<p>a<!-->b<!--->c<!-- nota privata 333 1234567 -->d</p>") == ("<p>abcd</p>", []))
    }

    @Test(
        "a < that starts no markup stays text, even when a removal joins it to what follows",
        arguments: [
            ("<div><</object>img src=x onerror=alert(1)></div>", "<div>&lt;img src=x onerror=alert(1)></div>", 1),
            ("<div><</script>svg onload=alert(1)></div>", "<div>&lt;svg onload=alert(1)></div>", 1),
            ("<div><<object>img src=x onerror=alert(1)></div>", "<div>&lt;img src=x onerror=alert(1)></div>", 1),
            (
                "<div><<script></script>a href=javascript:alert(1)>x</a></div>",
                "<div>&lt;a href=javascript:alert(1)>x</div>", 2
            ),
            ("<p>1 < 2 <b>sì</b></p>", "<p>1 &lt; 2 <b>sì</b></p>", 0),
        ])
    func strayLessThan(html: String, expected: String, removalCount: Int) {
        let (result, removals) = RawHTML.sanitize(html)
        #expect(result == expected)
        #expect(removals.count == removalCount)
    }

    @Test("a removal never turns the text around it into a tag in a page, and is an error at file:line:col")
    func removalJoinsNoTag() throws {
        let page = try renderedPage(
            """
            <div>
            <</object>img src=x onerror=alert(1)>
            <<script></script>svg onload=alert(2)>
            </div>

            """)
        #expect(page.html == "<div>\n&lt;img src=x onerror=alert(1)>\n&lt;svg onload=alert(2)>\n</div>\n")
        #expect(
            page.diagnostics == [
                "alfa/chi-siamo.md:6:2: warning: raw HTML </object> closes nothing: no <object> is open before it in its block (raw HTML closes only what it opened, never the page's own elements); it is removed",
                "alfa/chi-siamo.md:7:2: error: raw HTML <script> runs script, and pages carry no script of their own (they work without JavaScript); it is removed with its content",
            ])
    }

    @Test(
        "attributes that restyle an element or take over the page's forms go whatever their value",
        arguments: [
            (#"<div style="position:fixed;top:0;left:0;width:100%;height:100%">x</div>"#, "<div>x</div>"),
            (#"<p STYLE='color:#fff' class="avviso">x</p>"#, #"<p class="avviso">x</p>"#),
            (#"<a href="x" style=opacity:0>x</a>"#, #"<a href="x">x</a>"#),
            (
                #"<svg style="position:fixed"><rect width="1" height="1"/></svg>"#,
                #"<svg><rect width="1" height="1"/></svg>"#
            ),
            (#"<span sTyLe="background:url(https://x.example/t.png)">x</span>"#, "<span>x</span>"),
            (
                #"<button form="feedback" formaction="https://x.example" formmethod="post">x</button>"#,
                "<button>x</button>"
            ),
            (
                #"<input form=f formtarget=_blank formenctype=text/plain formnovalidate name="a">"#,
                #"<input name="user-content-a">"#
            ),
            (#"<div popover id="p">x</div>"#, #"<div id="user-content-p">x</div>"#),
            (#"<button popovertarget="p" popovertargetaction="show">y</button>"#, "<button>y</button>"),
            (#"<input autofocus name="a">"#, #"<input name="user-content-a">"#),
            (#"<a href="x" ping="https://x.example/t">x</a>"#, #"<a href="x">x</a>"#),
            (#"<img src=x attributionsrc="https://x.example/t" alt="">"#, #"<img src=x alt="">"#),
        ])
    func removedAttributes(html: String, expected: String) {
        let (result, removals) = RawHTML.sanitize(html)
        #expect(result == expected)
        #expect(!removals.isEmpty && removals.allSatisfy { $0.severity == .error })
    }

    @Test("a style attribute is an error that says why and what to use instead")
    func styleMessage() {
        let (_, removals) = RawHTML.sanitize(#"<div class="avviso" style="position:fixed">x</div>"#)
        #expect(
            removals.map { "\($0.line):\($0.column): \($0.severity): \($0.message)" } == [
                "1:21: error: raw HTML <div>: `style` restyles the element, which can hide text or lay it over the theme's links and forms; use the theme's classes (class=\"…\") instead; it is removed"
            ])
    }

    @Test(
        "the page's frame, a second main, a dialog and a fenced frame lose their tags, keeping their content",
        arguments: [
            (#"<body hidden><p>x</p></body>"#, "<p>x</p>"),
            (#"<html lang="en"><head></head><p>x</p></html>"#, "<p>x</p>"),
            (#"<main id="contenuto">x</main>"#, "x"),
            (#"<dialog open>Avviso</dialog>"#, "Avviso"),
            (#"<fencedframe></fencedframe>"#, ""),
        ])
    func frameTags(html: String, expected: String) {
        let (result, removals) = RawHTML.sanitize(html)
        #expect(result == expected)
        #expect(!removals.isEmpty && removals.allSatisfy { $0.severity == .error })
    }

    @Test(
        "what the HTML leaves open is closed at its end, end tags that close nothing go, as warnings",
        arguments: [
            (#"<div class="a">x"#, #"<div class="a">x</div>"#, 1),
            ("<details><summary>s</summary>x", "<details><summary>s</summary>x</details>", 1),
            ("<table><tr><td>x", "<table><tr><td>x</td></tr></table>", 1),
            ("<template><p>x", "<template><p>x</p></template>", 1),
            ("<select><option>a", "<select><option>a</option></select>", 1),
            ("<button>x", "<button>x</button>", 1),
            (#"<a href="https://www.inps.it">INPS"#, #"<a href="https://www.inps.it">INPS</a>"#, 1),
            ("<div/>x", "<div/>x</div>", 1),
            (#"<svg><circle r="1"/><g>"#, #"<svg><circle r="1"/><g></g></svg>"#, 2),
            ("x</div>", "x", 1),
            ("</main><p>x</p>", "<p>x</p>", 1),
            ("<p>x</p></p>", "<p>x</p>", 1),
            ("<div><b>x</div>", "<div><b>x</b></div>", 1),
            ("<b><i>x</b></i>", "<b><i>x</i></b>", 2),
            ("<ul><li>a<li>b</ul>", "<ul><li>a<li>b</ul>", 0),
            ("<dl><dt>a<dd>b<dt>c</dl>", "<dl><dt>a<dd>b<dt>c</dl>", 0),
            ("<table><tr><td>a<td>b<tr><td>c</table>", "<table><tr><td>a<td>b<tr><td>c</table>", 0),
            ("<p>a<div>b</div>", "<p>a<div>b</div>", 0),
            ("<ul><li>a<ul><li>b</ul></ul>", "<ul><li>a<ul><li>b</ul></ul>", 0),
            ("<p>a<br>b<img src=x alt=\"\"><hr>", "<p>a<br>b<img src=x alt=\"\"><hr>", 0),
            ("<p>a", "<p>a</p>", 0),
        ])
    func balanced(html: String, expected: String, warnings: Int) {
        let (result, removals) = RawHTML.sanitize(html)
        #expect(result == expected)
        #expect(removals.count == warnings)
        #expect(removals.allSatisfy { $0.severity == .warning })
    }

    @Test("a repair says what was closed or removed, at the start tag left open or the end tag removed")
    func repairMessages() {
        let (_, removals) = RawHTML.sanitize("<div>\n<b>x</div>\n</main>\n<details>")
        #expect(
            removals.map { "\($0.line):\($0.column): \($0.severity): \($0.message)" } == [
                "2:1: warning: raw HTML <b> is not closed before </div>; </b> is added there",
                "3:1: warning: raw HTML </main> closes nothing: no <main> is open before it in its block (raw HTML closes only what it opened, never the page's own elements); it is removed",
                "4:1: warning: raw HTML <details> is not closed; </details> is added where the HTML ends",
            ])
    }

    @Test("what a page's raw HTML leaves open is closed inside the body, each repair a warning at file:line:col")
    func balancedPage() throws {
        let page = try renderedPage(
            """
            <details>
            <summary>Orari</summary>

            Lunedì **9-12** e <b>martedì

            </main></div>

            - <span>voce

            """)
        #expect(
            page.html == """
                <details>
                <summary>Orari</summary>
                <p>Lunedì <strong>9-12</strong> e <b>martedì</b></p>

                <ul>
                <li><span>voce</span></li>
                </ul>
                </details>

                """)
        #expect(
            page.diagnostics == [
                "alfa/chi-siamo.md:8:19: warning: raw HTML <b> is not closed; </b> is added where its paragraph ends",
                "alfa/chi-siamo.md:10:1: warning: raw HTML </main> closes nothing: no <main> is open before it in its block (raw HTML closes only what it opened, never the page's own elements); it is removed",
                "alfa/chi-siamo.md:10:8: warning: raw HTML </div> closes nothing: no <div> is open before it in its block (raw HTML closes only what it opened, never the page's own elements); it is removed",
                "alfa/chi-siamo.md:12:3: warning: raw HTML <span> is not closed; </span> is added where its paragraph ends",
                "alfa/chi-siamo.md:5:1: warning: raw HTML <details> is not closed; </details> is added where the text ends",
            ])
    }

    @Test("raw HTML opened in a quote, a table cell, an emphasis or a link is closed inside it")
    func balancedInside() throws {
        let page = try renderedPage(
            """
            > <div>citazione

            | a | b |
            |---|---|
            | <i>x | y |

            *enfasi <u>sottolineata*

            [un <b>link](chi-siamo.md)

            """)
        #expect(
            page.html == """
                <blockquote>
                <div>citazione
                </div>
                </blockquote>
                <table>
                <thead>
                <tr>
                <th>a</th>
                <th>b</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td><i>x</i></td>
                <td>y</td>
                </tr>
                </tbody>
                </table>
                <p><em>enfasi <u>sottolineata</u></em></p>
                <p><a href="../chi-siamo/">un <b>link</b></a></p>

                """)
        #expect(page.diagnostics.count == 4)
        #expect(page.diagnostics.allSatisfy { $0.contains(": warning: raw HTML <") })
    }

    @Test(
        "a file the browser would load from another site is removed; links to other sites and files of the portal stay",
        arguments: [
            (#"<img src="https://t.example/p.gif" alt="">"#, #"<img alt="">"#),
            (#"<img src="//t.example/p.gif" alt="x">"#, #"<img alt="x">"#),
            (#"<img src="HTTPS&colon;//t.example/p.gif" alt="">"#, #"<img alt="">"#),
            (
                #"<img src="../static/a.png" srcset="../static/a.png 1x, //cdn.example/b.png 2x" alt="">"#,
                #"<img src="../static/a.png" alt="">"#
            ),
            (
                #"<video poster="http://t.example/p.jpg" src="../static/v.mp4"></video>"#,
                #"<video src="../static/v.mp4"></video>"#
            ),
            (#"<audio><source src="https://t.example/a.mp3"></audio>"#, "<audio><source></audio>"),
            (
                #"<picture><source srcset="https://t.example/a.webp"><img src="../static/a.png" alt=""></picture>"#,
                #"<picture><source><img src="../static/a.png" alt=""></picture>"#
            ),
            (
                #"<table background="https://t.example/b.png"><tr><td>x</td></tr></table>"#,
                "<table><tr><td>x</td></tr></table>"
            ),
            (#"<svg><image href="https://t.example/i.png"/></svg>"#, "<svg><image /></svg>"),
            (#"<svg><use xlink:href="https://t.example/s.svg#a"/></svg>"#, "<svg><use /></svg>"),
            (##"<svg xml:base="https://t.example/"><use href="#a"/></svg>"##, ##"<svg><use href="#a"/></svg>"##),
            (
                #"<a href="https://www.comune.example.it/">Comune</a>"#,
                #"<a href="https://www.comune.example.it/">Comune</a>"#
            ),
            (#"<img src="../static/a.png" alt="">"#, #"<img src="../static/a.png" alt="">"#),
            (##"<svg><use href="#icona"/></svg>"##, ##"<svg><use href="#icona"/></svg>"##),
        ])
    func thirdPartyFiles(html: String, expected: String) {
        #expect(RawHTML.sanitize(html).html == expected)
    }

    @Test("a file from another site is an error at the attribute that names it, in raw HTML and as a Markdown image")
    func thirdPartyPlaced() throws {
        let page = try renderedPage(
            """
            <img src="https://t.example/p.gif" alt="">

            Il logo: ![Logo](https://example.org/logo.png) e [il sito](https://example.org/).

            """)
        #expect(!page.html.contains("t.example"))
        #expect(
            page.diagnostics == [
                "alfa/chi-siamo.md:5:6: error: raw HTML <img>: `src` 'https://t.example/p.gif' is not a file of the portal; pages make no requests to other sites, so put the file under static/ and link it from there; it is removed",
                "alfa/chi-siamo.md:7:10: error: image 'https://example.org/logo.png' is not a file of the portal; pages make no requests to other sites, so put the image under static/ and link it from there",
            ])
    }

    @Test("a list of addresses names the one that breaks the rule")
    func listedAddress() {
        let (_, removals) = RawHTML.sanitize(#"<img srcset="a.png 1x, data:image/png,x 2x" alt="">"#)
        #expect(
            removals.map(\.message) == [
                "raw HTML <img>: `srcset` 'a.png 1x, data:image/png,x 2x' holds 'data:image/png,x', which uses the 'data:' scheme; links can be http, https, mailto or tel addresses, or paths to pages and files of the portal; it is removed"
            ])
    }

    @Test("each removal says what was removed and why, at its line and column")
    func removalsArePlaced() {
        let (_, removals) = RawHTML.sanitize(
            "<div class=\"a\">\n  <a href=\"javascript:alert(1)\"\n     onclick=\"x()\">x</a>\n<script>y()</script></div>"
        )
        #expect(
            removals.map { "\($0.line):\($0.column): \($0.message)" } == [
                "2:6: raw HTML <a>: `href` 'javascript:alert(1)' uses the 'javascript:' scheme; links can be http, https, mailto or tel addresses, or paths to pages and files of the portal; it is removed",
                "3:6: raw HTML <a>: `onclick` is an event handler, which runs script; pages carry no script of their own; it is removed",
                "4:1: raw HTML <script> runs script, and pages carry no script of their own (they work without JavaScript); it is removed with its content",
            ])
    }

    @Test("a page of a portal that allows raw HTML is published without them, each an error at file:line:col")
    func pageOfAPortal() throws {
        let page = try renderedPage(
            """
            <div class="avviso">Scrivi a <a href="jav&#x09;ascript:alert(1)">noi</a>.</div>

            Un <img src="../static/x.png" onerror="alert(1)" alt="x"> e <script>alert(2)</script> in riga.

            """)
        #expect(
            page.html == """
                <div class="avviso">Scrivi a <a>noi</a>.</div>
                <p>Un <img src="../static/x.png" alt="x"> e alert(2) in riga.</p>

                """)
        #expect(
            page.diagnostics == [
                "alfa/chi-siamo.md:5:33: error: raw HTML <a>: `href` 'jav&#x09;ascript:alert(1)' has an invisible or control character (U+0009); delete it; it is removed",
                "alfa/chi-siamo.md:7:31: error: raw HTML <img>: `onerror` is an event handler, which runs script; pages carry no script of their own; it is removed",
                "alfa/chi-siamo.md:7:61: error: raw HTML <script> runs script, and pages carry no script of their own (they work without JavaScript); it is removed with its content",
            ])
    }

    @Test(
        "script addresses in Markdown links, images and autolinks are errors at the link, in any disguise",
        arguments: [
            ("[clic](JaVaScRiPt:alert(1))", "5:1: error: link to 'JaVaScRiPt:alert(1)' uses the 'javascript:' scheme"),
            ("[clic](jav&#x09;ascript:alert(1))", "5:1: error: link to 'jav<U+0009>ascript:alert(1)' has an invisible"),
            ("[clic](javascript&#58;alert(1))", "5:1: error: link to 'javascript:alert(1)' uses the 'javascript:'"),
            ("Vedi <javascript:alert(1)>.", "5:6: error: link to 'javascript:alert(1)' uses the 'javascript:' scheme"),
            ("![x](data:image/svg+xml,<svg/onload=alert(1)>)", "5:1: error: link to 'data:image/svg+xml,"),
            ("[clic][x]\n\n[x]: vbscript:msgbox(1)", "5:1: error: link to 'vbscript:msgbox(1)' uses the 'vbscript:'"),
            // A percent-encoded line break is no scheme but a path: the message shows it, never prints it.
            (
                "[clic](java%0Ascript:alert(1))",
                "5:1: error: link to 'java%0Ascript:alert(1)' points to 'java<U+000A>script"
            ),
        ])
    func markdownLinks(markdown: String, error: String) throws {
        let diagnostics = try renderedPage(markdown + "\n").diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("alfa/chi-siamo.md:" + error) == true, "\(diagnostics)")
    }

    @Test("a numeric reference to zero decodes to U+FFFD as in browsers, not to U+0000")
    func nullReference() {
        #expect(LinkAddress.decodingCharacterReferences("a&#0;b&#x0000;c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(LinkAddress.decodingCharacterReferences("&#106;") == "j")
    }
}
