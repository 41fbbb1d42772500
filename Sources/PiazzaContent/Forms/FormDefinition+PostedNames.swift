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
        let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let field = fields.first(where: { $0.name == parts[0] }) else { return nil }
        switch field.type {
        case .group:
            let row = parts.count == 2 ? parts[1].split(separator: ".", maxSplits: 1) : []
            guard row.count == 2, let index = Int(row[0]), index >= 0, String(index) == row[0] else { return nil }
            return Self.field(postedName: row[1], in: field.fields)
        case .isee:
            return parts.count == 2 && (parts[1] == "importo" || parts[1] == "dsu") ? field : nil
        default:
            return parts.count == 1 ? field : nil
        }
    }

    /// The most UTF-8 bytes a value posted under `name` may have before it is read: the field's
    /// ``FormField/postedByteLimit``, ``FormSubmission/hiddenValueBytes`` for the hidden keys, `nil` for a name the
    /// form does not have, whose values are never read.
    public func postedByteLimit(forName name: String) -> Int? {
        if let limit = postedByteLimits[name] { return limit }
        // Group rows (`componenti.2.nome`) are not listed: their row numbers are the citizen's.
        return field(postedName: name)?.postedByteLimit
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
