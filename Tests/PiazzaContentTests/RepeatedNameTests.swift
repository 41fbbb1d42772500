import Foundation
import PiazzaContent
import Testing

@Suite("A name written twice in content is an error at the second, never a crash")
struct RepeatedNameTests {
    @Test(
        "a scheda section written twice, in any spelling, is an error at the second heading and is kept once",
        arguments: ["## Contatti", "## contatti", "   ## CONTATTI ##", "Contatti\n---"])
    func sectionTwice(second: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + serviceBody() + "\n\(second)\n\nAncora.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/servizi/prova.md")
        #expect(diagnostic.line == 43)
        #expect(
            diagnostic.message == "section 'Contatti' appears twice (first at line 39); keep one, moving its text there"
        )
    }

    @Test(
        "an item repeated in a list of front matter is an error at the repeat",
        arguments: [
            (
                "topics: [Istruzione]", "topics: [Istruzione, Istruzione]", 5, 22,
                "'Istruzione' appears twice in `topics`"
            ),
            ("audience: [famiglie]", "audience: [famiglie, famiglie]", 8, 22, "'famiglie' appears twice in `audience`"),
        ])
    func listItemTwice(original: String, replacement: String, line: Int, column: Int, message: String) throws {
        let content = try ContentFixture()
        let page = (serviceFrontMatter + serviceBody()).replacingOccurrences(of: original, with: replacement)
        try content.write("alfa/servizi/prova.md", page)
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/servizi/prova.md")
        #expect(diagnostic.line == line && diagnostic.column == column)
        #expect(diagnostic.message.hasPrefix(message))
    }

    @Test(
        "a key written twice in front matter, portal.yaml or a form is an error at the second, naming the first's line",
        arguments: [
            ("alfa/chi-siamo.md", "---\ntitle: Chi siamo\ntitle: Chi siamo bis\n---\n\nTesto.\n", 3, 2, "title"),
            ("beta/portal.yaml", "name: Beta\nname: Beta bis\n", 2, 1, "name"),
            ("alfa/forms/doppio.yaml", "title: Domanda\ntitle: Domanda bis\n", 2, 1, "title"),
        ])
    func keyTwice(file: String, text: String, line: Int, first: Int, key: String) throws {
        let content = try ContentFixture()
        try content.write(file, text)
        let repeated = content.diagnostics().filter { $0.message.contains("written twice") }
        #expect(
            repeated.map(\.description) == [
                "\(file):\(line):1: error: key `\(key)` is written twice (first at line \(first)); keep only one"
            ])
    }

    @Test(
        "a key written three times, or again in a nested mapping, is an error at each repeat naming the first's line (finding 22)",
        arguments: [
            (
                "alfa/chi-siamo.md", "---\ntitle: A\ntitle: B\ntitle: C\n---\n\nTesto.\n",
                [(3, 1, "title", 2, "twice"), (4, 1, "title", 2, "3 times")]
            ),
            (
                "alfa/forms/doppio.yaml",
                "title: Domanda\ntitle: Domanda bis\nsections:\n  - title: Dati\n    fields:\n"
                    + "      - name: nome\n        type: text\n        label: Nome\n        type: text\n        type: date\n"
                    + "        label: Nome bis\n",
                [
                    (2, 1, "title", 1, "twice"), (9, 9, "type", 7, "twice"), (10, 9, "type", 7, "3 times"),
                    (11, 9, "label", 8, "twice"),
                ]
            ),
        ])
    func keyThrice(file: String, text: String, repeats: [(Int, Int, String, Int, String)]) throws {
        let content = try ContentFixture()
        try content.write(file, text)
        #expect(
            content.diagnostics().filter { $0.message.contains(" is written ") }.map(\.description)
                == repeats.map { line, column, key, first, times in
                    "\(file):\(line):\(column): error: key `\(key)` is written \(times) (first at line \(first)); keep only one"
                })
    }

    @Test("a key written again is reported, and the file's other errors with it")
    func keysTwiceWithOtherErrors() throws {
        let content = try ContentFixture()
        let page = (serviceFrontMatter + serviceBody())
            .replacingOccurrences(of: "topics: [Istruzione]", with: "topics: [Istruzione, Istruzione]")
            .replacingOccurrences(
                of: "max_response_days: 10\n", with: "max_response_days: 10\ntitle: Altro\n")
        try content.write("alfa/servizi/prova.md", page)
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/servizi/prova.md:5:22: error: 'Istruzione' appears twice in `topics` in service front matter; keep one",
                "alfa/servizi/prova.md:12:1: error: key `title` is written twice (first at line 2); keep only one",
            ])
    }

    @Test("a featured measure or a comune listed twice in portal.yaml is an error at the repeat")
    func portalListsTwice() throws {
        let content = try ContentFixture()
        let config = try content.read("alfa/portal.yaml")
        try content.write(
            "alfa/portal.yaml",
            config.replacingOccurrences(
                of: "  - { name: Alfa, istat: \"028100\", province: PD }\n",
                with:
                    "  - { name: Alfa, istat: \"028100\", province: PD }\n  - { name: Alfa bis, istat: \"028100\", province: PD }\n"
            ) + "featured_measures: [buoni, buoni]\n")
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/portal.yaml:4:30: error: comune 028100 appears twice in `comuni`; keep one",
                "alfa/portal.yaml:12:28: error: 'buoni' appears twice in `featured_measures` in portal.yaml; keep one",
            ])
    }

    @Test(
        "two files published at the same path are an error at the second, naming the first",
        arguments: [
            ("alfa/servizi/tutor/_index.md", "'servizi/tutor/', like alfa/servizi/tutor.md"),
            ("alfa/moduli/iscrizione.md", "'moduli/iscrizione/', like _shared/forms/iscrizione.yaml"),
            ("alfa/servizi.md", "'servizi/', like the list of servizi piazza generates"),
        ])
    func publishedTwice(file: String, message: String) throws {
        let content = try ContentFixture()
        try content.write(file, "---\ntitle: Doppione\ntype: page\n---\n\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == file)
        #expect(diagnostic.line == 1)
        #expect(diagnostic.message.hasPrefix("this page is published at \(message)"))
    }
}
