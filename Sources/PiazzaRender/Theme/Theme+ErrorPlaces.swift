import Foundation
import Mustache

/// The theme's errors an editor makes in a template, each at its `file:line:column` with the fix.
extension Theme {
    /// A template swift-mustache does not parse: where, what is wrong and how to fix it.
    ///
    /// A name the parser could not read is told where the parser stopped (the `}` that should be `}}`); any
    /// other fault at the start of the tag to fix: a section closed wrongly or never closed (the parser notices
    /// that only at the end of the file), a tag inside a parent outside its blocks, a pragma.
    static func parseProblem(_ error: MustacheTemplate.ParserError, in template: Template) -> ThemeError {
        let context = error.context
        // - 1: the escaping pragma is a line of its own before the file's first line.
        let (line, column) = (context.lineNumber - 1, context.columnNumber)
        var place = "\(line):\(column)"
        let kind = error.error as? MustacheTemplate.Error
        // The parser stops after a pragma or delimiter change it refuses: the tag starts before.
        if kind != .unfinishedName,
            let tag = template.tags.last(where: { ($0.line, $0.column) <= (line, column) })
        {
            place = tag.place
        }
        if kind == .sectionCloseNameIncorrect || kind == .expectedSectionEnd,
            let problem = TemplateTag.nestingProblem(in: template.tags)
        {
            return ThemeError(.invalidTemplate, "\(template.url.path):\(problem.tag.place): \(problem.message)")
        }
        if kind == .illegalTokenInsideInheritSection, let tag = TemplateTag.outsideBlocks(in: template.tags) {
            return ThemeError(
                .invalidTemplate,
                "\(template.url.path):\(tag.place): \(tag.written) is inside a parent but outside its blocks: only "
                    + "blocks {{$name}}…{{/name}} may be written there; move it into a block or out of the parent")
        }
        let message: String
        switch kind {
        case .unfinishedName:
            message =
                "this tag does not end where its name does: a name is letters, digits, '.', '-', '_' and '?' "
                + "(a partial's also '/'), then }} ({{{name}}} ends with }}}); look for a missing brace or a "
                + "space or other character inside the name"
        case .invalidSetDelimiter:
            message =
                "a delimiter change is written {{=<% %>=}}: two delimiters, a space between them, inside '=' and '='"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            message =
                "inside {{< parent}}…{{/parent}} only blocks {{$name}}…{{/name}} may be written; move this tag "
                + "into a block or out of the parent"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            message = "the only setting a template may make is {{% CONTENT_TYPE: HTML}} or {{% CONTENT_TYPE: TEXT}}"
        case .sectionCloseNameIncorrect, .expectedSectionEnd, nil:
            message = "not valid Mustache (\(error.error)); check the tag here"
        }
        return ThemeError(.invalidTemplate, "\(template.url.path):\(place): \(message)")
    }

    /// What ``CompiledTemplates/Builder`` refused, at the first tag that uses it.
    static func unsupported(_ error: CompiledTemplates.Unsupported, in template: Template) -> ThemeError {
        let tag = template.tags.first { $0.name.contains("(") || ($0.sigil == ">" && $0.name.hasPrefix("*")) }
        return ThemeError(.invalidTemplate, "\(template.url.path):\(tag?.place ?? "1:1"): \(error.message)")
    }

    /// Every `{{> name}}` and `{{< name}}` must name a loaded template: one line per tag that does not,
    /// `file:line:column: …`.
    static func checkPartials(_ templates: [String: Template], in directory: URL, fallback: Theme?) throws(ThemeError) {
        var problems: [String] = []
        let folders = [directory] + (fallback.map { [$0.directory] } ?? [])
        for (_, template) in templates.sorted(by: { $0.key < $1.key }) {
            for tag in template.tags where (tag.sigil == ">" || tag.sigil == "<") && templates[tag.name] == nil {
                problems.append(
                    "\(template.url.path):\(tag.place): \(tag.written) names a template the theme does not have: "
                        + "there is no \(tag.name).mustache in "
                        + folders.map { $0.appendingPathComponent("templates").path }.joined(separator: " or ")
                        + "; add it or correct the name")
            }
        }
        guard problems.isEmpty else { throw ThemeError(.missingPartial, problems.joined(separator: "\n")) }
    }

    /// The error of rendering `template` when the names `missing` were found in no level of the context: one
    /// line per tag that looks one up, in `template` and the partials and parents it renders.
    func missingNames(_ missing: [String], rendering template: String) -> ThemeError {
        var reached = [template]
        var index = 0
        while index < reached.count {
            for tag in templates[reached[index]]?.tags ?? [] where tag.sigil == ">" || tag.sigil == "<" {
                if templates[tag.name] != nil, !reached.contains(tag.name) { reached.append(tag.name) }
            }
            index += 1
        }
        var lines: [String] = []
        for name in missing {
            let uses = reached.compactMap { templates[$0] }.flatMap { file in
                file.tags.filter { $0.lookedUp == name }.map { "\(file.url.path):\($0.place): " }
            }
            for place in uses.isEmpty ? [""] : uses {
                lines.append(
                    "\(place)template '\(template)' uses '\(name)', which the page does not provide; check the "
                        + "spelling in the template")
            }
        }
        return ThemeError(.missingKey, lines.joined(separator: "\n"))
    }
}
