import Foundation
import ItalianIdentifiers

extension FormDefinition {
    /// Reads and checks a form file; problems go to `sink`.
    static func load(id: String, source: String, text: String, sink: DiagnosticSink) -> FormDefinition? {
        let empty =
            "the form file is empty (or only comments); write the form, starting with `title: ...` (see docs/FORMS.md)"
        guard let node = YAMLSource(file: source, lineOffset: 0).parse(text, into: sink, ifEmpty: empty),
            let reader = YAMLReader(node, file: source, lineOffset: 0, context: "form", sink: sink)
        else { return nil }
        let title = reader.string("title", required: true, hint: "Domanda ...")
        let description = reader.string("description", required: true, hint: "what the form is for")
        let measure = reader.string("measure")
        let opens = reader.dateTime("opens", required: true)
        let closes = reader.dateTime("closes", required: true, endOfDay: true)
        if let opens, let closes, closes < opens, let node = reader.node("closes") {
            reader.error(at: node, "`closes` is before `opens`; swap them")
        }
        let privacy = reader.string("privacy", required: true, hint: "privacy.md")
        let retention = reader.int("retention_years", required: true, range: 1...100)
        let responseDays = reader.int("response_days", range: ResponseTerm.allowedDays)
        let minFill = reader.int("min_fill_seconds", range: 0...3600) ?? 3
        let submitLabel = reader.string("submit_label") ?? "Invia la domanda"
        var sections: [FormSection] = []
        for item in reader.sequence("sections", required: true) ?? [] {
            if let section = readSection(item, parent: reader) { sections.append(section) }
        }
        var definition = FormDefinition(
            id: id, source: source, title: title ?? "", description: description ?? "", measure: measure,
            measureLocation: reader.location(ofKey: "measure"), opens: opens ?? ContentDateTime("2000-01-01")!,
            closes: closes ?? ContentDateTime("2000-01-01")!, privacy: privacy ?? "",
            // A form without `privacy:` is not kept (below); until then its place is the form's start.
            privacyLocation: reader.location(ofKey: "privacy") ?? reader.location(of: node),
            retentionYears: retention ?? 1, minFillSeconds: minFill, submitLabel: submitLabel, sections: sections,
            checks: FormChecks(), benefit: nil)
        definition.responseDays = responseDays
        checkNames(definition, reader: reader)
        definition.checks = readChecks(reader, definition: definition)
        definition.benefit = readBenefit(reader, definition: definition)
        definition.voucher = readVoucher(reader, definition: definition)
        definition.merchantEnrolment = readMerchantEnrolment(reader, definition: definition)
        reader.finish()
        guard title != nil, description != nil, opens != nil, closes != nil, privacy != nil, retention != nil,
            !sections.isEmpty
        else { return nil }
        return definition
    }

    private static func readSection(_ node: YAMLNode, parent: YAMLReader) -> FormSection? {
        guard let reader = parent.reader(for: node, context: "a section of the form") else { return nil }
        let title = reader.string("title", required: true, hint: "Dati del richiedente")
        let hint = reader.string("hint")
        var fields: [FormField] = []
        for item in reader.sequence("fields", required: true) ?? [] {
            if let field = readField(item, parent: reader, inGroup: false) { fields.append(field) }
        }
        reader.finish()
        guard let title else { return nil }
        return FormSection(title: title, hint: hint, fields: fields)
    }

