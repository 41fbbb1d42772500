import Foundation
import PiazzaContent
import Testing

@Suite("A document's outline is its top-level headings, as CommonMark parses them")
struct MarkdownOutlineTests {
    @Test("ATX and setext headings at the top level are found with their text, lines and column; nested ones are not")
    func topLevelHeadings() {
        let source = """
            # Uno

              ## Due ##

            Tre
            ===

            > ## Quattro

                ## Cinque

            - ## Sei

            ```
            ## Sette
            ```

            ## *Otto* `x`

            #nove
            ---

            """
        #expect(
            Markdown.topLevelHeadings(in: source).map { "\($0.level) \($0.text) \($0.line)-\($0.endLine):\($0.column)" }
                == [
                    "1 Uno 1-1:1", "2 Due 3-3:3", "1 Tre 5-6:1", "2 Otto x 18-18:1", "2 #nove 20-21:1",
                ])
    }
}

@Suite("Scheda sections are the page's top-level ## headings, as CommonMark reads them")
struct ServiceSectionHeadingTests {
    /// Loads a service whose body is `serviceBody()` with "## Contatti" written as `heading`.
    func contacts(writtenAs heading: String) throws -> Page.MarkdownPart? {
        let content = try ContentFixture()
        let body = serviceBody().replacingOccurrences(of: "## Contatti", with: heading)
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + body)
        let portal = try #require(try content.load().portal("alfa"))
        let page = try #require(portal.page(id: "servizi/prova.md"))
        return try portal.markdownParts(of: page).first { $0.section == .contacts }
    }

    @Test(
        "a section heading indented up to three spaces, with closing #s, emphasis or other spacing is the section",
        arguments: [
            " ## Contatti", "   ## Contatti", "## Contatti ##", "## *Contatti*", "##   Contatti   ", "## contatti",
        ])
    func atxVariants(heading: String) throws {
        let section = try #require(try contacts(writtenAs: heading))
        #expect(section.firstLine == 40)
        #expect(section.markdown == "\nUfficio scuola.\n")
    }

    @Test("a setext heading underlined with --- is a section, and its text starts after the underline")
    func setext() throws {
        let section = try #require(try contacts(writtenAs: "Contatti\n--------"))
        #expect(section.firstLine == 41)
        #expect(section.markdown == "\nUfficio scuola.\n")
    }

    @Test(
        "a heading inside a block quote, list, code block or HTML block belongs to the section around it",
        arguments: [
            "> ## Contatti", "- ## Contatti", "Esempio:\n\n    ## Contatti", "~~~\n## Contatti\n~~~",
            "<div>\n## Contatti\n</div>",
        ])
    func nestedHeading(text: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + serviceBody(replacing: ("Cosa serve", text)))
        let portal = try #require(try content.load().portal("alfa"))
        let page = try #require(portal.page(id: "servizi/prova.md"))
        #expect(try portal.markdownParts(of: page).first { $0.section == .needed }?.markdown == "\n\(text)\n")
        #expect(page.service?.sections.filter { $0.kind == .contacts }.count == 1)
    }

    @Test("an indented heading that is not a scheda section is reported at its line and column")
    func indentedUnknown() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md", serviceFrontMatter + serviceBody() + "\n  ## Orari\n\nDalle 9 alle 12.\n")
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/servizi/prova.md:43:3: error: unknown section '## Orari'; scheda sections are: A chi è rivolto, Come fare, Cosa serve, Cosa si ottiene, Tempi e scadenze, Ulteriori informazioni, Condizioni di servizio, Contatti"
            ])
    }

    @Test("a setext heading that is not a scheda section is reported at its first line")
    func setextUnknown() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md", serviceFrontMatter + serviceBody() + "\nOrari\n---\n\nDalle 9 alle 12.\n")
        #expect(
            content.diagnostics().map { "\($0.line):\($0.column) \($0.message.prefix(26))" } == [
                "43:1 unknown section '## Orari'"
            ])
    }

    @Test("a # heading in a service body is an error: sections are ## and the title comes from front matter")
    func levelOne() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md", serviceFrontMatter + serviceBody() + "\n# Orari\n\nDalle 9 alle 12.\n")
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/servizi/prova.md:43:1: error: '# Orari' is a level-1 heading; write scheda sections as `## ` headings (the page title comes from `title:`)"
            ])
    }

    @Test("an empty indented section is reported at its heading's line and column")
    func emptyIndented() throws {
        let content = try ContentFixture()
        let body = serviceBody().replacingOccurrences(
            of: "## Cosa serve\n\nUn documento valido.\n", with: "  ## Cosa serve\n\n")
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + body)
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/servizi/prova.md:23:3: error: section 'Cosa serve' is empty; write at least a sentence (the AgID checker requires text)"
            ])
    }
}
