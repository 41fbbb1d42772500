import Foundation
import PiazzaContent
import Testing

@Suite("A good content tree loads")
struct ContentTreeLoadingTests {
    @Test("every portal folder becomes a portal, sorted by id, and _shared is not a portal")
    func portals() throws {
        let tree = try ContentTree.load(from: ContentFixture.fixtureURL("good"))
        #expect(tree.portals.map(\.id) == ["alfa", "beta"])
        #expect(tree.warnings.isEmpty)
        let alfa = try #require(tree.portal("alfa"))
        #expect(alfa.config.name == "Alfa Welfare")
        #expect(alfa.config.baseURL == "https://welfare.alfa.example.it")
        #expect(alfa.config.comuni.map(\.istat) == ["028100"])
        #expect(alfa.config.feedEntries == 20)
        #expect(alfa.config.allowRawHTML == false)
    }

    @Test("a portal publishes its own pages plus _shared ones, without drafts")
    func pageIDs() throws {
        let tree = try ContentTree.load(from: ContentFixture.fixtureURL("good"))
        let alfa = try #require(tree.portal("alfa"))
        #expect(
            alfa.pages.map(\.id) == [
                "_index.md", "accessibilita.md", "chi-siamo.md", "faq.md", "misure/buoni.md", "note-legali.md",
                "notizie/prima.md", "notizie/seconda.md", "privacy.md", "segnala-disservizio.md",
                "servizi/sportello.md",
                "servizi/tutor.md",
            ])
        let beta = try #require(tree.portal("beta"))
        #expect(
            beta.pages.map(\.id) == [
                "_index.md", "accessibilita.md", "faq.md", "note-legali.md", "privacy.md", "segnala-disservizio.md",
                "servizi/sportello.md",
            ])
        #expect(alfa.forms.map(\.id) == ["iscrizione"])
        #expect(beta.forms.map(\.id) == ["iscrizione"])
    }

    @Test(
        "the page type comes from the folder",
        arguments: [
            ("_index.md", PageType.page), ("chi-siamo.md", .page), ("servizi/tutor.md", .service),
            ("misure/buoni.md", .measure), ("notizie/prima.md", .news), ("privacy.md", .page),
        ])
    func pageTypes(id: String, type: PageType) throws {
        let alfa = try #require(try ContentTree.load(from: ContentFixture.fixtureURL("good")).portal("alfa"))
        #expect(alfa.page(id: id)?.type == type)
    }

    @Test("a page in the portal overrides the _shared page with the same path")
    func sharedOverride() throws {
        let tree = try ContentTree.load(from: ContentFixture.fixtureURL("good"))
        let alfaPage = try #require(tree.portal("alfa")?.page(id: "servizi/sportello.md"))
        #expect(alfaPage.title == "Sportello di Alfa")
        #expect(alfaPage.source == "alfa/servizi/sportello.md")
        let betaPage = try #require(tree.portal("beta")?.page(id: "servizi/sportello.md"))
        #expect(betaPage.title == "Sportello condiviso")
        #expect(betaPage.source == "_shared/servizi/sportello.md")
    }

    @Test("a service's sections come out in the Designers Italia order, whatever order they were written in")
    func serviceSections() throws {
        let alfa = try #require(try ContentTree.load(from: ContentFixture.fixtureURL("good")).portal("alfa"))
        let page = try #require(alfa.page(id: "servizi/tutor.md"))
        let service = try #require(page.service)
        #expect(
            service.sections.map(\.kind) == [
                .addressed, .howTo, .needed, .achieved, .deadlines, .moreInfo, .conditions, .contacts,
            ])
        // The line right after each `##` heading in alfa/servizi/tutor.md.
        #expect(service.sections.map(\.line) == [29, 37, 25, 45, 49, 33, 41, 21])
        #expect(
            try alfa.markdownParts(of: page).first?.markdown == "\nA bambini dalla terza elementare alla terza media.\n"
        )
        #expect(service.category == "Educazione e formazione")
        #expect(service.topics == ["Istruzione", "Assistenza sociale"])
        #expect(service.audience == [.famiglie])
        #expect(service.provider == .cooperativa)
        #expect(service.providerName == "Cooperativa Esempio")
        #expect(service.maxResponseDays == 15)
        #expect(service.access.form == "iscrizione")
        #expect(service.access.place == nil)
    }

    @Test("measure, news and status details are read from front matter")
    func details() throws {
        let alfa = try #require(try ContentTree.load(from: ContentFixture.fixtureURL("good")).portal("alfa"))
        let measure = try #require(alfa.page(id: "misure/buoni.md")?.measure)
        #expect(measure.number == 1)
        #expect(measure.form == "iscrizione")
        #expect(measure.opens.iso == "2026-11-02")
        #expect(measure.closes.iso == "2026-12-15")
        #expect(alfa.page(id: "notizie/prima.md")?.news?.date.iso == "2026-09-01")
        let inactive = try #require(alfa.page(id: "servizi/sportello.md")?.service)
        #expect(inactive.status == .inattivo)
        #expect(inactive.statusReason == "Chiuso per lavori fino a marzo.")
        #expect(alfa.pages(ofType: .news).map(\.id) == ["notizie/seconda.md", "notizie/prima.md"])
    }

    @Test("lists are by weight, then news newest first, then title, then id; a section lists its own files only")
    func listOrder() throws {
        let content = try ContentFixture()
        let news = { (title: String, date: String, weight: Int) in
            "---\ntitle: \(title)\ndate: \(date)\nweight: \(weight)\n---\n\nTesto.\n"
        }
        try content.write("alfa/notizie/a.md", news("Zeta", "2026-01-01", 0))
        try content.write("alfa/notizie/b.md", news("Alfa", "2026-01-01", 0))
        try content.write("alfa/notizie/c.md", news("Alfa", "2026-01-01", 0))
        try content.write("alfa/notizie/d.md", news("Beta", "2026-03-01", 0))
        try content.write("alfa/notizie/e.md", news("Prima", "2025-01-01", -1))
        try content.write("alfa/notizie/_index.md", "---\ntitle: Notizie\n---\n")
        try content.write("alfa/notizie/2026/f.md", news("Annata", "2026-06-01", 0))
        let alfa = try #require(try content.load().portal("alfa"))
        #expect(
            alfa.pages(inSection: "notizie").map(\.id) == [
                "notizie/e.md", "notizie/seconda.md", "notizie/prima.md", "notizie/d.md", "notizie/b.md",
                "notizie/c.md", "notizie/a.md",
            ])
        #expect(alfa.pages(ofType: .news).map(\.id).first == "notizie/e.md")
        #expect(alfa.pages(ofType: .news).map(\.id).contains("notizie/2026/f.md"))
        #expect(alfa.pages(inSection: "notizie/2026").isEmpty)
        #expect(alfa.pages(inSection: "").isEmpty)
        #expect(alfa.pages(inSection: "servizi").map(\.id) == ["servizi/sportello.md", "servizi/tutor.md"])
    }

    @Test("a form definition keeps its window, fields and conditions")
    func form() throws {
        let alfa = try #require(try ContentTree.load(from: ContentFixture.fixtureURL("good")).portal("alfa"))
        let form = try #require(alfa.form(id: "iscrizione"))
        #expect(form.source == "_shared/forms/iscrizione.yaml")
        #expect(form.opens.iso == "2026-09-01T09:00:00+02:00")
        #expect(form.closes.iso == "2026-12-15T12:00:00+01:00")
        #expect(form.fields.map(\.name) == ["nome", "ha_figli", "scuola"])
        #expect(form.fields.map(\.type) == [.text, .radio, .text])
        #expect(form.field(named: "ha_figli")?.options.map(\.value) == ["si", "no"])
        var condition = FieldCondition(field: "ha_figli", values: ["si"])
        condition.fieldPlace = SourceLocation(file: "_shared/forms/iscrizione.yaml", line: 18, column: 24)
        #expect(form.field(named: "scuola")?.when == condition)
        #expect(form.field(named: "nome")?.maxLength == 200)
        #expect(alfa.formAction(for: form) == "https://servizi.alfa.example.it/forms/alfa/iscrizione")
    }

    @Test("a portal folder named like a back-office page is an error", arguments: ["login", "logout"])
    func reservedName(id: String) throws {
        let content = try ContentFixture()
        try FileManager.default.copyItem(
            at: content.root.appendingPathComponent("alfa"), to: content.root.appendingPathComponent(id))
        #expect(
            try content.onlyDiagnostic().description
                == "\(id): error: portal folder '\(id)' has a name the daemon uses for its own pages (/operator/\(id)); rename the folder"
        )
    }

    @Test("loading only some portals skips the others, and an unknown id is an error")
    func onlySomePortals() throws {
        let root = ContentFixture.fixtureURL("good")
        #expect(try ContentTree.load(from: root, portals: ["beta"]).portals.map(\.id) == ["beta"])
        let error = #expect(throws: ContentError.self) { try ContentTree.load(from: root, portals: ["gamma"]) }
        #expect(error?.diagnostics.map(\.file) == ["gamma"])
        #expect(
            error?.diagnostics.first?.description
                == "gamma: error: --portal gamma: no portal folder 'gamma' in \(root.standardizedFileURL.path); use one of: alfa, beta"
        )
    }

    @Test(
        "the listing leaves out hidden names and what is below them and counts a link to a file inside the content as what it points to"
    )
    func listing() throws {
        let fixture = try ContentFixture()
        let alfa = fixture.root.appendingPathComponent("alfa")
        try fixture.write("alfa/.bozze/nascosta.md", "---\ntitle: Nascosta\n---\n")
        try fixture.write("alfa/.nascosta.md", "---\ntitle: Nascosta\n---\n")
        try fixture.write("altrove/collegata.md", "---\ntitle: Collegata\n---\n")
        try fixture.write("alfa/static/logo.svg", "<svg/>")
        let links = [("collegata.md", "../altrove/collegata.md"), ("static/logo-link.svg", "logo.svg")]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(
                atPath: alfa.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let tree = try ContentTree.load(from: fixture.root, portals: ["alfa"])
        let portal = try #require(tree.portal("alfa"))
        #expect(
            portal.pages.map(\.id) == [
                "_index.md", "accessibilita.md", "chi-siamo.md", "collegata.md", "faq.md", "misure/buoni.md",
                "note-legali.md", "notizie/prima.md", "notizie/seconda.md", "privacy.md", "segnala-disservizio.md",
                "servizi/sportello.md", "servizi/tutor.md",
            ])
        #expect(portal.page(id: "collegata.md")?.source == "alfa/collegata.md")
        let own = portal.staticFiles.filter { $0.source.path.hasPrefix(alfa.path + "/") }
        #expect(own.map(\.path) == ["static/logo-link.svg", "static/logo.svg"])
        #expect(own.map(\.source.path) == ["static/logo-link.svg", "static/logo.svg"].map { alfa.path + "/" + $0 })
        #expect(tree.warnings.isEmpty)
    }
}

