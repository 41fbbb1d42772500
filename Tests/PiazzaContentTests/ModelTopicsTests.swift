import Foundation
import PiazzaContent
import Testing

/// `topics:` of services, measures and news take the Designers Italia model's topics only
/// (``ModelTopics``, AgID C.SI.1.5): another word is an error at its item, with the fix.
@Suite("Topics come from the model's controlled vocabulary")
struct ModelTopicsTests {
    @Test(
        "a word outside the model's topics is an error at its item; a slip of capitals, accents, a typo or a start names the topic",
        arguments: [
            ("alfa/servizi/prova.md", "topics: [Istruzione, doposcuola]", 5, 22, "use the model's topics, e.g."),
            ("alfa/servizi/prova.md", "topics: [istruzione]", 5, 10, "did you mean 'Istruzione'?"),
            ("alfa/servizi/prova.md", "topics: [Mobilita]", 5, 10, "did you mean 'Mobilità sostenibile'?"),
            ("alfa/servizi/prova.md", "topics: [mobilita sostenibile]", 5, 10, "did you mean 'Mobilità sostenibile'?"),
            ("alfa/servizi/prova.md", "topics: [Assistenza socale]", 5, 10, "did you mean 'Assistenza sociale'?"),
            ("alfa/notizie/prova.md", "topics: [Tempo libero, sagre]", 4, 24, "use the model's topics, e.g."),
        ])
    func unknown(path: String, topics: String, line: Int, column: Int, fix: String) throws {
        let content = try ContentFixture()
        let text =
            path.contains("servizi")
            ? serviceFrontMatter.replacingOccurrences(of: "topics: [Istruzione]", with: topics) + serviceBody()
            : "---\ntitle: Prova\ndate: 2026-09-01\n\(topics)\n---\n\nTesto.\n"
        try content.write(path, text)
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == path && diagnostic.line == line && diagnostic.column == column)
        let word = topics.split(separator: "[")[1].split(separator: ",").last!.trimmingCharacters(
            in: .init(charactersIn: " ]"))
        #expect(
            diagnostic.message.hasPrefix(
                "topic '\(word)' is not one of the Designers Italia model's topics, which AgID's checker requires "
                    + "(C.SI.1.5); \(fix)"))
    }

    @Test("the list is the checker's: 64 topics, each once, and every demo page's topics are among them")
    func list() throws {
        #expect(ModelTopics.all.count == 64 && Set(ModelTopics.all).count == 64)
        #expect(ModelTopics.contains("Assistenza sociale") && !ModelTopics.contains("assistenza sociale"))
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let demo = try ContentTree.load(from: repository.appendingPathComponent("content"))
        let used = demo.portals.flatMap(\.pages).flatMap {
            $0.service?.topics ?? $0.measure?.topics ?? $0.news?.topics ?? []
        }
        #expect(!used.isEmpty && used.allSatisfy(ModelTopics.contains))
    }
}
