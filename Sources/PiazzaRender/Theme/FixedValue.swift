import Mustache
import Synchronization

/// A value of a page's context that many pages share (the main menu of a section, the footer's links from
/// one folder depth, a service's card on the catalogue's facet pages): a dictionary, or a list of
/// dictionaries. A template reads it as that dictionary or list; ``TemplateRenderer`` also keeps what a
/// section over it rendered (`{{#footer}}…{{/footer}}`, or one item of `{{#items}}…{{/items}}` when the
/// list's items are fixed values) and copies those bytes into the next page that renders the same section
/// over the same value, instead of rendering it again.
///
/// The renderer keeps a rendering only when it read nothing outside the value: no name that the stack
/// below the section resolved, no block of a parent template, no indentation of a partial, piazza's HTML
/// escaping in force. So the bytes are those the section renders over the value on any page, by
/// construction; a section that reads its page (`{{#footer}}{{title}}{{/footer}}`) is rendered every time.
///
/// Why (measured 2026-12-01, release build, `perf` of `piazza build` on bench/gen_tree.py's 10k tree): the
/// facet pages list each service on some thirty pages at two depths, and every page repeats the menu,
/// footer and feedback choices of its portal; rendering them once per depth took the catalogue's facet
/// pages and the base template's fixed parts out of the profile.
final class FixedValue: @unchecked Sendable, MustacheCustomRepresentation {
    // @unchecked: `value` is never mutated after init, and the renderings are behind a mutex.

    /// The dictionary (`[String: Any]`) or the list (`[[String: Any]]`).
    let value: Any
    /// What sections rendered over this value, by section (``CompiledTemplates/Op/section(path:inverted:id:end:)``).
    private let rendered = Mutex<[Int32: [UInt8]]>([:])

    init(_ dictionary: [String: Any]) { value = dictionary }

    init(_ list: [[String: Any]]) { value = list }

    /// `value` when it is a fixed value, found by its type: `value as? FixedValue` on an `Any` that holds an
    /// array or a dictionary bridges it to an `NSArray` or `NSDictionary` first (swift-corelibs-foundation's
    /// `_ObjectiveCBridgeable`, every element boxed) only to find it is no `FixedValue`. Measured 2026-12-01
    /// (release build, `perf` of `piazza build` on bench/gen_tree.py's 10k tree): that cast, once per
    /// section a template renders, was 25 % of the build.
    static func of(_ value: Any?) -> FixedValue? {
        guard let value, type(of: value) == FixedValue.self else { return nil }
        return value as? FixedValue
    }

    /// The value itself, for a template that reads it through swift-mustache's protocols (as a variable or
    /// a dotted name).
    var representation: Any? { value }

    /// What section `id` rendered over this value, if it was kept.
    func rendering(of id: Int32) -> [UInt8]? { rendered.withLock { $0[id] } }

    /// Keeps what section `id` rendered over this value (the first rendering kept wins: they are equal).
    func keep(_ bytes: [UInt8], of id: Int32) { rendered.withLock { $0[id] = $0[id] ?? bytes } }
}
