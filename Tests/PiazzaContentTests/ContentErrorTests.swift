import Foundation
import PiazzaContent
import Testing

@Suite("Bad YAML is reported at its line in the source file")
struct YAMLSyntaxErrorTests {
    @Test("a tab indenting front matter points at its line of the .md file, past the opening ---")
    func tabInFrontMatter() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 2026-09-01\n\tdescription: Da oggi.\n---\n\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/notizie/prima.md")
        #expect(diagnostic.line == 4)
        #expect(diagnostic.column == 1)
        #expect(
            diagnostic.message
                == "this line is indented with a tab (it looks like spaces); YAML indents with spaces only: replace the tab with spaces, two per level"
        )
    }

    @Test(
        "an unclosed quote points at the line where it opens in the .md file",
        arguments: [
            ("title: \"Aperte\ndate: 2026-09-01\n", 2, 8, "the quoted text")
        ])
    func unclosedQuote(yaml: String, line: Int, column: Int, what: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", "---\n" + yaml + "---\n\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/notizie/prima.md")
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(
            diagnostic.message
                == "invalid YAML: \(what) that starts here is never closed; add the closing quote or bracket")
    }

    @Test("an unclosed [ list names the line where it opens")
    func unclosedList() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 2026-09-01\ntopics: [scuola, famiglie\n---\n\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.message
                == "invalid YAML: the [ list that starts here is never closed; add the closing quote or bracket")
        #expect(diagnostic.line == 4)
        #expect(diagnostic.column == 9)
    }

    @Test("a YAML error in portal.yaml is not shifted")
    func portalYAML() throws {
        let content = try ContentFixture()
        try content.write(
            "beta/portal.yaml",
            "name: Beta Welfare\ndescription: Servizi.\ncontacts:\n  email: a@beta.example.it\n   phone: 0\n")
        let diagnostics = content.diagnostics()
        #expect(diagnostics.map(\.file) == ["beta/portal.yaml"])
        #expect(diagnostics.first?.line == 5)
        #expect(diagnostics.first?.message.hasPrefix("invalid YAML: ") == true)
    }

    @Test(
        "libyaml's problems are told as what the editor wrote and how to fix it (finding 17)",
        arguments: [
            (
                "---\ntitle: Orari: lunedì\n---\n\nTesto.\n", 2, 13,
                "a `: ` inside a value; put the whole value in quotes, e.g. title: \"Orari: dal lunedì al venerdì\""
            ),
            (
                "---\ntitle: @comune\n---\n\nTesto.\n", 2, 8,
                "a value cannot start with «@»; put the value in quotes: \"@…\""
            ),
        ])
    func yamlInWords(text: String, line: Int, column: Int, words: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", text)
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/chi-siamo.md:\(line):\(column): error: invalid YAML: \(words)"
            ])
    }

    @Test(
        "a tab in YAML indentation is named as a tab, at its place",
        arguments: [
            ("alfa/servizi/prova.md", "  place: Municipio", "\tplace: Municipio", 13, 1),
            ("beta/portal.yaml", "  email: welfare@beta.example.it", "  \temail: welfare@beta.example.it", 8, 3),
        ])
    func tabInIndentation(file: String, original: String, replacement: String, line: Int, column: Int) throws {
        let content = try ContentFixture()
        if file.hasSuffix(".md") { try content.write(file, serviceFrontMatter + serviceBody()) }
        try content.write(file, try content.read(file).replacingOccurrences(of: original, with: replacement))
        #expect(
            content.diagnostics().map(\.description) == [
                "\(file):\(line):\(column): error: this line is indented with a tab (it looks like spaces); YAML indents with spaces only: replace the tab with spaces, two per level"
            ])
    }

    @Test("a key written twice is named")
    func duplicateKey() throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\ntitle: Noi\n---\n\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/chi-siamo.md:3:1: error: key `title` is written twice (first at line 2); keep only one")
    }

    @Test("a page without front matter is told how to start")
    func missingFrontMatter() throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "# Chi siamo\n\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/chi-siamo.md:1:1: error: missing front matter; start the file with a line `---`, then `title: ...`, then another `---`"
        )
    }

    @Test("a front matter without its closing `---` is told so at the opening line, not as missing")
    func unclosedFrontMatter() throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\n\n# Chi siamo\n\nTesto.\n")
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/chi-siamo.md:1:1: error: the front matter opened by the `---` on line 1 is never closed; write a line `---` after its last key, before the page text"
        )
    }
}

