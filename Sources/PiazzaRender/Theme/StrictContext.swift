import Mustache
import Synchronization

/// The root of a render's context stack: Mustache looks a name up in every inner context first and
/// reaches the root last, so a name the root does not know is a name nobody knows. The root records
/// it instead of letting it render as an empty string.
final class StrictContext: MustacheParent, Sendable {
    private let values: [String: SendableBox]
    private let misses = Mutex<Set<String>>([])

    init(_ values: [String: Any]) {
        self.values = values.mapValues { SendableBox(value: $0) }
    }

    func child(named name: String) -> Any? {
        if let box = values[name] { return box.value }
        misses.withLock { _ = $0.insert(name) }
        return nil
    }

    /// Names looked up and found nowhere, sorted.
    var missingKeys: [String] { misses.withLock { $0.sorted() } }
}

/// Context values are immutable dictionaries, arrays and scalars built for one render.
private struct SendableBox: @unchecked Sendable {
    let value: Any
}
