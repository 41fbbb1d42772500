import Foundation
import ItalianIdentifiers

extension FormDefinition {
    /// Checks a submission against the form, the same rules the generated page announces.
    ///
    /// - Parameters:
    ///   - submission: the posted values and uploads.
    ///   - now: the moment of submission; `today` bounds of date fields and the century of codici
    ///     fiscali are taken from it, in Europe/Rome.
    /// - Returns: the typed application, or every problem found with the posted name of its input.
    public func validate(_ submission: FormSubmission, now: Date) -> FormValidation {
        // The zone already made, not `TimeZone(identifier:)` looked up again for every submission.
        let today = ItalianDate(now, timeZone: ContentDateTime.rome)
        var validator = SubmissionValidator(form: self, submission: submission, today: today)
        return validator.run()
    }
}

/// One validation pass: walks the fields in order, collecting answers and errors.
private struct SubmissionValidator {
    let form: FormDefinition
    let submission: FormSubmission
    let today: ItalianDate
    var errors: [FieldError] = []

    init(form: FormDefinition, submission: FormSubmission, today: ItalianDate) {
        self.form = form
        self.submission = submission
        self.today = today
    }

    mutating func run() -> FormValidation {
        var answers: [Answer] = []
        var shown: [String: [String]] = [:]
        for field in form.fields {
            if let condition = field.when, !condition.isSatisfied(by: shown[condition.field] ?? []) { continue }
            // Only the values a condition looks at: the others are normalised once, by `validate`.
            if form.conditionFields.contains(field.name) { shown[field.name] = submission.allValues(field.name) }
            let value =
                field.type == .group
                ? validateGroup(field, outer: shown)
                : validate(field, postedName: field.name, label: field.label)
            if let value { answers.append(Answer(name: field.name, value: value)) }
        }
        return errors.isEmpty ? .valid(ValidatedApplication(formID: form.id, answers: answers)) : .invalid(errors)
    }

    // MARK: Groups

    private mutating func validateGroup(_ group: FormField, outer: [String: [String]]) -> AnswerValue? {
        guard let limits = group.rows else { return nil }
        let prefix = group.name + "."
        var postedRows = Set<Int>()
        // The names of both dictionaries in place, cut at their dots by index: no array of every posted name, no
        // array per name.
        func note(_ name: String) {
            guard name.hasPrefix(prefix) else { return }
            let rest = name.utf8.dropFirst(prefix.utf8.count)
            guard let dot = rest.firstIndex(of: UInt8(ascii: ".")), let index = Int(Substring(rest[..<dot])),
                index >= 0
            else { return }
            let field = Substring(rest[rest.index(after: dot)...])
            if group.fields.contains(where: { $0.name == field }) { postedRows.insert(index) }
        }
        for name in submission.values.keys { note(name) }
        for name in submission.files.keys { note(name) }
        var rows: [[Answer]] = []
        for index in postedRows.sorted() {
            let names = group.fields.map { "\(group.name).\(index).\($0.name)" }
            guard names.contains(where: { !submission.allValues($0).isEmpty || submission.files[$0] != nil }) else {
                continue
            }
            if index >= limits.maxRows {
                fail(
                    .tooManyRows, group.name, group.label,
                    "Puoi indicare al massimo \(limits.maxRows) \(rowWord(limits.maxRows)).")
                break
            }
            var row: [Answer] = []
            var shown = outer
            for field in group.fields {
                let posted = "\(group.name).\(index).\(field.name)"
                if let condition = field.when, !condition.isSatisfied(by: shown[condition.field] ?? []) { continue }
                if form.conditionFields.contains(field.name) { shown[field.name] = submission.allValues(posted) }
                let label = "\(group.label): \(index + 1) – \(field.label)"
                if let value = validate(field, postedName: posted, label: label) {
                    row.append(Answer(name: field.name, value: value))
                }
            }
            rows.append(row)
        }
        let required = max(limits.minRows, group.required ? 1 : 0)
        if rows.count < required {
            fail(.missing, group.name, group.label, "Compila almeno \(required) \(rowWord(required)).")
        }
        return rows.isEmpty ? nil : .rows(rows)
    }

    private func rowWord(_ count: Int) -> String { count == 1 ? "riga" : "righe" }

    // MARK: Fields

