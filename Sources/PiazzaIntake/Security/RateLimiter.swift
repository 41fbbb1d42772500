import Foundation

/// Per-client token buckets: `perMinute` posts, refilled evenly over a minute.
///
/// Addresses are kept in memory only, never logged or stored.
actor RateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let perMinute: Int
    private var buckets: [String: Bucket] = [:]
    private var lastSweep = Date.distantPast

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes one token for `client`; `false` when its bucket is empty.
    func allow(_ client: String, now: Date) -> Bool {
        sweep(now: now)
        let rate = Double(perMinute) / 60
        var bucket = buckets[client] ?? Bucket(tokens: Double(perMinute), updated: now)
        bucket.tokens = min(Double(perMinute), bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[client] = bucket
        return true
    }

    /// Forgets clients whose bucket has been full for a minute, so memory stays bounded.
    private func sweep(now: Date) {
        guard now.timeIntervalSince(lastSweep) > 60 else { return }
        lastSweep = now
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < 60 }
    }
}
