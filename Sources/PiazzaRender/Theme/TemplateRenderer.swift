import Mustache

/// Renders ``CompiledTemplates`` into UTF-8 bytes with swift-mustache 2.1.1's rules
/// (`Template+Render.swift`): the same lookup through the context stack, sections, inverted sections,
/// partials with their indentation, parents with their blocks, and escaping set by
/// `{{% CONTENT_TYPE: …}}`. Dictionaries, arrays, strings, booleans and integers take direct paths;
/// any other value goes through the library's protocols in the library's order. A section over a
/// ``FixedValue`` copies what it rendered over that value on an earlier page when it can.
///
/// One renderer renders one page: the names it looked up and found nowhere are ``missing``.
struct TemplateRenderer {
    typealias Op = CompiledTemplates.Op
    typealias Escaping = CompiledTemplates.Escaping

    /// The theme's templates; kept so that the buffers below stay allocated.
    private let program: CompiledTemplates
    private let ops: UnsafeMutableBufferPointer<Op>
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let paths: UnsafeMutableBufferPointer<CompiledTemplates.Path>
    private let names: UnsafeMutableBufferPointer<String>
    /// The page so far.
    private(set) var output: [UInt8] = []
    /// Names looked up and found in no context, not even the root.
    private(set) var missing: Set<String> = []
    /// The context stack, the root first.
    private var frames: [Frame]
    /// The lowest level of ``frames`` a name was looked up in since the innermost ``FixedValue`` section
    /// started (-1: a block of a parent was read); what that section rendered can be kept only if this is
    /// no lower than the level its value was pushed at.
    private var lowestRead = Int.max

    /// A level of the context stack; a dictionary is known as one when it is pushed, not at every lookup.
    private enum Frame {
        /// The page's context: a name it does not have is ``missing``.
        case root([String: Any])
        case dictionary([String: Any])
        /// A dictionary of strings (`["name": topic, "url": …]`), pushed as it is, not cast to `[String: Any]`.
        case strings([String: String])
        /// A string, integer, boolean or array: nothing a template can name is in it (swift-mustache looks
        /// names up in such a value by `Mirror`, which finds no labelled children in them).
        case scalar(Any)
        case value(Any)
    }

    /// What a partial or a block passes on: the indentation of a standalone partial and the blocks a
    /// child template overrides (ops by block name).
    private struct Scope {
        var indentation: String?
        var overrides: [Int32: Range<Int>]?
    }

    init(templates: CompiledTemplates, root: [String: Any]) {
        program = templates
        ops = templates.ops
        bytes = templates.bytes
        paths = templates.paths
        names = templates.names
        frames = [.root(root)]
        output.reserveCapacity(16 * 1024)
    }

    /// Renders the template `name` (which must exist) with the root context.
    mutating func render(_ name: String) {
        guard let template = program.template(named: name) else { return }
        render(template, Scope(), escaping: .html)
    }