    private static func readField(_ node: YAMLNode, parent: YAMLReader, inGroup: Bool) -> FormField? {
        let position = parent.position(of: node)
        guard let probe = parent.reader(for: node, context: "a field") else { return nil }
        let name = probe.string("name", required: true, hint: "codice_fiscale")
        let reader = parent.reader(for: node, context: name.map { "field `\($0)`" } ?? "a field")!
        _ = reader.node("name")
        let type: FieldType? = reader.choice("type", required: true)
        let label = reader.string("label", required: true, hint: "the question the citizen reads")
        if let name, name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil {
            reader.error(
                at: reader.node("name")!, "field name '\(name)' must use only a-z, 0-9 and _ and start with a letter")
        }
        var field = FormField(
            name: name ?? "", type: type ?? .text, label: label ?? "", hint: reader.string("hint"),
            required: reader.bool("required") ?? false, when: readCondition(reader),
            autocomplete: reader.string("autocomplete"), rule: .none, options: readOptions(reader), fields: [],
            line: position.line)
        field.optionsFromComuni = reader.node("options")?.scalar?.string == FormField.comuniOptionsKeyword
        if let type {
            field.rule = readRule(type, reader: reader, inGroup: inGroup)
            if type == .group {
                for item in reader.sequence("fields", required: true) ?? [] {
                    if let child = readField(item, parent: reader, inGroup: true) { field.fields.append(child) }
                }
            }
            checkTypeKeys(field, type: type, reader: reader)
        }
        reader.finish()
        guard name != nil, type != nil, label != nil else { return nil }
        return field
    }

    /// The field's ``FieldRule``: its `max_length`, `min`, `max`, `accept` and `max_bytes` parsed here, once,
    /// with an error at the value that does not parse, and the defaults for what the form leaves out.
    private static func readRule(_ type: FieldType, reader: YAMLReader, inGroup: Bool) -> FieldRule {
        /// `min` and `max` read by `parse`; an error saying `expected` at a value it refuses, or why the date rule
        /// refuses it (``ContentDateProblem``: `February 2026 has 28 days`).
        func bounds<Value>(_ expected: String, _ parse: (String) throws(ContentDateProblem) -> Value?) -> Bounds<Value>
        {
            func bound(_ key: String) -> Value? {
                guard let text = reader.string(key) else { return nil }
                do throws(ContentDateProblem) {
                    if let value = try parse(text) { return value }
                    reader.error(at: reader.node(key)!, "`\(key)` must be \(expected)")
                } catch {
                    let explanation = error.explanation(of: text, malformed: "not \(expected)")
                    reader.error(at: reader.node(key)!, "`\(key)` is \(explanation)")
                }
                return nil
            }
            return Bounds(min: bound("min"), max: bound("max"))
        }
        switch type {
        case .text, .textarea:
            let fallback = type == .text ? FieldRule.defaultTextLength : FieldRule.defaultTextareaLength
            return .text(maxLength: reader.int("max_length", range: FieldRule.maxLengthRange) ?? fallback)
        case .number:
            return .number(bounds("a number like 1500", YAMLReader.plainDecimal))
        case .money:
            return .money(
                bounds(
                    "an amount in euro \(Money.contentAmountsText), like 1500 or 1500.50 (dot for the cents)",
                    YAMLReader.plainAmount))
        case .date:
            return .date(bounds("YYYY-MM-DD or `today`", DateBound.parse))
        case .file:
            if inGroup { reader.error("file fields cannot be inside a group; put the upload in a section") }
            return .file(
                FileRule(
                    accept: reader.strings("accept"), maxBytes: reader.int("max_bytes", range: FileRule.maxBytesRange)))
        case .group:
            if inGroup { reader.error("a group cannot contain another group") }
            let rows = bounds("a whole number", { Int($0) })
            let rule = RowRule(minRows: rows.min ?? RowRule.defaultMinRows, maxRows: rows.max ?? RowRule.defaultMaxRows)
            if rule.minRows < 0 || rule.minRows > rule.maxRows || !(1...RowRule.largestMaxRows).contains(rule.maxRows) {
                reader.error("group `min`/`max` must be whole numbers with 0 ≤ min ≤ max ≤ \(RowRule.largestMaxRows)")
            }
            return .group(rule)
        case .email, .tel, .select, .radio, .checkbox, .consent, .codiceFiscale, .partitaIVA, .iban, .cap, .isee:
            return .none
        }
    }

