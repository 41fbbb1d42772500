extension FormDefinition {
    /// `voucher:` (``VoucherTerms``): a valid `valid_until` date, not before the day the bando closes (a
    /// voucher issued then would be expired already), and `one_per_applicant` (true or false, true when
    /// left out); the form needs `benefit:` (the voucher's worth) and `measure:` (shops enrol for
    /// measures), and with `one_per_applicant` a `codice_fiscale` field outside groups, required and not
    /// conditional: the rule finds a person's other voucher by that answer, and without it would let
    /// every second voucher through. Each fault is an error at its key.
    static func readVoucher(_ reader: YAMLReader, definition: FormDefinition) -> VoucherTerms? {
        guard let nested = reader.mapping("voucher", context: "`voucher` of the form") else { return nil }
        let validUntil = nested.date("valid_until", required: true)
        let onePerApplicant = nested.bool("one_per_applicant") ?? true
        nested.finish()
        guard let validUntil, let place = reader.keyNode("voucher") else { return nil }
        let closes = ContentDateTime.romeDay(of: definition.closes.instant)
        if validUntil < closes, let node = nested.node("valid_until") {
            nested.error(
                at: node,
                "`valid_until` (\(validUntil.iso)) is before the bando closes (\(closes.iso)): vouchers of cases "
                    + "accepted after it would be expired; set a later date")
        }
        if definition.benefit == nil {
            reader.error(
                at: place,
                "a voucher is worth the case's benefit amount; add `benefit:` (household_group and amounts)")
        }
        if definition.measure == nil {
            reader.error(
                at: place,
                "a voucher form needs `measure:` (its page in misure/): shops enrol for measures to redeem its vouchers"
            )
        }
        if onePerApplicant,
            !definition.fields.contains(where: { $0.type == .codiceFiscale && alwaysAsked($0, .codiceFiscale) == nil })
        {
            reader.error(
                at: nested.node("one_per_applicant") ?? place,
                "one voucher per person (`one_per_applicant`, true unless set) is checked by the applicant's codice "
                    + "fiscale, and the form has no codice_fiscale field outside groups that is `required: true` and "
                    + "without `when:`; add one, or write `one_per_applicant: false` under `voucher:`")
        }
        return VoucherTerms(validUntil: validUntil, onePerApplicant: onePerApplicant)
    }

    /// `merchant_enrolment:` (``MerchantEnrolment``): `measures` (checked against the portal's measure
    /// pages once every file is read) and `name`, a required text field; `account_holder`, when given, a
    /// required text field too; `columns`, when given, maps `esercenti.csv` columns to fields
    /// (``readColumns(_:definition:)``). The form needs exactly one required `partita_iva` field and one
    /// required `iban` field, none of them conditional. Each fault is an error at its key.
    static func readMerchantEnrolment(_ reader: YAMLReader, definition: FormDefinition) -> MerchantEnrolment? {
        guard let nested = reader.mapping("merchant_enrolment", context: "`merchant_enrolment` of the form") else {
            return nil
        }
        let measures = nested.strings("measures", required: true)
        let name = nested.string("name", required: true, hint: "the text field with the shop's name, e.g. insegna")
        let holder = nested.string(
            "account_holder", hint: "the text field with the account holder's name, e.g. ragione_sociale")
        let columns = nested.mapping("columns", context: "`columns` of `merchant_enrolment`").map {
            readColumns($0, definition: definition)
        }
        let measuresLocation = nested.location(ofKey: "measures")
        nested.finish()
        guard let place = reader.keyNode("merchant_enrolment") else { return nil }
        for (key, value) in [("name", name), ("account_holder", holder)] {
            if let value, let node = nested.node(key), let problem = alwaysAsked(definition.field(named: value), .text)
            {
                nested.error(at: node, "`\(key)` is '\(value)': \(problem)")
            }
        }
        /// The name of the form's one field of `type`, always asked.
        func onlyField(_ type: FieldType) -> String? {
            let fields = definition.fields.filter { $0.type == type }
            guard fields.count == 1 else {
                reader.error(
                    at: place,
                    "shops are enrolled with the answer to the form's one \(type.rawValue) field, and the form has "
                        + "\(fields.count); keep exactly one outside groups")
                return nil
            }
            if let problem = alwaysAsked(fields[0], type) {
                reader.error(at: place, "field `\(fields[0].name)` enrols shops: \(problem)")
                return nil
            }
            return fields[0].name
        }
        let partitaIVA = onlyField(.partitaIVA)
        let iban = onlyField(.iban)
        guard let measures, let name, let measuresLocation, let partitaIVA, let iban else { return nil }
        return MerchantEnrolment(
            measures: measures, measuresLocation: measuresLocation, nameField: name, partitaIVAField: partitaIVA,
            ibanField: iban, accountHolderField: holder, columns: columns ?? [:])
    }

    /// The field types whose answer is one line of text a column can hold (``MerchantsExport`` writes
    /// an option's label).
    private static let columnTypes: Set<FieldType> = [.text, .textarea, .email, .tel, .number, .select, .radio, .cap]

    /// `columns:` of `merchant_enrolment`: each key a column of ``Merchant/mappedColumns``, each value a
    /// field of the form (outside groups) or a list of them, of a type in ``columnTypes``; `lat` and `lon`
    /// one `number` field each. An unknown column or field, or a field of another type, is an error at its
    /// place; the column is left out.
    private static func readColumns(_ reader: YAMLReader, definition: FormDefinition) -> [String: [String]] {
        var columns: [String: [String]] = [:]
        for column in Merchant.mappedColumns {
            guard let fields = reader.strings(column), let node = reader.node(column) else { continue }
            let items = node.sequence ?? [node]
            var valid = !fields.isEmpty
            for name in fields {
                let place = items.first { $0.scalar?.string == name } ?? node
                guard let field = definition.field(named: name) else {
                    let guess = YAMLReader.closest(to: name, in: Set(definition.fields.map(\.name)))
                    reader.error(
                        at: place,
                        "`columns.\(column)`: '\(name)' is not a field of this form (outside groups)"
                            + (guess.map { "; did you mean '\($0)'?" } ?? ""))
                    valid = false
                    continue
                }
                guard columnTypes.contains(field.type) else {
                    reader.error(
                        at: place,
                        "`columns.\(column)`: field '\(name)' is a \(field.type.rawValue) field, whose answer is "
                            + "not a line of text; use a text, textarea, email, tel, number, select, radio or cap field"
                    )
                    valid = false
                    continue
                }
            }
            // A coordinate is one number: a text, or answers joined by ", ", is no coordinate the loader reads.
            if valid, ["lat", "lon"].contains(column),
                fields.count != 1 || definition.field(named: fields[0])?.type != .number
            {
                reader.error(
                    at: node,
                    "`columns.\(column)`: a coordinate is the answer to one number field; map one number field, "
                        + "or leave `\(column)` out for the editor to fill")
                valid = false
            }
            if valid { columns[column] = fields }
        }
        reader.finish()
        return columns
    }

    /// Why `field` cannot give an answer of `type` that every accepted case has; `nil` when it can.
    private static func alwaysAsked(_ field: FormField?, _ type: FieldType) -> String? {
        guard let field else { return "not a field of this form (outside groups)" }
        guard field.type == type else { return "a \(field.type.rawValue) field; use a \(type.rawValue) field" }
        guard field.required, field.when == nil else {
            return "it must be `required: true` and without `when:`, so every case answers it"
        }
        return nil
    }
}