@Suite("Unknown keys are located and a close key is suggested")
struct UnknownKeyTests {
    @Test(
        "an unknown key is reported at its line and column",
        arguments: [
            // (file, text, line, column, message)
            (
                "alfa/chi-siamo.md", "---\ntitle: Chi siamo\nwieght: 3\n---\n\nTesto.\n", 3, 1,
                "unknown key `wieght` in page front matter; did you mean `weight`?"
            ),
            (
                "alfa/chi-siamo.md", "---\ntitle: Chi siamo\ncolour: red\n---\n\nTesto.\n", 3, 1,
                "unknown key `colour` in page front matter; allowed keys: description, draft, title, type, weight"
            ),
            (
                "alfa/notizie/prima.md", "---\ntitle: Aperte\ndata: 2026-09-01\ndate: 2026-09-01\n---\n\nTesto.\n", 3,
                1,
                "unknown key `data` in news front matter; did you mean `date`?"
            ),
            (
                "alfa/servizi/prova.md",
                serviceFrontMatter.replacingOccurrences(
                    of: "  place: Municipio", with: "  place: Municipio\n  onlin: https://x.it")
                    + serviceBody(),
                14, 3, "unknown key `onlin` in `access` of the service; did you mean `online`?"
            ),
            (
                "beta/portal.yaml",
                "name: Beta\ncomuni:\n  - { name: Beta, istat: \"026021\", province: TV }\nbase_url: https://b.example.it\n"
                    + "intake_url: https://i.example.it\ndescription: Beta.\ncontacts:\n  email: a@b.it\n"
                    + "dpo: { name: D, email: d@b.it }\naccessibility_statement: https://a.example.it\nalow_raw_html: true\n",
                11, 1, "unknown key `alow_raw_html` in portal.yaml; did you mean `allow_raw_html`?"
            ),
        ])
    func unknownKey(file: String, text: String, line: Int, column: Int, message: String) throws {
        let content = try ContentFixture()
        try content.write(file, text)
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == file)
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(diagnostic.message == message)
        #expect(diagnostic.severity == .error)
    }
}

@Suite("A scheda servizio must have its sections, each with text")
struct ServiceSectionErrorTests {
    @Test("the complete scheda used by these tests loads")
    func complete() throws {
        let content = try ContentFixture()
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + serviceBody())
        let page = try #require(try content.load().portal("alfa")?.page(id: "servizi/prova.md"))
        #expect(page.bodyLine == 15)
        #expect(page.service?.sections.map(\.line) == [16, 20, 24, 28, 32, 36, 40])
    }

    @Test(
        "a missing mandatory section is named, at the line closing the front matter",
        arguments: [
            "A chi è rivolto", "Come fare", "Cosa serve", "Cosa si ottiene", "Tempi e scadenze",
            "Condizioni di servizio", "Contatti",
        ])
    func missingSection(title: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + serviceBody(omitting: title))
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/servizi/prova.md")
        #expect(diagnostic.line == 14)
        #expect(diagnostic.message == "mandatory section '## \(title)' is missing; add it to the page body")
    }

    @Test("'## Cosa serve' missing is reported with its exact heading")
    func missingCosaServe() throws {
        let content = try ContentFixture()
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + serviceBody(omitting: "Cosa serve"))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/servizi/prova.md:14:1: error: mandatory section '## Cosa serve' is missing; add it to the page body"
            ])
    }

    @Test("an empty section is reported at its heading", arguments: [("", 23), ("ok", 23)])
    func emptySection(text: String, line: Int) throws {
        let content = try ContentFixture()
        try content.write("alfa/servizi/prova.md", serviceFrontMatter + serviceBody(replacing: ("Cosa serve", text)))
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.line == line)
        #expect(
            diagnostic.message
                == "section 'Cosa serve' is empty; write at least a sentence (the AgID checker requires text)")
    }

    @Test("an unknown heading lists the scheda sections")
    func unknownHeading() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md", serviceFrontMatter + serviceBody() + "\n## Orari\n\nDalle 9 alle 12.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.line == 43)
        #expect(
            diagnostic.message
                == "unknown section '## Orari'; scheda sections are: A chi è rivolto, Come fare, Cosa serve, Cosa si ottiene, Tempi e scadenze, Ulteriori informazioni, Condizioni di servizio, Contatti"
        )
    }

    @Test("a heading inside a code fence is not a section")
    func fencedHeading() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter + serviceBody(replacing: ("Cosa serve", "Esempio:\n\n```\n## Orari\n```")))
        let portal = try #require(try content.load().portal("alfa"))
        let page = try #require(portal.page(id: "servizi/prova.md"))
        #expect(
            try portal.markdownParts(of: page).first { $0.section == .needed }?.markdown
                == "\nEsempio:\n\n```\n## Orari\n```\n")
    }

    @Test("an inactive service needs a reason, asked at its `status:` key")
    func inactiveWithoutReason() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter.replacingOccurrences(of: "status: attivo", with: "status: inattivo") + serviceBody())
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/servizi/prova.md:6:1: error: an `inattivo` service needs `status_reason: ...` explaining why and until when"
        )
    }
}