    /// Keys that do not apply to the field's type, and settings that contradict it.
    private static func checkTypeKeys(_ field: FormField, type: FieldType, reader: YAMLReader) {
        func reject(_ key: String, _ why: String) {
            // Marked as read, so the key is reported once: as not applying, not also as unknown.
            if let node = reader.keyNode(key), reader.node(key) != nil { reader.error(at: node, "`\(key)` \(why)") }
        }
        if type.hasOptions {
            if type != .checkbox && field.options.isEmpty && !field.optionsFromComuni {
                reader.error(
                    "a \(type.rawValue) field needs `options:` (a list of values or {value, label}, or `comuni` for the portal's comuni)"
                )
            }
        } else {
            reject("options", "only applies to select, radio and checkbox fields")
        }
        if type != .text && type != .textarea { reject("max_length", "only applies to text and textarea fields") }
        if type != .file {
            reject("accept", "only applies to file fields")
            reject("max_bytes", "only applies to file fields")
        }
        if ![.number, .money, .date, .group].contains(type) {
            reject("min", "only applies to number, money, date and group fields")
            reject("max", "only applies to number, money, date and group fields")
        }
        if type != .group { reject("fields", "only applies to group fields") }
        if field.autocomplete == "street-address" && type != .textarea, let node = reader.node("autocomplete") {
            reader.error(
                at: node,
                "`autocomplete: street-address` is for multi-line fields only; use address-line1 on a single line")
        }
    }

    private static func readOptions(_ reader: YAMLReader) -> [FieldOption] {
        // Filled per portal by `withComuniOptions`: the form may be shared by portals with other comuni.
        if reader.node("options")?.scalar?.string == FormField.comuniOptionsKeyword { return [] }
        guard let items = reader.sequence("options") else { return [] }
        var options: [FieldOption] = []
        for item in items {
            if let scalar = item.scalar {
                options.append(FieldOption(value: scalar.string, label: scalar.string))
            } else if let nested = reader.reader(for: item, context: "an option") {
                let value = nested.string("value", required: true, hint: "what is stored")
                let label = nested.string("label", required: true, hint: "what the citizen reads")
                nested.finish()
                if let value, let label { options.append(FieldOption(value: value, label: label)) }
            }
        }
        let values = options.map(\.value)
        if Set(values).count != values.count, let node = reader.node("options") {
            reader.error(at: node, "two options have the same value; values must be unique")
        }
        return options
    }

    private static func readCondition(_ reader: YAMLReader) -> FieldCondition? {
        guard let nested = reader.mapping("when", context: "`when` of the field") else { return nil }
        let field = nested.string("field", required: true, hint: "the name of the field it depends on")
        let equals = nested.string("equals")
        let within = nested.strings("in")
        nested.finish()
        guard let field else { return nil }
        let values = within ?? equals.map { [$0] } ?? []
        if values.isEmpty {
            nested.error("`when` needs `equals: value` or `in: [a, b]`")
            return nil
        }
        var condition = FieldCondition(field: field, values: values)
        condition.fieldPlace = nested.node("field").map(nested.location(of:))
        return condition
    }

    /// Unique names, and `when:` pointing at a field that exists before it.
    private static func checkNames(_ form: FormDefinition, reader: YAMLReader) {
        func check(_ fields: [FormField], scope: String, outer: Set<String>) {
            var seen = Set<String>()
            for field in fields where !field.name.isEmpty {
                if seen.contains(field.name) {
                    reader.sink.error(
                        form.source, field.line, 1, "field name `\(field.name)` is used twice\(scope); rename one")
                }
                if let condition = field.when, !seen.contains(condition.field), !outer.contains(condition.field) {
                    let place = condition.fieldPlace ?? SourceLocation(file: form.source, line: field.line)
                    let guess = YAMLReader.closest(to: condition.field, in: outer.union(seen)).map {
                        "; did you mean `\($0)`?"
                    }
                    reader.sink.error(
                        place.file, place.line, place.column,
                        "`when` of `\(field.name)` refers to `\(condition.field)`, which is not a field before it"
                            + (guess ?? ""))
                }
                seen.insert(field.name)
                if field.type == .group { check(field.fields, scope: " in group `\(field.name)`", outer: seen) }
            }
        }
        check(form.fields, scope: "", outer: [])
    }

