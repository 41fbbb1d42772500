import GRDB

/// Runs concurrent writes in shared transactions, so that many submissions cost one fsync.
///
/// The first write that arrives while the writer is idle starts a transaction at once; writes
/// that arrive while a transaction is committing wait and go together into the next one (up to
/// `maxBatch`). One failing write does not undo the others of its batch (``commit(_:)``); a lone
/// write that fails rolls its transaction back. Every caller resumes only after the transaction
/// holding its write has committed.
actor GroupCommitter {
    private struct Job: Sendable {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private let writer: any DatabaseWriter
    private let maxBatch: Int
    private var pending: [Job] = []
    private var isFlushing = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Transactions committed and writes they held, for metrics.
    private(set) var commits = 0
    private(set) var writes = 0

    init(writer: any DatabaseWriter, maxBatch: Int = 256) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Runs `work` inside a write transaction and returns its result once that transaction is durable.
    ///
    /// `work` acts on the database only: when another write of its batch fails, it runs a second time, in a
    /// new transaction, after the first one was rolled back (``commit(_:)``).
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            pending.append(Job(work: { try work($0) }, continuation: continuation))
            if !isFlushing {
                isFlushing = true
                Task { await flush() }
            }
        }
        return value as! T
    }

    /// Returns when no write is pending or committing.
    func waitUntilIdle() async {
        if !isFlushing && pending.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            do {
                let results = try await commit(batch)
                commits += 1
                writes += batch.count
                for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            } catch {
                for job in batch { job.continuation.resume(throwing: error) }
            }
        }
        isFlushing = false
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters.removeAll()
    }

    /// Runs `batch` in one transaction and gives each job its result.
    ///
    /// The writes run one after the other without savepoints: GRDB prepares a savepoint's `SAVEPOINT` and
    /// `RELEASE` statements anew each time, and SQLite copies the first change of every page into the
    /// statement journal, for every write. When one of several writes throws (rare: the writes check what
    /// they need first), that transaction rolls back and the batch runs again with each write in its own
    /// savepoint (``isolated(_:in:)``), so the failing one is undone alone. A lone write that throws fails
    /// with its transaction.
    private func commit(_ batch: [Job]) async throws -> [Result<any Sendable, any Error>] {
        do {
            return try await writer.write { db in try batch.map { .success(try $0.work(db)) } }
        } catch {
            guard batch.count > 1 else { throw error }
            return try await writer.write { db in Self.isolated(batch, in: db) }
        }
    }

    /// Runs each job of `batch` inside the transaction, each in its own savepoint, and gives each its result.
    private static func isolated(_ batch: [Job], in db: Database) -> [Result<any Sendable, any Error>] {
        batch.map { job in
            do {
                var value: (any Sendable)?
                try db.inSavepoint {
                    value = try job.work(db)
                    return .commit
                }
                return .success(value!)
            } catch {
                return .failure(error)
            }
        }
    }
}
