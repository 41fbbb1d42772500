import ItalianIdentifiers

extension FormDefinition {
    /// The field a posted name stands for: `nome` a top-level field, `isee.importo` and `isee.dsu` the ISEE field
    /// `isee`, `componenti.2.nome` the sub-field `nome` of the group `componenti` (a row index in decimal digits,
    /// as the form page writes it). `nil` for every other name: hidden keys, a group's or an ISEE field's own name,
    /// names the form does not have.
    public func field(postedName name: String) -> FormField? {
        Self.field(postedName: Substring(name), in: fields)
    }

    private static func field(postedName name: Substring, in fields: [FormField]) -> FormField? {
        // Cut at the dots by index: `split` made arrays for every value of every post (the intake asks
        // this for each posted name of a group row).
        let dot = name.firstIndex(of: ".")
        let head = name[..<(dot ?? name.endIndex)]
        let rest = dot.map { name[name.index(after: $0)...] }
        guard let field = fields.first(where: { $0.name == head }) else { return nil }
        switch field.type {
        case .group:
            guard let row = groupRow(name) else { return nil }
            return Self.field(postedName: row.name, in: field.fields)
        case .isee:
            return rest == "importo" || rest == "dsu" ? field : nil
        default:
            return rest == nil ? field : nil
        }
    }

    /// The most UTF-8 bytes a value posted under `name` may have before it is read: the field's
    /// ``FormField/postedByteLimit``, ``FormSubmission/hiddenValueBytes`` for the hidden keys, `nil` for a name the
    /// form does not have, whose values are never read.
    public func postedByteLimit(forName name: String) -> Int? {
        if let limit = postedByteLimits[name] { return limit }
        // Group rows (`componenti.2.nome`) are listed without their row numbers, which are the citizen's: the intake
        // asks this for each posted name, and finding the field (a copy of it) and its limit again cost more.
        if let row = Self.groupRow(Substring(name)), let limit = rowByteLimits[String(row.group)]?[String(row.name)] {
            return limit
        }
        return field(postedName: name)?.postedByteLimit
    }

    /// `componenti` and `nome` of `componenti.2.nome`: a name, a row index in canonical decimal digits and a
    /// non-empty rest, as ``field(postedName:)`` reads a group row's name; `nil` for any other shape.
    private static func groupRow(_ name: Substring) -> (group: Substring, name: Substring)? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        let rest = name[name.index(after: dot)...]
        guard let rowEnd = rest.firstIndex(of: "."), rowEnd > rest.startIndex else { return nil }
        let row = rest[..<rowEnd]
        let subName = rest[rest.index(after: rowEnd)...]
        guard !subName.isEmpty, let index = Int(row), index >= 0, String(index) == row else { return nil }
        return (name[..<dot], subName)
    }

    /// The posted values a form page shows back after a refusal, by posted name: only names the form has (and the
    /// hidden keys), each value cut to its field's ``FormField/characterLimit`` in characters and
    /// ``TypedText/scalarsPerCharacter`` × that limit in Unicode scalars, so that a too-long value comes back as the
    /// beginning the citizen wrote and the page stays as small as the form. A choice longer than
    /// ``FormField/postedByteLimit`` (never one of the options) is left out.
    public func echoedValues(of submission: FormSubmission) -> [String: [String]] {
        var echoed: [String: [String]] = [:]
        for (name, values) in submission.values {
            guard let bytes = postedByteLimit(forName: name) else { continue }
            let characters = field(postedName: name)?.characterLimit
            echoed[name] = values.compactMap { value in
                if let characters { return Self.prefix(value, characters: characters) }
                return value.utf8.count <= bytes ? value : nil
            }
        }
        return echoed
    }

    /// The beginning of `text`: at most `limit` characters and ``TypedText/scalarsPerCharacter`` × `limit` scalars.
    private static func prefix(_ text: String, characters limit: Int) -> String {
        // Every scalar takes a byte at least: a text of at most `limit` bytes fits both counts.
        if text.utf8.count <= limit { return text }
        var end = text.startIndex
        var characters = 0
        var scalars = 0
        while end < text.endIndex, characters < limit {
            let next = text.index(after: end)
            scalars += text.unicodeScalars[end..<next].count
            if scalars > limit * TypedText.scalarsPerCharacter { break }
            characters += 1
            end = next
        }
        return String(text[..<end])
    }
}