    private static func readChecks(_ reader: YAMLReader, definition: FormDefinition) -> FormChecks {
        guard let nested = reader.mapping("checks", context: "`checks` of the form") else { return FormChecks() }
        var checks = FormChecks()
        if let isee = nested.mapping("isee", context: "`checks.isee`") {
            let field = isee.string("field", required: true, hint: "isee")
            let max = isee.amount("max", required: true)
            isee.finish()
            if let field, let max {
                if definition.field(named: field)?.type != .isee {
                    isee.error(at: isee.node("field")!, "`\(field)` is not an isee field of this form")
                }
                checks.isee = FormChecks.ISEE(field: field, max: max)
            }
        }
        if let residence = nested.mapping("residence", context: "`checks.residence`") {
            if let field = residence.string("field", required: true, hint: "comune_residenza") {
                if let problem = residenceProblem(field, in: definition) {
                    residence.error(at: residence.node("field")!, problem)
                }
                checks.residenceField = field
                checks.residenceLocation = nested.location(ofKey: "residence")
            }
            residence.finish()
        }
        if let household = nested.mapping("household", context: "`checks.household`") {
            let fields = household.strings("fields", required: true) ?? []
            household.finish()
            for path in fields where codiceFiscaleField(path, in: definition) == nil {
                household.error(
                    at: household.node("fields")!,
                    "`\(path)` is not a codice_fiscale field (use group.field for group members)")
            }
            checks.householdFields = fields
        }
        nested.finish()
        return checks
    }

    /// Why field `name` cannot hold the comune the residence check compares with the portal's comuni
    /// (``FormChecks/residenceField``): it must be a choice of comuni, a `select` or `radio` with
    /// `options: comuni` (or options that are ISTAT codes, checked per portal); a free-text address never
    /// matches, and every application would be flagged «Non risulta residente». `nil` when it can.
    private static func residenceProblem(_ name: String, in form: FormDefinition) -> String? {
        guard let field = form.field(named: name) else { return "`\(name)` is not a field of this form" }
        if (field.type == .select || field.type == .radio) && (field.optionsFromComuni || !field.options.isEmpty) {
            return nil
        }
        let example = form.fields.first { $0.optionsFromComuni }.map { " (like `\($0.name)`)" } ?? ""
        return "`\(name)` is a \(field.type.rawValue) field, not a choice of comune; the residence check compares "
            + "the answer with the portal's comuni: name a field with `type: select` and `options: comuni`\(example)"
    }

    private static func codiceFiscaleField(_ path: String, in form: FormDefinition) -> FormField? {
        let parts = path.split(separator: ".").map(String.init)
        var field = form.field(named: parts[0])
        if parts.count == 2 { field = field?.fields.first { $0.name == parts[1] } }
        return field?.type == .codiceFiscale && parts.count <= 2 ? field : nil
    }

    private static func readBenefit(_ reader: YAMLReader, definition: FormDefinition) -> BenefitRule? {
        guard let nested = reader.mapping("benefit", context: "`benefit` of the form") else { return nil }
        let group = nested.string("household_group", required: true, hint: "componenti")
        let amounts = nested.amounts("amounts", required: true)
        nested.finish()
        guard let group else { return nil }
        if definition.field(named: group)?.type != .group {
            nested.error(at: nested.node("household_group")!, "`\(group)` is not a group field of this form")
        }
        if amounts.isEmpty { nested.error("`amounts` needs at least one amount") }
        return BenefitRule(householdGroup: group, amounts: amounts)
    }
}
