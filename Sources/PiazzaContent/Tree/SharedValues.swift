import Synchronization

/// One copy, for the pages of a load to keep, of each value many pages write alike: a service's category,
/// office, provider, place, form and conditions file, the topics and audience lists of every page. Each page
/// parsed its own copy, and the model of every portal stays in memory for the whole build.
///
/// Why, measured with heaptrack on the 50k-page bench tree (`bench/gen_tree.py --pages 50000 --portals 5`,
/// release, 2026-12-01): the front matter's texts kept by the pages were 21 MB of the build's 110 MB heap peak,
/// of them about 9 MB texts the services repeat (8 categories, 4 offices, 46 providers, 105 places and 2
/// conditions files over 25,006 services) and 3.5 MB their topics and audience lists. Real portals repeat them
/// too (a few offices, the model's categories and topics, one conditions document).
///
/// Shared by the threads of a load; texts of 15 UTF-8 bytes or fewer are kept inside the `String` value and
/// are not pooled.
final class SharedValues: Sendable {
    private let texts = Mutex<Set<String>>([])
    private let textLists = Mutex<Set<[String]>>([])
    private let audiences = Mutex<Set<[ServiceInfo.Audience]>>([])

    /// `value`, or the equal text given before.
    func text(_ value: String) -> String {
        value.utf8.count <= 15 ? value : Self.shared(value, in: texts)
    }

    /// `value`, or the equal list given before.
    func list(_ value: [String]) -> [String] { value.isEmpty ? value : Self.shared(value, in: textLists) }

    /// `value`, or the equal list given before.
    func list(_ value: [ServiceInfo.Audience]) -> [ServiceInfo.Audience] { Self.shared(value, in: audiences) }

    private static func shared<T: Hashable & Sendable>(_ value: T, in pool: borrowing Mutex<Set<T>>) -> T {
        pool.withLock { $0.insert(value).memberAfterInsert }
    }
}
