import GRDB
import Synchronization

/// Runs concurrent writes in shared transactions, so that many submissions cost one fsync.
///
/// The first write that arrives while the writer is idle starts a transaction at once; writes
/// that arrive while a transaction is committing wait and go together into the next one (up to
/// `maxBatch`). Each write runs in its own savepoint, so one failing write does not undo the
/// others. Every caller resumes only after the transaction holding its write has committed.
///
/// The queue is a lock, not an actor, and a batch runs as one block on GRDB's writer queue
/// (`asyncWriteWithoutTransaction`), which schedules the next batch behind any other use of the
/// writer: a write costs one continuation, resumed from the writer's thread once committed, and a
/// batch no `Task` and no actor hop. The actor with a `Task` per batch and GRDB's async `write`
/// hopped threads three times per batch and twice more per write (bench/RESULTS.md, Intake, session 8).
final class GroupCommitter: Sendable {
    private struct Job: Sendable {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: UnsafeContinuation<any Sendable, any Error>
    }

    private struct State {
        var pending: [Job] = []
        /// A batch is scheduled on the writer queue or running; set by the write that schedules it,
        /// cleared by the batch that finds nothing left, so exactly one batch is ever scheduled.
        var isFlushing = false
        var idleWaiters: [UnsafeContinuation<Void, Never>] = []
        var commits = 0
        var writes = 0
    }

    private let writer: any DatabaseWriter
    private let maxBatch: Int
    private let state = Mutex(State())

    /// Transactions committed, for metrics.
    var commits: Int {
        get async { state.withLock { $0.commits } }
    }
    /// Writes those transactions held, for metrics.
    var writes: Int {
        get async { state.withLock { $0.writes } }
    }

    init(writer: any DatabaseWriter, maxBatch: Int = 256) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Runs `work` inside a write transaction and returns its result once that transaction is durable.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withUnsafeThrowingContinuation { continuation in
            let job = Job(work: { try work($0) }, continuation: continuation)
            let schedule = state.withLock { state in
                state.pending.append(job)
                defer { state.isFlushing = true }
                return !state.isFlushing
            }
            if schedule { scheduleBatch() }
        }
        return value as! T
    }

    /// Returns when no write is pending or committing.
    func waitUntilIdle() async {
        await withUnsafeContinuation { continuation in
            let idle = state.withLock { state in
                if !state.isFlushing { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func scheduleBatch() {
        writer.asyncWriteWithoutTransaction { db in self.commitBatch(db) }
    }

    /// On the writer queue: commits the pending writes (up to `maxBatch`) in one transaction and
    /// resumes their callers, then schedules the next batch, or marks the committer idle.
    private func commitBatch(_ db: Database) {
        let batch = state.withLock { state in
            let batch = Array(state.pending.prefix(maxBatch))
            state.pending.removeFirst(batch.count)
            return batch
        }
        do {
            var results: [Result<any Sendable, any Error>] = []
            results.reserveCapacity(batch.count)
            try db.inTransaction {
                for job in batch {
                    do {
                        var value: (any Sendable)?
                        try db.inSavepoint {
                            value = try job.work(db)
                            return .commit
                        }
                        results.append(.success(value!))
                    } catch {
                        results.append(.failure(error))
                    }
                }
                return .commit
            }
            state.withLock { state in
                state.commits += 1
                state.writes += batch.count
            }
            for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
        } catch {
            for job in batch { job.continuation.resume(throwing: error) }
        }
        let idleWaiters: [UnsafeContinuation<Void, Never>]? = state.withLock { state in
            if !state.pending.isEmpty { return nil }
            state.isFlushing = false
            defer { state.idleWaiters.removeAll() }
            return state.idleWaiters
        }
        guard let idleWaiters else {
            scheduleBatch()
            return
        }
        for waiter in idleWaiters { waiter.resume() }
    }
}
