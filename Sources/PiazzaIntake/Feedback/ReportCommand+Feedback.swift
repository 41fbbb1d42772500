import Foundation
import NIOCore

extension ReportCommand {
    /// Writes the clarity feedback results of `portal` (``FeedbackResults/csv()``) to `output`: the same
    /// bytes as the back office's `valutazioni.csv`.
    ///
    /// - Throws: ``ReportError`` for an unknown portal or a database that does not open; the file
    ///   handle's errors.
    public func writeFeedback(portal: String, to output: FileHandle) async throws {
        try await writeFeedback(portal: portal) { try output.write(contentsOf: $0.readableBytesView) }
    }

    /// Writes the clarity feedback results of `portal` to `sink`.
    func writeFeedback(portal: String, to sink: (ByteBuffer) async throws -> Void) async throws {
        _ = try served(portal)
        let database = try await open(portal, exporting: "valutazioni")
        defer { try? database.writer.close() }
        try await sink(FeedbackResults(summaries: try await database.feedbackSummaries()).csv())
    }
}
