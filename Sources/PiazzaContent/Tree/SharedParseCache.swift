import Synchronization

/// Parses each `_shared/` file once for all portals: the parsed value does not depend on the
/// portal, and its diagnostics are reported once instead of once per portal.
final class SharedParseCache: Sendable {
    private let entries = Mutex<[String: any Sendable]>([:])

    /// The cached result for `source`, or the result of `parse` stored for the next portals.
    /// `diagnostics` is empty on every call but the first, so each problem is printed once.
    func value<T: Sendable>(for source: String, parse: () -> (T?, DiagnosticList)) -> (T?, DiagnosticList) {
        if let cached = entries.withLock({ $0[source] }) as? Entry<T> { return (cached.value, DiagnosticList()) }
        let (value, diagnostics) = parse()
        entries.withLock { $0[source] = Entry(value: value) }
        return (value, diagnostics)
    }

    /// Wraps the parsed value so a file that failed to parse (nil) is cached too.
    private struct Entry<T: Sendable>: Sendable {
        let value: T?
    }
}
