import Foundation

/// Lockout with a growing delay after repeated failed logins, in memory (a restart forgets it, which
/// only ever helps the legitimate user), after OWASP's *Slow Down Online Guessing Attacks with Device
/// Cookies*: a browser where the name logged in before (a valid device cookie, ``OperatorCookies/device``)
/// is counted on its own, and every other client of the name shares one count with the name's other
/// unknown clients and one with its address (``ClientAddress``).
///
/// So someone who knows an operator's name can hold back unknown browsers trying it (the shared count
/// is what keeps a botnet's guesses as slow as one client's), but never the browsers where that
/// operator already logged in; and a stolen device cookie still waits after its own failures.
///
/// After ``freeFailures`` failures of a key in a row, each further attempt must wait
/// `2^(failures - freeFailures)` seconds after the last failure, up to ``maxDelay``; a success
/// clears the keys of that client. Keys with no failure for ``forgetAfter`` are dropped.
///
/// The name's count for unknown clients is kept per password hash (``Client/unknown(address:password:)``):
/// `piazza user passwd` gives the name a new count at its next attempt, without a restart.
///
/// An admitted attempt counts as failed at once, before its password is checked, so parallel
/// attempts cannot all pass while bcrypt runs; ``succeeded(account:client:)`` clears it.
actor LoginThrottle {
    /// Failures allowed before any delay (typing errors).
    static let freeFailures = 5
    /// The longest wait: 15 minutes.
    static let maxDelay: TimeInterval = 900
    /// A key is forgotten this long after its last failure.
    static let forgetAfter: TimeInterval = 3600

    /// Who is trying a name.
    enum Client: Sendable {
        /// A browser with a device cookie signed for this name: its nonce.
        case known(device: String)
        /// Any other client: its address, and the name's stored password hash (empty for no such name).
        case unknown(address: String, password: String)
    }

    private struct Record {
        var failures: Int
        var last: Date
    }

    private var records: [String: Record] = [:]

    /// Admits an attempt of `account` from `client`, counting it as a failure of the client's keys; or,
    /// while one of them must wait, refuses it without counting.
    ///
    /// - Returns: `nil` when admitted, else the seconds to wait.
    func admit(account: String, client: Client, now: Date) -> TimeInterval? {
        let keys = Self.keys(account: account, client: client)
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

    /// Clears the keys of `client` after a successful login: a known browser's own count, or the name's
    /// and the address's counts of unknown clients.
    func succeeded(account: String, client: Client) {
        for key in Self.keys(account: account, client: client) { records[key] = nil }
    }

    /// 0 for the first ``freeFailures`` failures, then 1 s, 2 s, 4 s… up to ``maxDelay``.
    static func delay(failures: Int) -> TimeInterval {
        guard failures >= freeFailures else { return 0 }
        return min(maxDelay, pow(2, Double(min(failures - freeFailures, 20))))
    }

    private static func keys(account: String, client: Client) -> [String] {
        switch client {
        case .known(let device): ["d:" + account + "\u{0}" + device]
        case .unknown(let address, let password): ["u:" + account + "\u{0}" + password, "a:" + address]
        }
    }
}
