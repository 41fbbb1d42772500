import Foundation

extension Page {
    /// One page file loaded on its own, as ``ContentTree/loadCollecting(from:portals:parseCache:hash:)``
    /// loads it (``SourceText``, then ``load(id:source:text:sink:)``), with the content hashes the load
    /// records: `piazza serve` renders an edit of the body alone against the portal of its last build, once
    /// the front matter's hash shows the rest of the portal is unchanged.
    ///
    /// - Parameters:
    ///   - id: the path relative to the portal (`servizi/tutor.md`).
    ///   - source: the path relative to the content root (`vigonza/servizi/tutor.md`).
    ///   - data: the file's bytes.
    /// - Returns: the page (`nil` when it cannot be used), its hashes, and every problem of the file.
    package static func reload(id: String, source: String, data: Data, hash: SourceDigest.Hasher) -> (
        page: Page?, digest: SourceDigest, diagnostics: DiagnosticList
    ) {
        let sink = DiagnosticSink()
        let text: String
        do {
            text = try SourceText.decode(data, file: source)
        } catch {
            sink.append(error)
            return (nil, SourceDigest(file: hash(data)), sink.list)
        }
        guard let page = load(id: id, source: source, text: text, sink: sink) else {
            return (nil, SourceDigest(file: hash(data)), sink.list)
        }
        return (page, SourceDigest.page(data, text: text, bodyLine: page.bodyLine, hash: hash), sink.list)
    }
}