    private mutating func validate(_ field: FormField, postedName: String, label: String) -> AnswerValue? {
        switch field.type {
        case .isee: return validateISEE(field, postedName: postedName, label: label)
        case .file: return validateFile(field, postedName: postedName, label: label)
        case .checkbox where !field.isSingleCheckbox:
            return validateChoices(field, postedName: postedName, label: label)
        case .group:
            return nil
        default:
            break
        }
        if let problem = rawProblem(postedName, field) {
            fail(problem.code, postedName, label, problem.message)
            return nil
        }
        if field.type == .checkbox || field.type == .consent {
            let ticked = submission.value(postedName) != nil
            if field.required && !ticked {
                fail(.missing, postedName, label, "Per continuare devi spuntare questa casella.")
                return nil
            }
            return ticked ? .bool(true) : nil
        }
        guard let text = submission.value(postedName, multiline: field.type == .textarea) else {
            if field.required {
                let message =
                    field.type == .select || field.type == .radio
                    ? "Scegli una risposta." : "Questo campo è obbligatorio."
                fail(.missing, postedName, label, message)
            }
            return nil
        }
        do {
            return try value(of: field, text: bounded(text, field))
        } catch {
            fail(error.code, postedName, label, error.message)
            return nil
        }
    }

    /// The typed answer of a posted value that passed ``bounded(_:_:)``.
    private func value(of field: FormField, text: String) throws(FieldProblem) -> AnswerValue? {
        switch field.type {
        case .text, .textarea:
            return .text(text)
        case .email:
            let address = TypedText.identifier(text)  // read like identifiers: full-width, digits, dashes, spaces
            guard ContactText.isEmail(address) else {
                throw FieldProblem(.format, "Scrivi un indirizzo email completo, ad esempio nome@esempio.it.")
            }
            return .text(address)
        case .tel:
            let number = TypedText.identifier(text)
            guard ContactText.isPhone(number) else {
                throw FieldProblem(
                    .format, "Scrivi un numero di telefono con le sole cifre, gli spazi e il +, ad esempio 049 1234567."
                )
            }
            return .text(number)
        case .date:
            let date = try parsed { () throws(IdentifierError) in try ItalianDate(text) }
            if case .date(let bounds) = field.rule {
                try check(
                    date, Bounds(min: bounds.min?.date(today: today), max: bounds.max?.date(today: today)),
                    below: { "La data non può essere prima \(describe($0, after: false))." },
                    above: { "La data non può essere dopo \(describe($0, after: true))." })
            }
            return .date(date.iso)
        case .number:
            let number = try parsed { () throws(IdentifierError) in try ItalianNumber(text) }
            if case .number(let bounds) = field.rule {
                try check(
                    number.value, bounds, below: { "Il numero deve essere almeno \(ItalianNumber($0).italian)." },
                    above: { "Il numero non può superare \(ItalianNumber($0).italian)." })
            }
            return .number(number.value.description)
        case .money:
            let money = try parsed { () throws(IdentifierError) in try Money(text) }
            if case .money(let bounds) = field.rule {
                try check(
                    money, bounds, below: { "L'importo deve essere almeno \($0.italian)." },
                    above: { "L'importo non può superare \($0.italian)." })
            }
            return .cents(money.cents)
        case .select, .radio:
            guard field.options.contains(where: { $0.value == text }) else {
                throw FieldProblem(.notAnOption, "Scegli una delle risposte proposte.")
            }
            return .option(text)
        case .codiceFiscale:
            return .text(try parsed { () throws(IdentifierError) in try FiscalCode(text, referenceDate: today).value })
        case .partitaIVA:
            return .text(try parsed { () throws(IdentifierError) in try PartitaIVA(text).value })
        case .iban:
            return .text(try parsed { () throws(IdentifierError) in try IBAN(text).value })
        case .cap:
            return .text(try parsed { () throws(IdentifierError) in try CAP(text).value })
        case .checkbox, .consent, .file, .group, .isee:
            return nil
        }
    }

    /// `value` within `bounds`, inclusive; otherwise ``FieldError/Code/outOfBounds`` with the message for the
    /// bound it crosses.
    private func check<Value: Comparable>(
        _ value: Value, _ bounds: Bounds<Value>, below: (Value) -> String, above: (Value) -> String
    ) throws(FieldProblem) {
        if let min = bounds.min, value < min { throw FieldProblem(.outOfBounds, below(min)) }
        if let max = bounds.max, value > max { throw FieldProblem(.outOfBounds, above(max)) }
    }