@Suite("Values of the wrong shape are errors at the value")
struct ValueErrorTests {
    @Test(
        "impossible dates and wrong types are located at the value",
        arguments: [
            (
                "alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 2025-02-30\n---\n\nTesto.\n", 3, 7,
                "`date` in news front matter is '2025-02-30', which does not exist: February 2025 has 28 days (2025 is not a leap year); check the day and the month"
            ),
            (
                "alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 30/01/2026\n---\n\nTesto.\n", 3, 7,
                "`date` in news front matter is '30/01/2026', a date written day first; write it year first: 2026-01-30"
            ),
            (
                "alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 1.3.2026\n---\n\nTesto.\n", 3, 7,
                "`date` in news front matter is '1.3.2026', a date written day first; write it year first: 2026-03-01"
            ),
            (
                "alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 30 gennaio\n---\n\nTesto.\n", 3, 7,
                "`date` in news front matter is '30 gennaio', not a real date; write it as YYYY-MM-DD, e.g. 2026-03-31"
            ),
            (
                "alfa/chi-siamo.md", "---\ntitle: Chi siamo\nweight: \"abc\"\n---\n\nTesto.\n", 3, 9,
                "`weight` in page front matter must be a whole number like 30"
            ),
            (
                "alfa/chi-siamo.md", "---\ntitle: Chi siamo\ndraft: forse\n---\n\nTesto.\n", 3, 8,
                "`draft` in page front matter must be true or false"
            ),
            (
                "alfa/chi-siamo.md", "---\ntitle: [Chi, siamo]\n---\n\nTesto.\n", 2, 8,
                "`title` in page front matter must be a text, not a list or mapping"
            ),
            (
                "alfa/chi-siamo.md", "---\ndescription: Manca il titolo.\n---\n\nTesto.\n", 2, 1,
                "page front matter is missing `title`; add `title: the page title`"
            ),
            (
                "alfa/chi-siamo.md", "---\ntitle: Chi siamo\ntype: blog\n---\n\nTesto.\n", 3, 7,
                "`type` in front matter is 'blog'; use one of: service, measure, news, page"
            ),
            (
                "alfa/misure/buoni.md",
                "---\ntitle: Buoni\ndescription: Buoni.\nform: iscrizione\nopens: 2026-12-15\ncloses: 2026-11-02\n---\n\nTesto.\n",
                6, 9, "`closes` (2026-11-02) is before `opens` (2026-12-15); swap them"
            ),
        ])
    func badValue(file: String, text: String, line: Int, column: Int, message: String) throws {
        let content = try ContentFixture()
        try content.write(file, text)
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == file)
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(diagnostic.message == message)
    }

    @Test("a service value outside its fixed set lists the allowed words")
    func badChoice() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter.replacingOccurrences(of: "price: gratuito", with: "price: gratis") + serviceBody())
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.line == 7)
        #expect(diagnostic.column == 8)
        #expect(
            diagnostic.message
                == "`price` in service front matter is 'gratis'; use one of: gratuito, a-pagamento, in-convenzione")
    }
}

