import Foundation
import ItalianIdentifiers

/// Reads a YAML mapping against a schema, recording a located diagnostic for every unknown key,
/// wrong type or missing required key instead of stopping at the first.
///
/// Every accessor marks its key as known; ``finish()`` then reports the keys nobody asked for,
/// so a schema is exactly the set of keys its loader reads.
package final class YAMLReader {
    package let file: String
    package let lineOffset: Int
    /// What is being read, for messages: "service front matter", "portal.yaml", "field 'cap'".
    package let context: String
    /// Shared by a reader and the readers of its nested mappings.
    package let sink: DiagnosticSink
    /// The mapping's pairs, in file order.
    private let entries: [YAMLNode.Pair]
    private var known: [String] = []
    /// Where the mapping starts, for "missing key" errors.
    package let line: Int
    package let column: Int

    /// Wraps `node`; records an error and returns `nil` when it is not a mapping.
    package init?(_ node: YAMLNode, file: String, lineOffset: Int, context: String, sink: DiagnosticSink) {
        self.sink = sink
        self.file = file
        self.lineOffset = lineOffset
        self.context = context
        self.line = node.mark.line + lineOffset
        self.column = node.mark.column
        guard let mapping = node.mapping else {
            sink.error(file, line, column, "\(context) must be a list of `key: value` lines")
            return nil
        }
        entries = mapping
    }

    /// A reader for a nested mapping, sharing this reader's file and offset.
    package func reader(for node: YAMLNode, context: String) -> YAMLReader? {
        YAMLReader(node, file: file, lineOffset: lineOffset, context: context, sink: sink)
    }

    // MARK: Positions and errors

    /// The line and column of a node in the file.
    package func position(of node: YAMLNode) -> (line: Int, column: Int) {
        (node.mark.line + lineOffset, node.mark.column)
    }

    /// Where a node is written, kept with a value that later checks may report on.
    package func location(of node: YAMLNode) -> SourceLocation {
        let place = position(of: node)
        return SourceLocation(file: file, line: place.line, column: place.column)
    }

    /// Where a key is written (the key itself, not its value), `nil` when the mapping does not have it.
    /// Loaders keep it next to a reference that is checked once every file is read.
    package func location(ofKey key: String) -> SourceLocation? { keyNode(key).map(location(of:)) }

    /// Records an error at a node.
    package func error(at node: YAMLNode, _ message: String) {
        let place = position(of: node)
        sink.error(file, place.line, place.column, message)
    }

    /// Records an error at the start of the mapping.
    package func error(_ message: String) {
        sink.error(file, line, column, message)
    }

    /// All keys present, in file order.
    package var keys: [String] { entries.map { $0.key.string ?? "" } }

    /// The value node of a key, marking the key as known.
    package func node(_ key: String) -> YAMLNode? {
        known.append(key)
        return index(of: key).map { entries[$0].value }
    }

    /// The node of a key itself (for positions), without marking it.
    package func keyNode(_ key: String) -> YAMLNode? { index(of: key).map { entries[$0].key } }

    /// The index of the pair whose key is the text `key`. By index: `first(where:)` copied the whole pair, key
    /// and value, for every key asked.
    private func index(of key: String) -> Int? { entries.firstIndex { $0.key.string == key } }

    private func missing(_ key: String, _ hint: String) {
        error("\(context) is missing `\(key)`; add `\(key): \(hint)`")
    }

    // MARK: Typed accessors

    /// A non-empty text value.
    package func string(_ key: String, required: Bool = false, hint: String = "...") -> String? {
        guard let node = node(key) else {
            if required { missing(key, hint) }
            return nil
        }
        guard let scalar = node.scalar else {
            error(at: node, "`\(key)` in \(context) must be a text, not a list or mapping")
            return nil
        }
        let text = scalar.string.trimmingWhitespaceAndNewlines()
        if text.isEmpty || (scalar.style == .plain && ["null", "~"].contains(text)) {
            if required { error(at: node, "`\(key)` in \(context) is empty; write \(hint)") }
            return nil
        }
        return text
    }

    /// A whole number.
    package func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Int? {
        guard let node = node(key) else {
            if required { missing(key, "a whole number") }
            return nil
        }
        guard let text = node.scalar?.string, let value = Int(text) else {
            error(at: node, "`\(key)` in \(context) must be a whole number like 30")
            return nil
        }
        if let range, !range.contains(value) {
            error(at: node, "`\(key)` in \(context) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    /// An amount in euro written with a dot for the cents (`15000`, `150.50`): thresholds and benefit amounts.
    package func money(_ key: String, required: Bool = false) -> Money? {
        guard let node = node(key) else {
            if required { missing(key, "an amount in euro") }
            return nil
        }
        return money(node, key: key)
    }

    /// An amount in euro from a node; see ``plainMoney(_:)``.
    package func money(_ node: YAMLNode, key: String) -> Money? {
        guard let text = node.scalar?.string, let value = Self.plainMoney(text) else {
            error(at: node, "`\(key)` in \(context) must be an amount in euro like 15000 or 150.50 (dot for the cents)")
            return nil
        }
        return value
    }

    /// An amount in euro written as settings files write it, a dot before at most 2 decimals: `1500`,
    /// `1500.5`, `1500.50`, `-3`. `nil` for anything else (`1.500,00`, `12.345`) or an amount too large.
    ///
    /// Not the citizens' rule (``Money/init(_:allowNegative:)``, where `1.500` is one thousand five hundred).
    package static func plainMoney(_ text: String) -> Money? {
        guard text.range(of: #"^-?[0-9]+(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil else { return nil }
        let negative = text.hasPrefix("-")
        let parts = text.dropFirst(negative ? 1 : 0).split(separator: ".")
        let fraction = parts.count == 2 ? parts[1] + String(repeating: "0", count: 2 - parts[1].count) : "00"
        guard let euros = Int(parts[0]), case (let scaled, false) = euros.multipliedReportingOverflow(by: 100),
            case (let cents, false) = scaled.addingReportingOverflow(Int(fraction)!)
        else { return nil }
        return Money(cents: negative ? -cents : cents)
    }

    /// A decimal written as settings files write it, `-?digits(.digits)?`: `1500`, `12.5`, `-3`; `nil`
    /// for anything else (`1,5`, `12abc`, `1e3`).
    package static func plainDecimal(_ text: String) -> Decimal? {
        guard text.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `true` or `false`, unquoted: a quoted `"true"` is a text in YAML, and is refused rather than read as a flag.
    package func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        let word = node.scalar.flatMap { $0.style == .plain ? $0.string.lowercased() : nil }
        switch word {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            let quoted = node.scalar.map { $0.style != .plain } ?? false
            error(at: node, "`\(key)` in \(context) must be true or false" + (quoted ? ", without quotes" : ""))
            return nil
        }
    }

    /// One of a fixed set of words.
    package func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false) -> T?
    where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard let text = string(key, required: required, hint: allowed.joined(separator: " | ")) else { return nil }
        if let value = T(rawValue: text) { return value }
        if let node = index(of: key).map({ entries[$0].value }) {
            error(at: node, "`\(key)` in \(context) is '\(text)'; use one of: \(allowed.joined(separator: ", "))")
        }
        return nil
    }

    /// A list of texts; a single text is accepted as a one-element list. An item written twice is an
    /// error at the second (topics, audiences, featured measures and portals are sets: a repeat is a
    /// slip, shown twice on the page or served twice) and is left out.
    package func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let node = node(key) else {
            if required { missing(key, "[first, second]") }
            return nil
        }
        if let scalar = node.scalar {
            let text = scalar.string.trimmingWhitespace()
            return text.isEmpty ? [] : [text]
        }
        guard let sequence = node.sequence else {
            error(at: node, "`\(key)` in \(context) must be a list like [a, b]")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string, !text.isEmpty else {
                error(at: item, "every item of `\(key)` in \(context) must be a text")
                continue
            }
            if values.contains(text) {
                error(at: item, "'\(text)' appears twice in `\(key)` in \(context); keep one")
                continue
            }
            values.append(text)
        }
        if required && values.isEmpty { error(at: node, "`\(key)` in \(context) needs at least one item") }
        return values
    }

    /// A list of nodes.
    package func sequence(_ key: String, required: Bool = false) -> [YAMLNode]? {
        guard let node = node(key) else {
            if required { missing(key, "followed by a list of `- ...` items") }
            return nil
        }
        guard let sequence = node.sequence else {
            error(at: node, "`\(key)` in \(context) must be a list of `- ...` items")
            return nil
        }
        return sequence
    }

    /// A nested mapping.
    package func mapping(_ key: String, required: Bool = false, context nestedContext: String? = nil) -> YAMLReader? {
        guard let node = node(key) else {
            if required { missing(key, "followed by indented `key: value` lines") }
            return nil
        }
        return reader(for: node, context: nestedContext ?? "`\(key)` in \(context)")
    }

    /// A calendar date `YYYY-MM-DD`, by the one date rule (``ItalianDate/parse(iso:)``).
    package func date(_ key: String, required: Bool = false) -> ContentDate? {
        guard let text = string(key, required: required, hint: "YYYY-MM-DD"), let node = node(key) else { return nil }
        do {
            return try ContentDate.parse(iso: text)
        } catch {
            self.error(
                at: node,
                "`\(key)` in \(context) is \(error.explanation(of: text, malformed: "not a real date; write it as YYYY-MM-DD, e.g. 2026-03-31"))"
            )
            return nil
        }
    }

    /// A date with an optional time, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, in Europe/Rome
    /// (``ContentDateTime/parse(_:endOfDay:)``).
    package func dateTime(_ key: String, required: Bool = false, endOfDay: Bool = false) -> ContentDateTime? {
        guard let text = string(key, required: required, hint: "YYYY-MM-DD HH:MM"), let node = node(key) else {
            return nil
        }
        do {
            return try ContentDateTime.parse(text, endOfDay: endOfDay)
        } catch {
            self.error(
                at: node,
                "`\(key)` in \(context) is \(error.explanation(of: text, malformed: "not a real date and time; write YYYY-MM-DD or YYYY-MM-DD HH:MM"))"
            )
            return nil
        }
    }

    // MARK: Finish

    /// Reports every key that no accessor asked for, with the allowed keys and a likely fix.
    package func finish() {
        let allowed = Set(known)
        for entry in entries {
            let key = entry.key.string ?? ""
            guard !allowed.contains(key) else { continue }
            var message = "unknown key `\(key)` in \(context)"
            if let guess = Self.closest(to: key, in: allowed) {
                message += "; did you mean `\(guess)`?"
            } else {
                message += "; allowed keys: \(allowed.sorted().joined(separator: ", "))"
            }
            error(at: entry.key, message)
        }
    }

    /// The candidate an editor most likely meant by `text`, if any: the one rule for every "did you mean" of
    /// keys, columns, fields and topics. Compared folded (capitals and accents ignored, as a keyboard without
    /// `à` types them): the same folded text, else the only candidate the text starts (4 characters at least:
    /// `Mobilita` → `Mobilità sostenibile`), else the nearest within edit distance 2; ties by name.
    package static func closest(to text: String, in candidates: Set<String>) -> String? {
        let folded = fold(text)
        let forms = candidates.map { (name: $0, folded: fold($0)) }
        if let same = forms.filter({ $0.folded == folded }).map(\.name).min() { return same }
        let starts = forms.filter { $0.folded.hasPrefix(folded) }
        if folded.count >= 4, starts.count == 1 { return starts[0].name }
        return forms.map { ($0.name, editDistance(folded, $0.folded)) }.filter { $0.1 <= 2 }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    private static func fold(_ text: String) -> String {
        text.caseAndDiacriticFolded
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