    /// The result of a parser of ItalianIdentifiers; its refusal is ``FieldError/Code/invalid`` with its message.
    private func parsed<Value>(_ parse: () throws(IdentifierError) -> Value) throws(FieldProblem) -> Value {
        do { return try parse() } catch { throw FieldProblem(.invalid, error.message) }
    }

    private mutating func validateChoices(_ field: FormField, postedName: String, label: String) -> AnswerValue? {
        let posted = Set(submission.allValues(postedName))
        if posted.isEmpty {
            if field.required { fail(.missing, postedName, label, "Scegli almeno una voce.") }
            return nil
        }
        let known = field.options.map(\.value).filter(posted.contains)
        if known.count != posted.count {
            fail(.notAnOption, postedName, label, "Scegli solo tra le voci proposte.")
            return nil
        }
        return .options(known)
    }

    private mutating func validateISEE(_ field: FormField, postedName: String, label: String) -> AnswerValue? {
        let amountName = postedName + ".importo"
        let dsuName = postedName + ".dsu"
        let amountLabel = "\(label): valore ISEE"
        let dsuLabel = "\(label): protocollo DSU"
        let amountText = submission.value(amountName)
        let dsuText = submission.value(dsuName)
        if amountText == nil && dsuText == nil && !field.required { return nil }
        var cents: Int?
        var dsu: String?
        let amountProblem = rawProblem(amountName, field)
        let dsuProblem = rawProblem(dsuName, field)
        if let amountProblem {
            fail(amountProblem.code, amountName, amountLabel, amountProblem.message)
        } else if let amountText {
            do {
                let text = try bounded(amountText, field)
                cents = try parsed { () throws(IdentifierError) in try Money(text).cents }
            } catch {
                fail(error.code, amountName, amountLabel, error.message)
            }
        } else {
            fail(
                .missing, amountName, amountLabel,
                "Scrivi il valore ISEE che trovi sull'attestazione, ad esempio 8.500,00.")
        }
        if let dsuProblem {
            fail(dsuProblem.code, dsuName, dsuLabel, dsuProblem.message)
        } else if let dsuText {
            do {
                let text = try bounded(dsuText, field)
                dsu = try parsed { () throws(IdentifierError) in try DSUProtocol(text).value }
            } catch {
                fail(error.code, dsuName, dsuLabel, error.message)
            }
        } else {
            fail(
                .missing, dsuName, dsuLabel,
                "Scrivi il numero di protocollo della DSU, ad esempio INPS-ISEE-2026-000123456-00.")
        }
        guard let cents, let dsu else { return nil }
        return .isee(cents: cents, dsu: dsu)
    }

    private mutating func validateFile(_ field: FormField, postedName: String, label: String) -> AnswerValue? {
        guard let rule = field.file else { return nil }
        guard let file = submission.files[postedName], file.size > 0 else {
            if field.required { fail(.missing, postedName, label, "Allega il file richiesto.") }
            return nil
        }
        if let refusal = rule.refusal(of: file) {
            fail(.file, postedName, label, refusal)
            return nil
        }
        var named = file
        named.filename = TypedText.normalized(file.filename)
        do {
            _ = try bounded(named.filename, field)
        } catch {
            fail(
                .file, postedName, label,
                "Il nome del file è troppo lungo: rinomina il file con un nome più breve e allegalo di nuovo.")
            return nil
        }
        return .file(named)
    }

    // MARK: Helpers

    private mutating func fail(_ code: FieldError.Code, _ name: String, _ label: String, _ message: String) {
        errors.append(FieldError(code, name: name, label: label, message: message))
    }

