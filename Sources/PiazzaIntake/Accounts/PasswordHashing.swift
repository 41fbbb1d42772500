import Dispatch
import HummingbirdBcrypt

/// Bcrypt hashes of back-office passwords (hummingbird-auth's `Bcrypt`), computed on a global
/// dispatch queue: one hash takes a few hundred milliseconds by design, which must not stall the
/// event loop or the cooperative thread pool serving requests.
struct PasswordHashing: Sendable {
    /// log2 of bcrypt's rounds: 12 is about 0.25 s on a current server core (OWASP: at least 10).
    /// Tests pass the minimum, 4.
    var cost: UInt8 = 12

    /// A `$2b$` hash with a new random salt.
    func hash(_ password: String) async -> String {
        await offThread { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash` (bcrypt compares in constant time). Without a hash (a
    /// login naming no user) the password is checked against ``decoy`` and `false` returned, so
    /// the answer takes as long as for a real user and its timing does not tell which names exist.
    func verify(_ password: String, hash: String?) async -> Bool {
        await offThread { Bcrypt.verify(password, hash: hash ?? Self.decoy) && hash != nil }
    }

    private func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}

extension PasswordHashing {
    /// A hash of no one's password at the default cost; computed once, on first use, off the
    /// request threads (inside ``verify(_:hash:)``).
    static let decoy = Bcrypt.hash(RandomToken.make(), cost: PasswordHashing().cost)
}