@Suite("Diagnostics name only the places they know")
struct DiagnosticPlaceTests {
    @Test(
        "a whole-file problem prints no line, an unknown column prints no column",
        arguments: [
            (0, 0, "a/portal.yaml: error: m"),
            (0, 5, "a/portal.yaml: error: m"),
            (3, 0, "a/portal.yaml:3: error: m"),
            (3, 7, "a/portal.yaml:3:7: error: m"),
        ])
    func place(line: Int, column: Int, printed: String) {
        #expect(Diagnostic(file: "a/portal.yaml", line: line, column: column, message: "m").description == printed)
    }
}

@Suite("Pages saved by any editor load the same")
struct LineEndingTests {
    @Test("a page with Windows line endings loads, with the same lines")
    func crlfPage() throws {
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", "---\r\ntitle: Aperte\r\ndate: 2026-09-01\r\n---\r\n\r\nTesto.\r\n")
        let page = try #require(try content.load().portal("alfa")?.page(id: "notizie/prima.md"))
        #expect(page.title == "Aperte")
        #expect(page.news?.date.iso == "2026-09-01")
        #expect(page.bodyLine == 5)
    }

    @Test("a scheda servizio with Windows line endings keeps its sections")
    func crlfService() throws {
        let content = try ContentFixture()
        let text = (serviceFrontMatter + serviceBody()).replacingOccurrences(of: "\n", with: "\r\n")
        try content.write("alfa/servizi/prova.md", text)
        let portal = try #require(try content.load().portal("alfa"))
        let page = try #require(portal.page(id: "servizi/prova.md"))
        #expect(page.service?.sections.map(\.line) == [16, 20, 24, 28, 32, 36, 40])
        #expect(try portal.markdownParts(of: page).first?.markdown == "\nA tutte le famiglie.\n")
    }