    /// What is wrong with what was posted under a name that takes one value, before it is normalised: the name
    /// sent more than once, or a value over the field's ``FormField/postedByteLimit``, too long without reading it
    /// (the page shows back its beginning, ``FormDefinition/echoedValues(of:)``).
    private func rawProblem(_ postedName: String, _ field: FormField) -> FieldProblem? {
        guard let posted = submission.values[postedName] else { return nil }
        if posted.count > 1 {
            return FieldProblem(.repeated, "Questo campo è stato inviato due volte; ricarica la pagina e riprova.")
        }
        if let limit = field.characterLimit, let value = posted.first, value.utf8.count > field.postedByteLimit {
            return FieldProblem(
                .tooLong,
                "Puoi scrivere al massimo \(limit) caratteri: il testo inviato è molto più lungo. \(Self.cutNotice)")
        }
        return nil
    }

    /// Said of a too-long value, which the page shows back cut to the field's limit.
    private static let cutNotice = "Nel campo è rimasto solo l'inizio: controllalo prima di inviare di nuovo il modulo."

    /// `text` if it fits the field's ``FormField/characterLimit``: every posted value passes here.
    private func bounded(_ text: String, _ field: FormField) throws(FieldProblem) -> String {
        guard let limit = field.characterLimit else { return text }
        do {
            try TypedText.checkLength(text, limit: limit)
        } catch {
            // Too many characters or scalars: the page shows the value back cut to the limit.
            throw FieldProblem(.tooLong, error.code == .length ? "\(error.message) \(Self.cutNotice)" : error.message)
        }
        return text
    }

    /// "oggi (01/06/2026)", "il 31/12/2026" after "dopo"; "di oggi", "del 31/12/2026" after "prima".
    private func describe(_ date: ItalianDate, after: Bool) -> String {
        if date == today { return after ? "oggi (\(date.italian))" : "di oggi (\(date.italian))" }
        return after ? "il \(date.italian)" : "del \(date.italian)"
    }

    static func typeName(_ mime: String) -> String {
        switch mime {
        case "application/pdf": "PDF"
        case "image/jpeg": "JPEG"
        case "image/png": "PNG"
        case "image/gif": "GIF"
        case "image/webp": "WebP"
        default: mime
        }
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " o " + items.last!
    }

    /// `bytes` as a citizen reads a limit, rounded down so that it never tells more than is accepted:
    /// `5 MB`, `1,5 MB` (tenths of a MiB), `300 KB` (KiB), `500 byte`.
    static func byteText(_ bytes: Int) -> String { FileRule.byteText(bytes) }
}

extension FileRule {
    /// The rule as a hint next to a file input: `PDF, JPEG o PNG, al massimo 5 MB` (sizes by
    /// ``SubmissionValidator/byteText(_:)``, never more than ``maxBytes``). Every page that tells a file's limit
    /// tells this: the published form, the daemon's form and receipt pages with the daemon's own limit applied.
    public var summary: String {
        SubmissionValidator.list(accept.map(SubmissionValidator.typeName)) + ", al massimo "
            + SubmissionValidator.byteText(maxBytes)
    }

    /// Why this rule refuses `file`, in Italian: more than ``maxBytes`` (told first: a file over the daemon's
    /// limit reaches validation without its bytes, so without a type), or a type sniffed from its first bytes
    /// that is not in ``accept`` (or none recognised); `nil` when it is accepted. The one rule for uploads, of
    /// the form's file fields and of the reply to an integration request.
    public func refusal(of file: UploadedFile) -> String? {
        if file.size > maxBytes {
            return "Il file supera \(SubmissionValidator.byteText(maxBytes)): riducilo (per esempio una foto meno "
                + "grande o un PDF a risoluzione più bassa) e allegalo di nuovo."
        }
        guard let type = file.detectedType, accept.contains(type) else {
            // Named as an accepted type but not one by its bytes: most often a file damaged or saved halfway.
            if let claimed = file.claimedType, accept.contains(claimed), file.detectedType == nil {
                return "Il file «\(file.filename)» non è un \(SubmissionValidator.typeName(claimed)) valido: forse è "
                    + "danneggiato o non è stato salvato per intero. Aprilo per controllare, salvalo (o scansionalo) di "
                    + "nuovo e allegalo."
            }
            let names = SubmissionValidator.list(accept.map(SubmissionValidator.typeName))
            return "Il file deve essere di tipo \(names): quello che hai allegato non lo è."
        }
        return nil
    }
}

/// Why a posted value is refused, before the field's posted name and label make it a ``FieldError``.
private struct FieldProblem: Error {
    var code: FieldError.Code
    var message: String

    init(_ code: FieldError.Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
