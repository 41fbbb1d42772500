import Mustache
import Synchronization

/// A theme's templates as swift-mustache parses them, compiled once into one program that
/// ``TemplateRenderer`` walks by index: every template, section body, block and parent's override is a
/// range of one array of ``Op``s, every piece of literal text a range of one byte buffer, every name an
/// index into tables built beforehand (a dotted name split once).
///
/// Why not `MustacheLibrary.render` (measured 2026-11-30, release build): a news page like the bench tree's
/// (base template, feedback partial, 11.5 KB of HTML) took 275 µs in swift-mustache 2.1.1 and 64 µs with
/// a compiled tree of nodes; in `perf` of `piazza build` on the 10k-page tree (bench/gen_tree.py) template
/// rendering fell from 40 % to 17 % of the samples. The library's time went to dynamic casts to its
/// protocols (`MustacheCustomRepresentation`, `MustacheParent`, `MustacheSequence`,
/// `MustacheCustomRenderable`) for every name at every level of the context stack, to splitting every name
/// at every lookup and to one `String` per token.
///
/// Why one flat program in buffers (measured 2026-12-01, release build, `perf` of the 10k-page build): the
/// tree of nodes (an `indirect enum` with arrays of children and strings) was retained and released node by
/// node as a page walked it, on objects both build threads share; that reference counting was a third of
/// the templates' samples. An ``Op`` holds integers only, and the buffers are read through unsafe pointers
/// that this object keeps alive, so walking a page counts no references.
///
/// The library stays the parser: its grammar, whitespace rules and errors are the theme's contract, and
/// ``Builder/add(_:_:)`` reads the tokens it parsed (internal to it, so through `Mirror`), so the output
/// stays byte-identical by construction (ThemeRenderingTests holds the library's bytes).
final class CompiledTemplates: @unchecked Sendable {
    // @unchecked: the buffers are written in init only and never after; renderers on any thread read them.

