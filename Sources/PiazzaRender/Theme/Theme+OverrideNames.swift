import Foundation

extension Theme {
    /// Refuses the templates of this theme's own folder that use a name (the first component of a
    /// `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}` or `{{^name}}`) that no template of `base` uses.
    ///
    /// Why: the pages give their templates what the default theme's templates use, and a name no page
    /// gives is an error only when a page renders that very tag (``render(_:_:)``). The daemon renders its
    /// pages on demand, some parts only in one state of a case (the receipt's reply form), so a theme that
    /// overrides a template from an earlier release, where a name was renamed since, would pass the build
    /// and the daemon's start and then answer 500 to the one citizen who reaches that part. A name the
    /// default theme uses nowhere is one no page of this release gives, so it is refused when the themes
    /// load: by `piazza check`, `piazza build` and the daemon's start alike.
    ///
    /// The names are the compiled programs' (``CompiledTemplates/lookedUpNames(in:)``); their places are the
    /// tags' (``TemplateTag``), as the parser keeps none.
    ///
    /// - Throws: ``ThemeError`` `.missingKey`, one line per tag: `file:line:column: 'name' ...`.
    func checkNames(against base: Theme) throws(ThemeError) {
        let known = base.compiled.lookedUpNames(in: 0..<base.compiled.ops.count)
        let own = directory.appendingPathComponent("templates").standardizedFileURL.path + "/"
        var problems: [String] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key })
        where template.url.standardizedFileURL.path.hasPrefix(own) {
            guard let ops = compiled.template(named: name) else { continue }
            let unknown = compiled.lookedUpNames(in: ops).subtracting(known)
            let model = base.templates[name].map { "; compare with \($0.url.path)" } ?? ""
            for tag in template.tags {
                guard let use = tag.lookedUp, unknown.contains(use) else { continue }
                problems.append(
                    "\(template.url.path):\(tag.place): '\(use)' is a name no page gives its "
                        + "templates in this release (no template of the default theme uses it: renamed or removed "
                        + "since the theme was written?)\(model)")
            }
        }
        guard problems.isEmpty else { throw ThemeError(.missingKey, problems.joined(separator: "\n")) }
    }
}

extension CompiledTemplates {
    /// The first component of every name the ops `range` look up in the context (`page` for `{{page.title}}`
    /// and `{{.page}}`), in their sections' bodies and parents' blocks too; a partial's own names are its.
    func lookedUpNames(in range: Range<Int>) -> Set<String> {
        var found: Set<String> = []
        for op in ops[range] {
            switch op {
            case .variable(let path, _), .section(let path, _, _, _):
                if let first = paths[Int(path)].components.first { found.insert(names[first]) }
            case .text, .block, .partial, .escaping: break
            }
        }
        return found
    }
}
