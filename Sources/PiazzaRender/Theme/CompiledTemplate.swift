import Mustache
import Synchronization

/// A theme template as swift-mustache parses it, compiled once so that a page renders straight into UTF-8
/// bytes with every name split beforehand.
///
/// Why not `MustacheLibrary.render` (measured 2026-11-30, release build): a news page like the bench tree's
/// (base template, feedback partial, 11.5 KB of HTML) took 275 µs in swift-mustache 2.1.1 and takes 64 µs
/// here; in `perf` of `piazza build` on the 10k-page tree (bench/gen_tree.py) template rendering fell from
/// 40 % to 17 % of the samples. The library's time went to dynamic casts to its protocols
/// (`MustacheCustomRepresentation`, `MustacheParent`, `MustacheSequence`, `MustacheCustomRenderable`)
/// for every name at every level of the context stack, to splitting every name at every lookup and to
/// one `String` per token. The library stays the parser: its grammar, whitespace rules and errors are the
/// theme's contract, and ``init(_:)`` reads the tokens it parsed (internal to it, so through `Mirror`),
/// so the output stays byte-identical by construction (ThemeRenderingTests holds the library's bytes).
/// ``TemplateRenderer`` renders them with the library's rules.
struct CompiledTemplate: Sendable {
    /// A name as a template writes it: `.` (the current value), `a.b` (looked up through the stack), or
    /// `.a` (the current value only).
    enum Path: Sendable {
        case current
        case stack([String])
        case local([String])

        init(_ name: String) {
            let components = name.split(separator: ".").map(String.init)
            if name == "." {
                self = .current
            } else if name.first == "." {
                self = .local(components)
            } else {
                self = .stack(components)
            }
        }

        /// The name as the template wrote it, for errors.
        var first: String {
            switch self {
            case .current: "."
            case .stack(let names), .local(let names): names.first ?? ""
            }
        }
    }

    /// How `{{value}}` is escaped from here on in a template (`{{% CONTENT_TYPE: …}}`).
    enum Escaping: Sendable {
        /// ``Escape/html(_:)``, appended byte by byte.
        case html
        case other(any MustacheContentType)
    }

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Path, escaped: Bool)
        /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`; `id` is this section's alone in the process, under
        /// which a ``FixedValue`` keeps what the section rendered of it.
        case section(Path, [Node], inverted: Bool, id: Int)
        /// `{{$name}}…{{/name}}` in a parent: the child's block of that name, else the default nodes.
        case block(String, default: [Node], indentation: String?)
        /// `{{> name}}`, or `{{< name}}…{{/name}}` with the blocks it overrides.
        case partial(String, indentation: String?, overrides: [String: [Node]]?)
        case escaping(Escaping)
    }

    let nodes: [Node]

    /// What ``init(_:)`` cannot compile: a Mustache feature the themes do not use and the renderer does
    /// not implement (transforms such as `{{first(items)}}`, dynamic partials `{{>*name}}`), or tokens of
    /// a swift-mustache version whose parse this code does not know.
    struct Unsupported: Error {
        var message: String
    }

    init(_ template: MustacheTemplate) throws(Unsupported) {
        nodes = try Self.nodes(of: template)
    }

    private static func nodes(of template: MustacheTemplate) throws(Unsupported) -> [Node] {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value,
            let list = tokens as? [Any]
        else { throw Unsupported(message: "swift-mustache's MustacheTemplate has no tokens") }
        return try list.map { token throws(Unsupported) in try node(token) }
    }

    /// The sections compiled so far in the process: the last one's ``Node/section(_:_:inverted:id:)`` id.
    private static let sections = Atomic<Int>(0)

    /// One token: `case name(payload)`; a payload of several values is a tuple, read by position.
    private static func node(_ token: Any) throws(Unsupported) -> Node {
        guard let token = Mirror(reflecting: token).children.first, let kind = token.label else {
            throw Unsupported(message: "a swift-mustache token without a case")
        }
        let payload = token.value
        let fields = Mirror(reflecting: payload).children.map(\.value)
        func field<T>(_ index: Int, _ type: T.Type) throws(Unsupported) -> T {
            guard index < fields.count, let value = fields[index] as? T else {
                throw Unsupported(message: "swift-mustache's `\(kind)` token has an unknown shape")
            }
            return value
        }
        func noTransforms(_ index: Int) throws(Unsupported) {
            let transforms = try field(index, [String].self)
            guard transforms.isEmpty else {
                throw Unsupported(
                    message: "transforms such as `\(transforms[0])(…)` are not supported in piazza's themes")
            }
        }
        switch kind {
        case "text":
            guard let text = payload as? String else { throw Unsupported(message: "a text token without text") }
            return .text(Array(text.utf8))
        case "variable", "unescapedVariable":
            try noTransforms(1)
            return .variable(Path(try field(0, String.self)), escaped: kind == "variable")
        case "section", "invertedSection":
            try noTransforms(1)
            return .section(
                Path(try field(0, String.self)), try nodes(of: try field(2, MustacheTemplate.self)),
                inverted: kind == "invertedSection", id: sections.add(1, ordering: .relaxed).newValue)
        case "blockExpansion":
            return .block(
                try field(0, String.self), default: try nodes(of: try field(1, MustacheTemplate.self)),
                indentation: try field(2, String?.self))
        case "partial":
            var overrides: [String: [Node]]?
            if let blocks = try field(2, [String: MustacheTemplate]?.self) {
                overrides = [:]
                for (name, block) in blocks { overrides?[name] = try nodes(of: block) }
            }
            return .partial(try field(0, String.self), indentation: try field(1, String?.self), overrides: overrides)
        case "contentType":
            guard let type = payload as? any MustacheContentType else {
                throw Unsupported(message: "a content type token without a content type")
            }
            return .escaping(type is HTMLContentType ? .html : .other(type))
        case "dynamicNamePartial":
            throw Unsupported(message: "dynamic partials (`{{>*name}}`) are not supported in piazza's themes")
        default:
            throw Unsupported(message: "swift-mustache's `\(kind)` token is not supported in piazza's themes")
        }
    }
}
