import Foundation
import PiazzaContent
import Testing

/// A content tree copied from `Fixtures/<name>` into a fresh temporary folder, so a test can break
/// one file without touching the fixture or other tests. The folder is removed when the value goes away.
final class ContentFixture {
    let root: URL

    /// The fixture folder inside the test bundle.
    static func fixtureURL(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
    }

    init(copying name: String = "good") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-content-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixtureURL(name), to: root)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes (or replaces) a file at a path relative to the content root.
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Writes (or replaces) a file with exactly these bytes (another encoding, a byte order mark).
    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// The text of a file of the tree.
    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Removes a file of the tree.
    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Loads the tree, which must succeed.
    func load(portals: [String]? = nil) throws -> ContentTree {
        try ContentTree.load(from: root, portals: portals)
    }

    /// Loads the tree, which must fail, and returns every error (the warnings a test page may cause, such
    /// as a service without `conditions`, are left out).
    func diagnostics(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try ContentTree.load(from: root)
            Issue.record("the tree loaded, but errors were expected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    /// Loads the tree, which must fail with exactly one error, and returns it.
    func onlyDiagnostic(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let all = diagnostics(sourceLocation: sourceLocation)
        #expect(all.count == 1, "diagnostics: \(all.map(\.description))", sourceLocation: sourceLocation)
        return try #require(all.first, sourceLocation: sourceLocation)
    }
}

/// Front matter of a valid service, 12 lines between the `---` lines: the closing `---` is line 14
/// and the body starts on line 15.
let serviceFrontMatter = """
    ---
    title: Prova
    description: Un servizio di prova.
    category: Educazione e formazione
    topics: [Istruzione]
    status: attivo
    price: gratuito
    audience: [famiglie]
    welfare: territoriale
    provider: comune
    max_response_days: 10
    access:
      place: Municipio
    ---

    """

/// The seven mandatory scheda sections, each a heading, a blank line, one sentence and a blank line.
func serviceBody(omitting omitted: String? = nil, replacing replaced: (String, String)? = nil) -> String {
    let sections = [
        ("A chi è rivolto", "A tutte le famiglie."),
        ("Come fare", "Si compila il modulo."),
        ("Cosa serve", "Un documento valido."),
        ("Cosa si ottiene", "Un aiuto concreto."),
        ("Tempi e scadenze", "Entro dieci giorni."),
        ("Condizioni di servizio", "Nessuna condizione."),
        ("Contatti", "Ufficio scuola."),
    ]
    return sections.filter { $0.0 != omitted }.map { title, text in
        let text = replaced?.0 == title ? replaced!.1 : text
        return "## \(title)\n\n\(text)\n"
    }.joined(separator: "\n")
}
