import Foundation
import PiazzaContent

extension PortalRenderer {
    /// The published form page (`moduli/<id>/`), blank, as of the renderer's clock.
    public func renderFormPage(_ form: FormDefinition) throws(ThemeError) -> String {
        try renderForm(
            form, values: [:], errors: [], now: now, links: .relative(to: Portal.formURL(id: form.id)),
            action: portal.formAction(for: form), csrf: nil)
    }

    /// The form page re-rendered by the daemon, keeping the citizen's `values` and showing `errors`; it posts
    /// to the daemon that rendered it (``daemonAddress(_:)``), not to the content's `intake_url`.
    ///
    /// - Parameters:
    ///   - values: posted values by posted name (`componenti.0.nome`).
    ///   - errors: problems by posted name, shown in a summary at the top and next to each field.
    public func renderForm(_ form: FormDefinition, values: [String: [String]], errors: [FieldError], now: Date)
        throws(ThemeError) -> String
    {
        try renderForm(
            form, values: values, errors: errors, now: now, links: daemonLinks,
            action: daemonAddress(portal.formPath(for: form)), csrf: nil)
    }

    /// The same form filled by an operator for a citizen (assisted submission): posted to the back
    /// office's `action` with the session's `csrf` token, otherwise as ``renderForm(_:values:errors:now:)``.
    public func renderAssistedForm(
        _ form: FormDefinition, values: [String: [String]], errors: [FieldError], now: Date, action: String,
        csrf: String
    ) throws(ThemeError) -> String {
        try renderForm(form, values: values, errors: errors, now: now, links: daemonLinks, action: action, csrf: csrf)
    }

    private func renderForm(
        _ form: FormDefinition, values: [String: [String]], errors: [FieldError], now: Date, links: PageLinks,
        action: String, csrf: String?
    ) throws(ThemeError) -> String {
        var crumbs: [(String, String)] = [("Home", "")]
        if let slug = form.measure, let measure = portal.page(id: "misure/\(slug).md") {
            crumbs.append(("Misure di sostegno", "misure/"))
            crumbs.append((measure.title, measure.url))
        }
        var base = baseContext(
            title: form.title, description: form.description, links: links, layout: "form", breadcrumb: crumbs,
            section: form.measure == nil ? "" : "misure")
        if !errors.isEmpty { base["pageTitle"] = "Errori nel modulo: \(base["pageTitle"]!)" }
        // A citizen filling in an application is not asked to rate the page (the model asks on the others).
        base["feedback"] = false
        let builder = FieldViewBuilder(
            values: values, errors: errors, privacyURL: links.url(Page.url(forID: form.privacy)))
        let state = form.windowState(at: now)
        let hasFiles = form.fields.contains { $0.type == .file }
        let context: [String: Any] = [
            "action": action,
            "csrf": csrf ?? false,
            "description": form.description,
            "isOpen": state == .open,
            "notYetOpen": state == .notYetOpen,
            "isClosed": state == .closed,
            "opensText": form.opens.longItalian,
            "closesText": form.closes.longItalian,
            "privacyURL": links.url(Page.url(forID: form.privacy)),
            "submitLabel": form.submitLabel,
            "enctype": hasFiles ? "multipart/form-data" : "application/x-www-form-urlencoded",
            "errors": errors.map {
                ["href": "#" + FieldViewBuilder.htmlID($0.name), "label": $0.label, "message": $0.message]
            },
            "hasErrors": !errors.isEmpty,
            "errorCount": errors.count,
            "sections": form.sections.enumerated().map { index, section in
                [
                    "title": section.title, "hint": section.hint ?? false, "id": "sezione-\(index + 1)",
                    "fields": section.fields.map { builder.view($0, postedName: $0.name) },
                ] as [String: Any]
            },
            "key": values["_key"]?.first ?? "",
            "timestamp": values["_ts"]?.first ?? "",
            "minFillSeconds": form.minFillSeconds,
        ]
        return try render("form", base: base, ["form": context])
    }
}

/// Builds the template view of each field, with the posted value and error of every input.
struct FieldViewBuilder {
    let values: [String: [String]]
    let errors: [FieldError]
    let privacyURL: String

    /// The HTML id of a posted name (`componenti.1.nome` → `f-componenti-1-nome`).
    static func htmlID(_ postedName: String) -> String {
        "f-" + postedName.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
    }

    func error(_ name: String) -> String? { errors.first { $0.name == name }?.message }