    /// One step of a template. The ops of a section's body, a block's default or a parent's overriding
    /// blocks follow the op that owns them, up to its `end`.
    enum Op {
        /// Literal text: ``bytes``[`start..<end`].
        case text(start: Int32, end: Int32)
        /// `{{name}}` (`escaped`) or `{{{name}}}`, `{{&name}}`; `path` is an index of ``paths``.
        case variable(path: Int32, escaped: Bool)
        /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`, its body the ops up to `end`; `id` is this section's
        /// alone in the process, under which a ``FixedValue`` keeps what the section rendered of it.
        case section(path: Int32, inverted: Bool, id: Int32, end: Int32)
        /// `{{$name}}…{{/name}}` in a parent: the child's block `name` (an index of ``names``), else the
        /// default ops up to `end`; `indentation` is an index of ``strings`` (-1: none).
        case block(name: Int32, indentation: Int32, end: Int32)
        /// `{{> name}}`, or `{{< name}}…{{/name}}` whose overriding blocks (``overrides``[`overrides`], -1:
        /// none) are the ops up to `end`; `template` is an index of ``templates`` (-1: a template the theme
        /// does not have, which ``Theme/load(from:fallback:)`` refuses).
        case partial(template: Int32, indentation: Int32, overrides: Int32, end: Int32)
        /// `{{% CONTENT_TYPE: …}}`: how `{{value}}` is escaped from here on in this template.
        case escaping(Escaping)
    }

    /// How `{{value}}` is escaped.
    enum Escaping {
        /// ``Escape/html(_:)``, appended byte by byte.
        case html
        /// ``contentTypes``[index].
        case other(Int32)
    }

    /// A name as a template writes it: `.` (the current value), `a.b` (looked up through the stack), or
    /// `.a` (the current value only); its components are ``names``[`components`].
    struct Path {
        enum Kind { case current, stack, local }
        var kind: Kind
        var components: Range<Int>
    }

    let ops: UnsafeMutableBufferPointer<Op>
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let paths: UnsafeMutableBufferPointer<Path>
    /// The components of ``paths`` and the names of blocks.
    let names: UnsafeMutableBufferPointer<String>
    /// Indentations of standalone partials and blocks.
    let strings: [String]
    let contentTypes: [any MustacheContentType]
    /// The overriding blocks of each parent a template names (`{{< name}}`): ops by block name (index of
    /// ``names``).
    let overrides: [[Int32: Range<Int>]]
    /// Each template's ops.
    let templates: [Range<Int>]
    /// Index of ``templates`` by template name.
    let templateIndex: [String: Int]

    private init(_ builder: Builder) {
        func buffer<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return buffer
        }
        var ops = builder.ops
        for (op, name) in builder.partials {
            guard case .partial(_, let indentation, let overrides, let end) = ops[op] else { continue }
            let template = Int32(builder.templateIndex[name] ?? -1)
            ops[op] = .partial(template: template, indentation: indentation, overrides: overrides, end: end)
        }
        self.ops = buffer(ops)
        bytes = buffer(builder.bytes)
        paths = buffer(builder.paths)
        names = buffer(builder.names)
        strings = builder.strings
        contentTypes = builder.contentTypes
        overrides = builder.overrides
        templates = builder.templates
        templateIndex = builder.templateIndex
    }

    deinit {
        ops.deallocate()
        bytes.deallocate()
        paths.deallocate()
        names.deinitialize().deallocate()
    }

    /// The ops of the template `name`, if the theme has it.
    func template(named name: String) -> Range<Int>? {
        templateIndex[name].map { templates[$0] }
    }

    /// What ``Builder/add(_:_:)`` cannot compile: a Mustache feature the themes do not use and the renderer
    /// does not implement (transforms such as `{{first(items)}}`, dynamic partials `{{>*name}}`), or tokens
    /// of a swift-mustache version whose parse this code does not know.
    struct Unsupported: Error {
        var message: String
    }

    /// Compiles templates one by one (``add(_:_:)``), then into one program (``compiled``).
    struct Builder {
        fileprivate var ops: [Op] = []
        fileprivate var bytes: [UInt8] = []
        fileprivate var paths: [Path] = []
        fileprivate var names: [String] = []
        private var nameIndex: [String: Int32] = [:]
        fileprivate var strings: [String] = []
        fileprivate var contentTypes: [any MustacheContentType] = []
        fileprivate var overrides: [[Int32: Range<Int>]] = []
        fileprivate var templates: [Range<Int>] = []
        fileprivate var templateIndex: [String: Int] = [:]
        /// Partial ops and the template each names, resolved once every template is added.
        fileprivate var partials: [(op: Int, name: String)] = []

        /// The program of every template added.
        var compiled: CompiledTemplates { CompiledTemplates(self) }

        /// Adds `template` under `name`.
        mutating func add(_ name: String, _ template: MustacheTemplate) throws(Unsupported) {
            let start = ops.count
            try emit(template)
            templateIndex[name] = templates.count
            templates.append(start..<ops.count)
        }

        private mutating func emit(_ template: MustacheTemplate) throws(Unsupported) {
            guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value,
                let list = tokens as? [Any]
            else { throw Unsupported(message: "swift-mustache's MustacheTemplate has no tokens") }
            for token in list { try emit(token: token) }
        }

        /// The sections compiled so far in the process: the last one's ``Op/section(path:inverted:id:end:)`` id.
        private static let sections = Atomic<Int32>(0)

        /// One token: `case name(payload)`; a payload of several values is a tuple, read by position.
        private mutating func emit(token: Any) throws(Unsupported) {
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
            let op = ops.count
            // An op that owns the ops after it is appended as a placeholder and written once its end is known.
            let placeholder = Op.text(start: 0, end: 0)
            switch kind {
            case "text":
                guard let text = payload as? String else { throw Unsupported(message: "a text token without text") }
                let start = Int32(bytes.count)
                bytes.append(contentsOf: text.utf8)
                ops.append(.text(start: start, end: Int32(bytes.count)))
            case "variable", "unescapedVariable":
                try noTransforms(1)
                ops.append(.variable(path: path(try field(0, String.self)), escaped: kind == "variable"))
            case "section", "invertedSection":
                try noTransforms(1)
                let path = path(try field(0, String.self))
                ops.append(placeholder)
                try emit(try field(2, MustacheTemplate.self))
                ops[op] = .section(
                    path: path, inverted: kind == "invertedSection",
                    id: Self.sections.add(1, ordering: .relaxed).newValue, end: Int32(ops.count))
            case "blockExpansion":
                let name = intern(try field(0, String.self))
                let indentation = string(try field(2, String?.self))
                ops.append(placeholder)
                try emit(try field(1, MustacheTemplate.self))
                ops[op] = .block(name: name, indentation: indentation, end: Int32(ops.count))
            case "partial":
                let name = try field(0, String.self)
                let indentation = string(try field(1, String?.self))
                ops.append(placeholder)
                var overrides: Int32 = -1
                if let blocks = try field(2, [String: MustacheTemplate]?.self) {
                    var ranges: [Int32: Range<Int>] = [:]
                    for (block, template) in blocks.sorted(by: { $0.key < $1.key }) {
                        let start = ops.count
                        try emit(template)
                        ranges[intern(block)] = start..<ops.count
                    }
                    overrides = Int32(self.overrides.count)
                    self.overrides.append(ranges)
                }
                ops[op] = .partial(template: -1, indentation: indentation, overrides: overrides, end: Int32(ops.count))
                partials.append((op, name))
            case "contentType":
                guard let type = payload as? any MustacheContentType else {
                    throw Unsupported(message: "a content type token without a content type")
                }
                if type is HTMLContentType {
                    ops.append(.escaping(.html))
                } else {
                    ops.append(.escaping(.other(Int32(contentTypes.count))))
                    contentTypes.append(type)
                }
            case "dynamicNamePartial":
                throw Unsupported(message: "dynamic partials (`{{>*name}}`) are not supported in piazza's themes")
            default:
                throw Unsupported(message: "swift-mustache's `\(kind)` token is not supported in piazza's themes")
            }
        }

        private mutating func intern(_ name: String) -> Int32 {
            if let index = nameIndex[name] { return index }
            let index = Int32(names.count)
            names.append(name)
            nameIndex[name] = index
            return index
        }

        /// `name`'s index in ``paths``, its components appended to ``names``.
        private mutating func path(_ name: String) -> Int32 {
            let start = names.count
            let kind: Path.Kind = name == "." ? .current : name.first == "." ? .local : .stack
            if kind != .current { names += name.split(separator: ".").map(String.init) }
            paths.append(Path(kind: kind, components: start..<names.count))
            return Int32(paths.count - 1)
        }

        /// `text`'s index in ``strings`` (-1 for `nil`).
        private mutating func string(_ text: String?) -> Int32 {
            guard let text else { return -1 }
            strings.append(text)
            return Int32(strings.count - 1)
        }
    }
}
