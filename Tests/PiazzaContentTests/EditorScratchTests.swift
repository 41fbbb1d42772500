import Foundation
import Testing

@testable import PiazzaContent

@Suite("Editors' backup files are no content, and a photo beside the pages is told where it goes")
struct EditorScratchTests {
    @Test(
        "editors' and tools' scratch files are recognised, real files are not",
        arguments: [
            ("sed82IFA0", true), ("#avviso.md#", true), (".avviso.md.swp", true), ("avviso.md~", true),
            ("avviso.md.swp", true), ("avviso.md.swx", true), ("4913", true), ("portal.yaml~", true),
            ("avviso.md___jb_tmp___", true), ("avviso.md___jb_old___", true), (".DS_Store", true),
            ("sedano.md", false), ("sed82IFA0.md", false), ("avviso.md", false), ("#", false),
            ("#avviso.md", false), ("avviso (copia).md", false),
        ])
    func names(name: String, scratch: Bool) {
        #expect(EditorScratch.isScratch(name[...]) == scratch)
    }

    @Test("backups, autosaves and swap files beside pages and portal.yaml load as if they were not there")
    func backupsAreSkipped() throws {
        let content = try ContentFixture()
        let page = try content.read("alfa/notizie/prima.md")
        for name in [
            "alfa/notizie/prima.md~", "alfa/notizie/#prima.md#", "alfa/notizie/prima.md.swp", "alfa/notizie/4913",
            "alfa/notizie/prima.md___jb_old___", "alfa/portal.yaml~", "_shared/privacy.md~", "alfa/static/logo.svg~",
        ] {
            try content.write(name, page)
        }
        let portal = try #require(try content.load().portal("alfa"))
        #expect(
            portal.pages.filter { $0.id.hasPrefix("notizie/") }.map(\.id).sorted() == [
                "notizie/prima.md", "notizie/seconda.md",
            ])
        #expect(portal.staticFiles.map(\.path).filter { $0.hasPrefix("static/logo") }.isEmpty)
    }

    @Test(
        "a photo or document beside the pages is told where such files go and how a page links them",
        arguments: [
            ("alfa/notizie/foto-festa.svg", "notizie/foto-festa.svg", "alfa/static/", "foto-festa.svg"),
            ("alfa/notizie/bozza.docx", "notizie/bozza.docx", "alfa/static/", "bozza.docx"),
            ("_shared/Bando 2026.pdf", "Bando 2026.pdf", "_shared/static/ (every portal's files)", "Bando 2026.pdf"),
        ])
    func staticAdvice(file: String, path: String, folder: String, name: String) throws {
        let content = try ContentFixture()
        try content.write(file, "x")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == file)
        #expect(
            diagnostic.message
                == "'\(path)' is not a page: only pages (.md), forms and calendars (.yaml) and lists (.csv) are read here; move images and documents to \(folder) and link them from a page as '/static/\(name)'"
        )
    }

    @Test("a pictures folder at the top of content/ is told _shared/static/, not to become a portal")
    func picturesFolder() throws {
        let content = try ContentFixture()
        try content.write("immagini/logo.svg", "<svg/>")
        #expect(
            content.diagnostics().map(\.description) == [
                "immagini/logo.svg: error: 'logo.svg' is not a page: only pages (.md), forms and calendars (.yaml) and lists (.csv) are read here; move images and documents to _shared/static/ (every portal's files) and link them from a page as '/static/logo.svg'",
                "immagini/portal.yaml: error: portal 'immagini' has no portal.yaml; create it to make 'immagini' a portal (see docs/CONTENT.md), or move its files: images and documents to _shared/static/ (every portal's) or a portal's static/, pages to a portal's folder",
            ])
    }
}
