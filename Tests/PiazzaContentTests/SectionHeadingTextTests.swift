import Foundation
import PiazzaContent
import Testing

@Suite("Scheda headings are matched as typed text, and invisible characters are named in messages")
struct SectionHeadingTextTests {
    @Test(
        "a heading with a no-break, narrow or zero-width space, or a soft hyphen, is the section it reads as",
        arguments: [
            "## A chi\u{00A0}è rivolto", "## A chi è\u{202F}rivolto", "## A chi è rivolto\u{200B}",
            "## A chi è ri\u{00AD}volto",
        ])
    func invisibleCharacters(heading: String) throws {
        let content = try ContentFixture()
        let body = serviceBody().replacingOccurrences(of: "## A chi è rivolto", with: heading)
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + body)
        let page = try content.load().portal("alfa")?.page(id: "servizi/prova.md")
        #expect(page?.service?.sections.first?.kind == .addressed)
    }

    @Test("an unknown section's message shows the invisible characters it holds")
    func unknownSectionShowsInvisibles() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter + serviceBody() + "\n## Orari\u{00A0}di\u{200B} apertura\n\nSempre.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.message.hasPrefix("unknown section '## Orari<U+00A0>di<U+200B> apertura'; scheda sections are:"))
    }
}
