import Foundation
import PiazzaContent
import Testing

/// The UTF-8 byte order mark Windows Notepad writes at the start of a file.
let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

@Suite("Every content file is read as UTF-8, with or without a byte order mark")
struct SourceTextTests {
    @Test(
        "a YAML or Markdown file saved with a byte order mark loads like the same file without it",
        arguments: ["alfa/portal.yaml", "_shared/forms/iscrizione.yaml", "alfa/notizie/prima.md"])
    func byteOrderMark(path: String) throws {
        let content = try ContentFixture()
        let text = try content.read(path)
        let plain = try content.load()
        try content.write(path, bytes: utf8ByteOrderMark + Array(text.utf8))
        let marked = try content.load()
        #expect(marked.portal("alfa")?.config == plain.portal("alfa")?.config)
        #expect(marked.portal("alfa")?.forms == plain.portal("alfa")?.forms)
        #expect(marked.portal("alfa")?.pages == plain.portal("alfa")?.pages)
    }

    @Test("a key on the first line of a file with a byte order mark is read at line 1, column 1")
    func firstKeyAfterMark() throws {
        let content = try ContentFixture()
        let text = try content.read("alfa/portal.yaml").replacingOccurrences(of: "name:", with: "nmae:")
        try content.write("alfa/portal.yaml", bytes: utf8ByteOrderMark + Array(text.utf8))
        #expect(
            content.diagnostics().map(\.description).contains(
                "alfa/portal.yaml:1:1: error: unknown key `nmae` in portal.yaml; did you mean `name`?"))
    }

    @Test("an error in a file saved with a byte order mark and Windows line endings keeps its line and column")
    func markAndCRLF() throws {
        let content = try ContentFixture()
        let text = (try content.read("alfa/portal.yaml") + "feed_entries: molte\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        try content.write("alfa/portal.yaml", bytes: utf8ByteOrderMark + Array(text.utf8))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/portal.yaml:11:15: error: `feed_entries` in portal.yaml must be a whole number like 30"
            ])
    }

    @Test("a YAML syntax error after a byte order mark and Windows line endings is placed as in the plain file")
    func syntaxErrorAfterMark() throws {
        let text = "---\ntitle: [Aperte\ndate: 2026-09-01\n---\n\nTesto.\n"
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", text)
        let plain = content.diagnostics().map(\.description)
        try content.write(
            "alfa/notizie/prima.md",
            bytes: utf8ByteOrderMark + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        #expect(content.diagnostics().map(\.description) == plain)
        #expect(
            plain.first
                == "alfa/notizie/prima.md:3:5: error: invalid YAML: the [ list opened at line 2 is not closed where it should be; end it with ] on its line, separate items with commas, and quote an item that holds a comma or a colon"
        )
    }

    @Test(
        "a file saved as UTF-16 or UTF-32 is refused at 1:1 with how to save it as UTF-8",
        arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf16, .utf32])
    func utf16(encoding: String.Encoding) throws {
        let content = try ContentFixture()
        let text = try content.read("alfa/portal.yaml")
        try content.write("alfa/portal.yaml", bytes: Array(try #require(text.data(using: encoding))))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/portal.yaml:1:1: error: the file is saved as UTF-16 (or is not a text file); save it as UTF-8 (in Notepad: File, Save as, Encoding UTF-8)"
            ])
    }

    @Test("a Windows-1252 letter is reported at its line and column")
    func latin1() throws {
        let content = try ContentFixture()
        // "città" with à as the single byte E0, on line 2 after "title: citt".
        try content.write(
            "alfa/notizie/prima.md",
            bytes: Array("---\ntitle: citt".utf8) + [0xE0] + Array("\ndate: 2026-09-01\n---\n\nTesto.\n".utf8))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/notizie/prima.md:2:12: error: the file is not valid UTF-8 here (it may be saved as Windows-1252 or Latin-1); save it as UTF-8"
            ])
    }
}