    /// The ops of one template (a file, a section, a block): with an indentation, every line it starts is
    /// indented.
    private mutating func render(_ range: Range<Int>, _ scope: Scope, escaping: Escaping) {
        var escaping = escaping
        var index = range.lowerBound
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            while index < range.upperBound { index = render(at: index, scope, &escaping) }
            return
        }
        let start = output.count
        while index < range.upperBound {
            let before = output.count
            // swift-mustache compares the last Character with "\n", and "\r\n" is one Character.
            let atLineStart =
                before > start && output[before - 1] == 0x0A && !(before - 1 > start && output[before - 2] == 0x0D)
            index = render(at: index, scope, &escaping)
            if atLineStart, output.count > before { output.insert(contentsOf: indentation.utf8, at: before) }
        }
    }

    /// Renders the op at `index` (with the ops it owns); returns the index of the next op of its template.
    private mutating func render(at index: Int, _ scope: Scope, _ escaping: inout Escaping) -> Int {
        switch ops[index] {
        case .text(let start, let end):
            output.append(contentsOf: UnsafeMutableBufferPointer(rebasing: bytes[Int(start)..<Int(end)]))
            return index + 1
        case .variable(let path, let escaped):
            if let value = lookUp(paths[Int(path)]) { append(value, escaping: escaped ? escaping : nil) }
            return index + 1
        case .section(let path, let inverted, let id, let end):
            let body = index + 1..<Int(end)
            let value = lookUp(paths[Int(path)])
            let fixed = FixedValue.of(value)
            if inverted {
                renderInverted(fixed?.value ?? value, body, scope, escaping)
            } else if let fixed {
                renderFixed(fixed, id: id, scope, escaping) {
                    $0.renderSection(fixed.value, body, id, scope, escaping)
                }
            } else {
                renderSection(value, body, id, scope, escaping)
            }
            return Int(end)
        case .block(let name, let indentation, let end):
            lowestRead = -1
            var inner = scope
            if indentation >= 0 { inner.indentation = (scope.indentation ?? "") + program.strings[Int(indentation)] }
            render(scope.overrides?[name] ?? index + 1..<Int(end), inner, escaping: escaping)
            return Int(end)
        case .partial(let template, let indentation, let overrides, let end):
            guard template >= 0 else { return Int(end) }
            var inner = scope
            if indentation >= 0 { inner.indentation = (scope.indentation ?? "") + program.strings[Int(indentation)] }
            // The outer template's blocks win over the ones a parent passes on.
            if overrides >= 0 {
                let blocks = program.overrides[Int(overrides)]
                inner.overrides = scope.overrides?.merging(blocks) { outer, _ in outer } ?? blocks
            }
            render(program.templates[Int(template)], inner, escaping: .html)
            return Int(end)
        case .escaping(let type):
            escaping = type
            return index + 1
        }
    }

    // MARK: Values

    /// A context value of the types templates read most, or `other`.
    private enum Shape {
        case string(String)
        case bool(Bool)
        case int(Int)
        case dictionary([String: Any])
        case dictionaries([[String: Any]])
        case stringDictionary([String: String])
        case stringDictionaries([[String: String]])
        case fixedValues([FixedValue])
        case other

        /// Found by the value's type first, one comparison each: a failing `as?` of an `Any` goes through the
        /// runtime's whole search (existentials, optionals, bridging, collections' elements), and a section
        /// over a list tried three casts before the one that held (measured 2026-12-01, release build, `perf`
        /// of the 10k-page build: `swift_dynamicCast` under the renderer was 2 % of the samples; the lists of
        /// string dictionaries a page's topics and audiences are, cast to `[[String: Any]]` element by element,
        /// still 1.9 %). A value of another type is cast in the order the renderer always did.
        init(_ value: Any) {
            switch ObjectIdentifier(type(of: value)) {
            case ObjectIdentifier(String.self): self = .string(value as! String)
            case ObjectIdentifier(Bool.self): self = .bool(value as! Bool)
            case ObjectIdentifier([String: Any].self): self = .dictionary(value as! [String: Any])
            case ObjectIdentifier([[String: Any]].self): self = .dictionaries(value as! [[String: Any]])
            case ObjectIdentifier(Int.self): self = .int(value as! Int)
            case ObjectIdentifier([FixedValue].self): self = .fixedValues(value as! [FixedValue])
            case ObjectIdentifier([[String: String]].self): self = .stringDictionaries(value as! [[String: String]])
            case ObjectIdentifier([String: String].self): self = .stringDictionary(value as! [String: String])
            default:
                switch value {
                case let flag as Bool: self = .bool(flag)
                case let dictionary as [String: Any]: self = .dictionary(dictionary)
                case let items as [[String: Any]]: self = .dictionaries(items)
                case let items as [FixedValue]: self = .fixedValues(items)
                case let text as String: self = .string(text)
                case let number as Int: self = .int(number)
                default: self = .other
                }
            }
        }
    }

    private mutating func append(_ value: Any, escaping: Escaping?) {
        switch Shape(value) {
        case .string(let text): append(text, escaping: escaping)
        case .bool(let flag): append(flag ? "true" : "false", escaping: escaping)
        case .int(let number): append(String(number), escaping: escaping)
        case .dictionary, .dictionaries, .stringDictionary, .stringDictionaries, .fixedValues, .other:
            guard let value = Self.represented(value) else { return }
            if let renderable = value as? MustacheCustomRenderable {
                append(renderable.renderText, escaping: escaping)
            } else {
                append(String(describing: (value as? OptionalValue)?.wrapped ?? value), escaping: escaping)
            }
        }
    }

    private mutating func append(_ text: String, escaping: Escaping?) {
        switch escaping {
        case nil: output.append(contentsOf: text.utf8)
        case .html: Escape.html(text, into: &output)
        case .other(let type): output.append(contentsOf: program.contentTypes[Int(type)].escapeText(text).utf8)
        }
    }

    /// A section (`id`) over `value`.
    private mutating func renderSection(
        _ value: Any?, _ nodes: Range<Int>, _ id: Int32, _ scope: Scope, _ escaping: Escaping
    ) {
        guard let value else { return }
        switch Shape(value) {
        case .bool(let flag): if flag { render(nodes, scope, escaping: escaping) }
        case .dictionary(let dictionary): render(nodes, pushing: .dictionary(dictionary), scope, escaping)
        case .dictionaries(let items):
            for item in items { render(nodes, pushing: .dictionary(item), scope, escaping) }
        case .stringDictionary(let dictionary): render(nodes, pushing: .strings(dictionary), scope, escaping)
        case .stringDictionaries(let items):
            for item in items { render(nodes, pushing: .strings(item), scope, escaping) }
        case .fixedValues(let items):
            for item in items {
                guard let dictionary = item.value as? [String: Any] else {
                    render(nodes, pushing: .value(item), scope, escaping)
                    continue
                }
                // An item is pushed as a section over it pushes it: the same rendering, kept under the same id.
                renderFixed(item, id: id, scope, escaping) {
                    $0.render(nodes, pushing: .dictionary(dictionary), scope, escaping)
                }
            }
        case .string(let text): render(nodes, pushing: .scalar(text), scope, escaping)
        case .int, .other:
            guard let value = Self.represented(value) else { return }
            if let sequence = value as? any MustacheSequence {
                for item in Self.elements(of: sequence) { render(nodes, pushing: Self.frame(item), scope, escaping) }
            } else if let flag = value as? Bool {
                if flag { render(nodes, scope, escaping: escaping) }
            } else if let renderable = value as? MustacheCustomRenderable, renderable.isNull {
                return
            } else {
                render(nodes, pushing: Self.frame(value), scope, escaping)
            }
        }
    }

    private mutating func renderInverted(
        _ value: Any?, _ nodes: Range<Int>, _ scope: Scope, _ escaping: Escaping
    ) {
        guard let value else { return render(nodes, scope, escaping: escaping) }
        switch Shape(value) {
        case .bool(let flag): if !flag { render(nodes, scope, escaping: escaping) }
        case .dictionary, .stringDictionary, .string: return
        case .dictionaries(let items): if items.isEmpty { render(nodes, pushing: .scalar(items), scope, escaping) }
        case .stringDictionaries(let items):
            if items.isEmpty { render(nodes, pushing: .scalar(items), scope, escaping) }
        case .int, .fixedValues, .other:
            guard let value = Self.represented(value) else {
                render(nodes, scope, escaping: escaping)
                return
            }
            if let sequence = value as? any MustacheSequence {
                if Self.elements(of: sequence).isEmpty { render(nodes, pushing: .value(value), scope, escaping) }
            } else if let flag = value as? Bool {
                if !flag { render(nodes, scope, escaping: escaping) }
            } else if let renderable = value as? MustacheCustomRenderable, renderable.isNull {
                render(nodes, scope, escaping: escaping)
            }
        }
    }

    /// Section `id` over a fixed value: the bytes it rendered over that value before, else `render`'s, kept
    /// when `render` read no level of the stack below the value's and no block (see ``FixedValue``).
    private mutating func renderFixed(
        _ fixed: FixedValue, id: Int32, _ scope: Scope, _ escaping: Escaping,
        _ render: (inout TemplateRenderer) -> Void
    ) {
        // A partial's indentation and another escaping change the bytes: those are rendered, never kept.
        guard case .html = escaping, scope.indentation?.isEmpty ?? true else { return render(&self) }
        if let bytes = fixed.rendering(of: id) { return output.append(contentsOf: bytes) }
        let start = output.count
        let outer = lowestRead
        lowestRead = .max
        render(&self)
        if lowestRead >= frames.count { fixed.keep(Array(output[start...]), of: id) }
        lowestRead = min(outer, lowestRead)
    }

    private mutating func render(
        _ nodes: Range<Int>, pushing frame: Frame, _ scope: Scope, _ escaping: Escaping
    ) {
        frames.append(frame)
        render(nodes, scope, escaping: escaping)
        frames.removeLast()
    }

    private static func frame(_ value: Any) -> Frame {
        switch value {
        case let dictionary as [String: Any]: .dictionary(dictionary)
        case is String, is Int, is Bool: .scalar(value)
        default: .value(value)
        }
    }

    private static func elements(of sequence: some MustacheSequence) -> [Any] { sequence.map { $0 } }

    /// The value a `MustacheCustomRepresentation` stands for (`nil` for `NSNull`); any other value itself.
    private static func represented(_ value: Any) -> Any? {
        guard let custom = value as? MustacheCustomRepresentation else { return value }
        return custom.representation
    }

    // MARK: Lookup

    /// The value a name stands for: the first level of the stack, from the innermost, that has its first
    /// component, then each further component in that value.
    private mutating func lookUp(_ path: CompiledTemplates.Path) -> Any? {
        let components = path.components
        guard path.kind == .stack, !components.isEmpty else {
            lowestRead = min(lowestRead, frames.count - 1)
            guard path.kind == .local, !components.isEmpty else { return current }
            return child(names[components.lowerBound], of: frames.count - 1).flatMap {
                descend(components.dropFirst(), from: $0)
            }
        }
        let first = names[components.lowerBound]
        for level in frames.indices.reversed() {
            lowestRead = min(lowestRead, level)
            guard let value = child(first, of: level) else { continue }
            return components.count == 1 ? value : descend(components.dropFirst(), from: value)
        }
        return nil
    }

    /// The innermost level of the stack.
    private var current: Any {
        switch frames[frames.count - 1] {
        case .root(let values), .dictionary(let values): values
        case .strings(let values): values
        case .scalar(let value), .value(let value): value
        }
    }

    private mutating func child(_ name: String, of level: Int) -> Any? {
        switch frames[level] {
        case .root(let values):
            guard let value = values[name] else {
                missing.insert(name)
                return nil
            }
            return value
        case .dictionary(let values): return values[name]
        case .strings(let values): return values[name]
        case .scalar: return nil
        case .value(let value): return Self.child(name, of: value)
        }
    }

    /// The value the names ``names``[`components`] stand for, one in the other, from `value`.
    private func descend(_ components: Range<Int>, from value: Any) -> Any? {
        var value = value
        for component in components {
            guard let next = Self.child(names[component], of: value) else { return nil }
            value = next
        }
        return value
    }

    /// swift-mustache's `_getImmediateChild`: a `MustacheParent` (a dictionary) by name, any other value
    /// by its stored property of that name.
    private static func child(_ name: String, of value: Any) -> Any? {
        if let dictionary = value as? [String: Any] { return dictionary[name] }
        guard let value = represented(value) else { return nil }
        if let parent = value as? MustacheParent { return parent.child(named: name) }
        guard let property = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else {
            return nil
        }
        let optional = Mirror(reflecting: property)
        guard optional.displayStyle == .optional else { return property }
        return optional.children.first?.value
    }
}

/// Optional values, unwrapped for display as swift-mustache does.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self }
}
