import Foundation

extension Theme {
    /// The templates `name` renders by name: every `{{> partial}}` and `{{< parent}}` in it, in its sections'
    /// bodies and parents' blocks too, whatever the name's characters (`nota.breve`, `nota?`) or the
    /// delimiters in force (`{{=<% %>=}}`); empty for a template the theme does not have.
    ///
    /// Source: swift-mustache's own parse, as compiled into ``CompiledTemplates`` (its `.partial` ops), so
    /// the list is exactly what ``render(_:_:)`` renders, never a pattern's guess at the grammar.
    public func partials(of name: String) -> Set<String> {
        guard let range = compiled.template(named: name) else { return [] }
        let names = Dictionary(uniqueKeysWithValues: compiled.templateIndex.map { ($0.value, $0.key) })
        var found: Set<String> = []
        for op in compiled.ops[range] {
            guard case .partial(let template, _, _, _) = op, let used = names[Int(template)] else { continue }
            found.insert(used)
        }
        return found
    }

    /// The text of the template `name` as it was parsed (a byte order mark dropped), from the file it was
    /// read from: this theme's, or the fallback's when this theme has none; `nil` for an unknown name.
    public func templateText(of name: String) -> String? {
        templates[name]?.text
    }
}