    @Test("a section line ending in a stray carriage return before \\r\\n loses only the last one, as before")
    func strayCarriageReturn() throws {
        let content = try ContentFixture()
        let text = (serviceFrontMatter + serviceBody()).replacingOccurrences(of: "\n", with: "\r\n")
            .replacingOccurrences(of: "A tutte le famiglie.\r\n", with: "A tutte le famiglie.\r\r\n")
        try content.write("alfa/servizi/prova.md", text)
        let portal = try #require(try content.load().portal("alfa"))
        let page = try #require(portal.page(id: "servizi/prova.md"))
        #expect(page.service?.sections.map(\.line) == [16, 20, 24, 28, 32, 36, 40])
        let parts = try portal.markdownParts(of: page)
        #expect(parts.first?.markdown == "\nA tutte le famiglie.\n")
        #expect(parts.last?.markdown == "\nUfficio scuola.\n")
    }

    @Test("an error in a Windows-saved file keeps its line number")
    func crlfError() throws {
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", "---\r\ntitle: Aperte\r\ndate: 2025-02-30\r\n---\r\n\r\nTesto.\r\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/notizie/prima.md:3:7: error: `date` in news front matter is '2025-02-30', which does not exist: February 2025 has 28 days (2025 is not a leap year); check the day and the month"
        )
    }

    @Test("a reference error in a Windows-saved file points at its key")
    func crlfReference() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/misure/buoni.md",
            "---\r\ntitle: Buoni\r\ndescription: Buoni.\r\nform: buoni\r\nopens: 2026-11-02\r\ncloses: 2026-12-15\r\n---\r\n"
        )
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/misure/buoni.md:4:1: error: form 'buoni' not found in forms/; forms are: iscrizione")
    }

    @Test("a byte order mark before the first --- is ignored")
    func byteOrderMark() throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "\u{FEFF}---\ntitle: Chi siamo\n---\n\nTesto.\n")
        #expect(try content.load().portal("alfa")?.page(id: "chi-siamo.md")?.title == "Chi siamo")
    }

    /// Since 560684c (finding 5) a link the listing cannot take as a file of the content is an error at the link,
    /// no longer skipped in silence: the editor would not know why the page or folder is missing.
    @Test("a link to a folder and a link to nothing are errors at the link, each with its fix")
    func linksNotRead() throws {
        let fixture = try ContentFixture()
        let alfa = fixture.root.appendingPathComponent("alfa")
        try fixture.write("altrove/cartella/dentro.md", "---\ntitle: Dentro\n---\n")
        for (name, target) in [("cartella", "../altrove/cartella"), ("rotta.md", "../altrove/nessuna.md")] {
            try FileManager.default.createSymbolicLink(
                atPath: alfa.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let error = #expect(throws: ContentError.self) { try ContentTree.load(from: fixture.root, portals: ["alfa"]) }
        let messages = (error?.diagnostics ?? []).filter { $0.severity == .error }.map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("alfa/cartella: error: symbolic link to the folder '../altrove/cartella'")
            })
        #expect(
            messages.contains {
                $0.hasPrefix("alfa/rotta.md: error: symbolic link to '../altrove/nessuna.md', which does not exist")
            })
    }
}
