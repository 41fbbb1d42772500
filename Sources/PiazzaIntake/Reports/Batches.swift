/// The read loop of every streamed export: keyset batches of rows after the last one read, until a
/// batch comes back short, so an export holds one batch in memory whatever the number of rows.
enum Batches {
    /// Rows read per database read by the exports.
    static let size = 500

    /// Calls `body` with each batch `read(after, limit)` returns, `after` being the key (`id`) of the
    /// last row of the batch before (`nil` for the first).
    ///
    /// - Throws: what `read` or `body` throws.
    static func forEach<Row>(
        read: (_ after: Int64?, _ limit: Int) async throws -> [Row], id: (Row) -> Int64?,
        _ body: ([Row]) async throws -> Void
    ) async throws {
        var after: Int64?
        while true {
            let batch = try await read(after, size)
            try await body(batch)
            guard batch.count == size, let last = batch.last.flatMap(id) else { return }
            after = last
        }
    }
}
