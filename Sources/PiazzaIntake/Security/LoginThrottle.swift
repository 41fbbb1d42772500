import Foundation

/// Lockout with a growing delay after repeated failed logins, per account and per client address
/// (``ClientAddress``), in memory (a restart forgets it, which only ever helps the legitimate user).
///
/// After ``freeFailures`` failures of a key in a row, each further attempt must wait
/// `2^(failures - freeFailures)` seconds after the last failure, up to ``maxDelay``; a success
/// clears the account and the address. Keys with no failure for ``forgetAfter`` are dropped.
///
/// An admitted attempt counts as failed at once, before its password is checked, so parallel
/// attempts cannot all pass while bcrypt runs; ``succeeded(account:address:)`` clears it.
actor LoginThrottle {
    /// Failures allowed before any delay (typing errors).
    static let freeFailures = 5
    /// The longest wait: 15 minutes.
    static let maxDelay: TimeInterval = 900
    /// A key is forgotten this long after its last failure.
    static let forgetAfter: TimeInterval = 3600

    private struct Record {
        var failures: Int
        var last: Date
    }

    private var records: [String: Record] = [:]

    /// Admits an attempt of `account` from `address`, counting it as a failure of both; or, while
    /// either must wait, refuses it without counting.
    ///
    /// - Returns: `nil` when admitted, else the seconds to wait.
    func admit(account: String, address: String, now: Date) -> TimeInterval? {
        let keys = [Self.key(account: account), Self.key(address: address)]
        let waits = keys.compactMap { key -> TimeInterval? in
            guard let record = records[key] else { return nil }
            let remaining = Self.delay(failures: record.failures) - now.timeIntervalSince(record.last)
            return remaining > 0 ? remaining : nil
        }
        if let wait = waits.max() { return wait }
        records = records.filter { now.timeIntervalSince($0.value.last) < Self.forgetAfter }
        for key in keys {
            records[key, default: Record(failures: 0, last: now)].failures += 1
            records[key]?.last = now
        }
        return nil
    }

    /// Clears the account and the address after a successful login.
    func succeeded(account: String, address: String) {
        records[Self.key(account: account)] = nil
        records[Self.key(address: address)] = nil
    }

    /// 0 for the first ``freeFailures`` failures, then 1 s, 2 s, 4 s… up to ``maxDelay``.
    static func delay(failures: Int) -> TimeInterval {
        guard failures >= freeFailures else { return 0 }
        return min(maxDelay, pow(2, Double(min(failures - freeFailures, 20))))
    }

    private static func key(account: String) -> String { "u:" + account }
    private static func key(address: String) -> String { "a:" + address }
}
