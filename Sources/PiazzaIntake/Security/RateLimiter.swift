import Foundation
import Synchronization

/// Per-client token buckets: `perMinute` posts, refilled evenly over a minute.
///
/// Addresses are kept in memory only, never logged or stored. A lock, not an actor: every post asks
/// it, and the few map operations under the lock cost less than a hop to an actor's executor and back.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private struct State {
        var buckets: [String: Bucket] = [:]
        var lastSweep = Date.distantPast
    }

    private let perMinute: Int
    private let state = Mutex(State())

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes one token for `client`; `false` when its bucket is empty.
    func allow(_ client: String, now: Date) -> Bool {
        let rate = Double(perMinute) / 60
        let limit = Double(perMinute)
        return state.withLock { state in
            Self.sweep(&state, now: now)
            var bucket = state.buckets[client] ?? Bucket(tokens: limit, updated: now)
            bucket.tokens = min(limit, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            state.buckets[client] = bucket
            return allowed
        }
    }

    /// Forgets clients whose bucket has been full for a minute, so memory stays bounded.
    private static func sweep(_ state: inout State, now: Date) {
        guard now.timeIntervalSince(state.lastSweep) > 60 else { return }
        state.lastSweep = now
        state.buckets = state.buckets.filter { now.timeIntervalSince($0.value.updated) < 60 }
    }
}