    func view(_ field: FormField, postedName name: String) -> [String: Any] {
        let id = Self.htmlID(name)
        let posted = values[name] ?? []
        let message = error(name)
        let hint = field.hint ?? Self.formatHint(field.type) as? String
        var described = [String]()
        if hint != nil { described.append(id + "-hint") }
        if message != nil { described.append(id + "-error") }
        var view: [String: Any] = [
            "id": id, "name": name, "label": field.label, "hint": hint ?? false,
            "required": field.required, "error": message ?? false, "invalid": message != nil,
            "describedBy": described.isEmpty ? false : described.joined(separator: " "),
            "value": posted.first ?? "", "autocomplete": field.autocomplete ?? Self.defaultAutocomplete(field.type),
            "maxLength": field.maxLength ?? Self.defaultMaxLength(field.type), "inputType": Self.inputType(field.type),
            "inputMode": Self.inputMode(field.type), "upperCase": Self.isCode(field.type),
            "when": field.when.map {
                [
                    "field": Self.htmlID($0.field), "name": $0.field, "values": $0.values.joined(separator: "|"),
                    "text":
                        "Compila solo se hai risposto «\($0.values.joined(separator: "» o «"))» alla domanda precedente.",
                ] as [String: Any]
            } ?? false,
            "isInput": false, "isTextarea": false, "isSelect": false, "isRadio": false, "isCheckboxList": false,
            "isSingleCheckbox": false, "isConsent": false, "isFile": false, "isGroup": false, "isISEE": false,
            "privacyURL": privacyURL, "accept": field.file?.accept.joined(separator: ",") ?? "",
            "checked": posted.contains { $0 == "on" || $0 == "si" || $0 == "true" },
        ]
        let options = field.options.enumerated().map { index, option in
            [
                "value": option.value, "label": option.label, "id": "\(id)-\(index + 1)",
                "selected": posted.contains(option.value),
            ] as [String: Any]
        }
        view["options"] = options
        switch field.type {
        case .textarea: view["isTextarea"] = true
        case .select: view["isSelect"] = true
        case .radio: view["isRadio"] = true
        case .checkbox: view[field.options.isEmpty ? "isSingleCheckbox" : "isCheckboxList"] = true
        case .consent: view["isConsent"] = true
        case .file:
            view["isFile"] = true
            view["fileHint"] = field.file?.summary ?? false
        case .group:
            view["isGroup"] = true
            view["rows"] = (0..<(field.rows?.maxRows ?? 0)).map { row in
                [
                    "legend": "\(field.label): \(row + 1)",
                    "fields": field.fields.map { self.view($0, postedName: "\(name).\(row).\($0.name)") },
                ] as [String: Any]
            }
        case .isee:
            view["isISEE"] = true
            let amount = name + ".importo"
            let dsu = name + ".dsu"
            view["isee"] =
                [
                    "amountName": amount, "amountID": Self.htmlID(amount), "amountValue": values[amount]?.first ?? "",
                    "amountError": error(amount) ?? false, "dsuName": dsu, "dsuID": Self.htmlID(dsu),
                    "dsuValue": values[dsu]?.first ?? "", "dsuError": error(dsu) ?? false,
                ] as [String: Any]
        default: view["isInput"] = true
        }
        return view
    }

    static func inputType(_ type: FieldType) -> String {
        switch type {
        case .email: return "email"
        case .tel: return "tel"
        default: return "text"
        }
    }

    static func inputMode(_ type: FieldType) -> Any {
        switch type {
        case .number, .money: return "decimal"
        case .cap, .partitaIVA, .date: return "numeric"
        default: return false
        }
    }

    static func isCode(_ type: FieldType) -> Bool { type == .codiceFiscale || type == .iban || type == .partitaIVA }

    static func defaultAutocomplete(_ type: FieldType) -> Any {
        switch type {
        case .email: return "email"
        case .tel: return "tel"
        case .cap: return "postal-code"
        default: return false
        }
    }

    static func defaultMaxLength(_ type: FieldType) -> Any {
        switch type {
        case .codiceFiscale: return 16
        case .partitaIVA: return 13
        case .iban: return 34
        case .cap: return 5
        case .date: return 10
        default: return false
        }
    }

    static func formatHint(_ type: FieldType) -> Any {
        switch type {
        case .date: return "Formato gg/mm/aaaa, ad esempio 31/01/1980."
        case .money: return "Importo in euro, ad esempio 1.250,50."
        case .codiceFiscale: return "16 caratteri, come sulla tessera sanitaria."
        case .iban: return "27 caratteri per i conti italiani, inizia con IT."
        case .cap: return "5 cifre."
        case .partitaIVA: return "11 cifre."
        default: return false
        }
    }
}
