import PiazzaContent
import Synchronization

/// The state of the preview that open tabs follow: a generation number raised by every rebuild, the
/// failure of the last one if it failed, and the tabs listening for the next.
///
/// Served pages carry the generation they were built in (``ReloadScript``); a tab whose generation is
/// behind is told to reload at once, so a rebuild that finished while the page loaded is not missed.
public final class ReloadHub: Sendable {
    private struct State {
        var generation = 0
        var failure: PreviewFailure?
        /// What `piazza check` found in each portal after its last rebuild (``CheckPanel``).
        var checks: [String: [Diagnostic]] = [:]
        var listeners: [Int: AsyncStream<Int>.Continuation] = [:]
        var nextListener = 0
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// The current generation (0 for the first build).
    public var generation: Int { state.withLock { $0.generation } }

    /// Why the last rebuild failed; `nil` when it succeeded.
    public var failure: PreviewFailure? { state.withLock { $0.failure } }

    /// Records a rebuild (`failure` `nil` when it succeeded) and tells every listening tab to reload.
    public func publish(failure: PreviewFailure?) {
        state.withLock { state in
            state.generation += 1
            state.failure = failure
            for listener in state.listeners.values { listener.yield(state.generation) }
        }
    }

    /// What `piazza check` found in `portal` after its last rebuild; empty when nothing or not yet audited.
    public func checks(of portal: String) -> [Diagnostic] { state.withLock { $0.checks[portal] ?? [] } }

    /// Records what `piazza check` found in `portal`; when it differs from what was recorded, raises the
    /// generation and tells every listening tab to reload, so the pages show the new panel.
    ///
    /// - Returns: whether it differed.
    @discardableResult
    public func publish(checks: [Diagnostic], of portal: String) -> Bool {
        state.withLock { state in
            guard state.checks[portal] ?? [] != checks else { return false }
            state.checks[portal] = checks.isEmpty ? nil : checks
            state.generation += 1
            for listener in state.listeners.values { listener.yield(state.generation) }
            return true
        }
    }

    /// The generations a tab should reload for: the current one at once if the tab's `since` is
    /// behind it, then each new one. Finishes when the hub is closed.
    public func subscribe(since: Int) -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let id: Int? = state.withLock { state in
            if state.closed { return nil }
            if state.generation > since { continuation.yield(state.generation) }
            state.nextListener += 1
            state.listeners[state.nextListener] = continuation
            return state.nextListener
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { $0.listeners[id] = nil } }
        return stream
    }

    /// Ends every listening stream (the preview is stopping), so open event streams let the server stop.
    public func close() {
        let listeners = state.withLock { state in
            state.closed = true
            defer { state.listeners = [:] }
            return Array(state.listeners.values)
        }
        for listener in listeners { listener.finish() }
    }
}