@Suite("References between files are checked")
struct ReferenceErrorTests {
    @Test("a measure naming a form that does not exist points at `form:`")
    func missingForm() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/misure/buoni.md",
            "---\ntitle: Buoni\ndescription: Buoni.\nform: buoni\nopens: 2026-11-02\ncloses: 2026-12-15\n---\n\nTesto.\n"
        )
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/misure/buoni.md:4:1: error: form 'buoni' not found in forms/; forms are: iscrizione")
    }

    @Test("a missing footer page is an error of portal.yaml")
    func missingFooterPage() throws {
        let content = try ContentFixture()
        try content.remove("_shared/faq.md")
        let diagnostics = content.diagnostics()
        #expect(
            diagnostics.map(\.description) == [
                "alfa/portal.yaml:1:1: error: portal 'alfa' has no page 'faq.md' (linked from every footer); add it to alfa/ or _shared/",
                "beta/portal.yaml:1:1: error: portal 'beta' has no page 'faq.md' (linked from every footer); add it to beta/ or _shared/",
            ])
    }

    @Test("a portal's errors point at its own `name:`, not at a comune's `- name:` written before it")
    func portalErrorAtName() throws {
        let content = try ContentFixture()
        let config = try content.read("alfa/portal.yaml")
        try content.write(
            "alfa/portal.yaml",
            config.replacingOccurrences(
                of: "name: Alfa Welfare\ncomuni:\n  - { name: Alfa, istat: \"028100\", province: PD }\n",
                with: "comuni:\n  - name: Alfa\n    istat: \"028100\"\n    province: PD\nname: Alfa Welfare\n"))
        try content.remove("alfa/_index.md")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description == "alfa/portal.yaml:5:1: error: portal 'alfa' has no home page; add alfa/_index.md")
    }

    @Test(
        "a service's access channel that leads nowhere points at its key inside `access`, line and column",
        arguments: [
            (
                "form: nessuno",
                "alfa/servizi/prova.md:13:3: error: access form 'nessuno' not found in forms/; forms are: iscrizione"
            ),
            (
                "booking: nessuna.md",
                "alfa/servizi/prova.md:13:3: error: booking page 'nessuna.md' resolves to 'servizi/nessuna.md', which does not exist"
            ),
        ])
    func accessChannelAtNestedKey(channel: String, expected: String) throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter.replacingOccurrences(of: "place: Municipio", with: channel) + serviceBody())
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.description == expected)
    }

    @Test("a residence check whose options are no comune of the portal points at `residence:` inside `checks`")
    func residenceCheckAtNestedKey() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/residenza.yaml",
            """
            title: Residenza
            description: Prova.
            opens: 2026-09-01 09:00
            closes: 2026-12-15 12:00
            privacy: privacy.md
            retention_years: 5
            sections:
              - title: Dati
                fields:
                  - { name: comune, type: select, label: Comune, options: ["999999"] }
            checks:
              residence: { field: comune }

            """)
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/forms/residenza.yaml:12:3: error: no option of `comune` is an ISTAT code of this portal's comuni (028100); write `options: comuni` to offer the portal's comuni, or override the form in alfa/forms/"
        )
    }

    @Test(
        "a file name with capitals, spaces, accents or another suffix is refused with the name to give it (finding 7)",
        arguments: [
            ("alfa/Chi Siamo.md", "Chi Siamo.md", "chi-siamo.md"),
            (
                "alfa/notizie/Festa del Volontariato (copia).MD", "notizie/Festa del Volontariato (copia).MD",
                "notizie/festa-del-volontariato-copia.md"
            ),
            ("alfa/Servizi Città/perché.markdown", "Servizi Città/perché.markdown", "servizi-citta/perche.md"),
            ("alfa/servizi/_Index.md", "servizi/_Index.md", "servizi/_index.md"),
            ("alfa/forms/Domanda_1.yml", "forms/Domanda_1.yml", "forms/domanda-1.yaml"),
        ])
    func badFileName(file: String, path: String, fixed: String) throws {
        let content = try ContentFixture()
        try content.write(file, "---\ntitle: Chi siamo\n---\n")
        #expect(
            content.diagnostics().map(\.description) == [
                "\(file): error: file name '\(path)' must use only lower-case a-z, 0-9 and - (and end in .md or .yaml); rename it to '\(fixed)'"
            ])
    }

    @Test("a top-level folder an editor or a tool left as a backup (vigonza~, .vigonza) is no portal (finding 7)")
    func scratchPortalFolder() throws {
        let content = try ContentFixture()
        try content.write("alfa~/chi-siamo.md", "---\ntitle: Chi siamo\n---\n")
        try content.write(".alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n")
        #expect(ContentTree.portalIDs(in: content.root) == ["alfa", "beta"])
        #expect(try content.load().portals.map(\.id).sorted() == ["alfa", "beta"])
    }
}

@Suite("Every error of a tree is reported in one run")
struct AllErrorsTogetherTests {
    @Test("two bad files in two portals give both diagnostics, sorted by file")
    func twoBadFiles() throws {
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 2025-02-30\n---\n\nTesto.\n")
        try content.write("beta/chi-siamo.md", "---\ntitle: Chi siamo\nweight: \"abc\"\n---\n\nTesto.\n")
        let diagnostics = content.diagnostics()
        #expect(
            diagnostics.map(\.description) == [
                "alfa/notizie/prima.md:3:7: error: `date` in news front matter is '2025-02-30', which does not exist: February 2025 has 28 days (2025 is not a leap year); check the day and the month",
                "beta/chi-siamo.md:3:9: error: `weight` in page front matter must be a whole number like 30",
            ])
    }

    @Test("several errors in one file are all reported, in line order")
    func severalInOneFile() throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\nwieght: 1\ndraft: forse\n---\n\nTesto.\n")
        let diagnostics = content.diagnostics()
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["3:1", "4:8"])
    }

    @Test("the error's description prints every diagnostic then a count")
    func description() throws {
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 2025-02-30\n---\n")
        try content.write("alfa/notizie/seconda.md", "---\ntitle: Festa\n---\n")
        let error = #expect(throws: ContentError.self) { try ContentTree.load(from: content.root) }
        #expect(
            error?.description == """
                alfa/notizie/prima.md:3:7: error: `date` in news front matter is '2025-02-30', which does not exist: February 2025 has 28 days (2025 is not a leap year); check the day and the month
                alfa/notizie/seconda.md:2:1: error: news front matter is missing `date`; add `date: YYYY-MM-DD`
                2 errors in content
                """)
    }
}
