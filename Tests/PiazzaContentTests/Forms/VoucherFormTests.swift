import Foundation
import Testing

@testable import PiazzaContent

/// `voucher:` and `merchant_enrolment:` of a form (issue 19): what loads, and each fault at file:line.
@Suite("Voucher measures and shop enrolment in form files")
struct VoucherFormTests {
    /// A shop's fields and the applicant's codice fiscale, lines 10 to 17 after the header, then `extra`
    /// from line 18; `codiceFiscale` replaces the codice fiscale's line.
    static func form(
        _ extra: String, ibanRequired: Bool = true,
        codiceFiscale: String = "{ name: codice_fiscale, type: codice_fiscale, label: Codice fiscale, required: true }"
    ) -> String {
        FormDefinitionErrorTests.header + """
                  - { name: insegna, type: text, label: Negozio, required: true }
                  - { name: partita_iva, type: partita_iva, label: Partita IVA, required: true }
                  - { name: iban, type: iban, label: IBAN, required: \(ibanRequired) }
                  - name: componenti
                    type: group
                    label: Componente
                    fields: [{ name: nome, type: text, label: Nome }]
                  - \(codiceFiscale)

            """ + extra
    }

    static let measure =
        "---\ntitle: Buoni spesa\ndescription: Buoni.\nform: prova\nopens: 2026-09-01\ncloses: 2026-12-31\n---\n\nTesto.\n"

    @Test(
        "a voucher form and an enrolment form load with their settings, the column mapping a field alone or in a list")
    func valid() throws {
        let content = try ContentFixture()
        try content.write("alfa/misure/buoni-spesa.md", Self.measure)
        try content.write(
            "alfa/forms/prova.yaml",
            Self.form(
                "measure: buoni-spesa\nbenefit: { household_group: componenti, amounts: [150] }\n"
                    + "voucher:\n  valid_until: 2027-03-31\n"))
        try content.write(
            "alfa/forms/adesione.yaml",
            Self.form(
                "merchant_enrolment:\n  measures: [buoni-spesa]\n  name: insegna\n  account_holder: insegna\n"
                    + "  columns:\n    category: insegna\n    address: [insegna]\n"))
        let portal = try #require(try content.load().portal("alfa"))
        #expect(portal.form(id: "prova")?.voucher == VoucherTerms(validUntil: ContentDate(iso: "2027-03-31")!))
        let enrolment = try #require(portal.form(id: "adesione")?.merchantEnrolment)
        #expect(enrolment.measures == ["buoni-spesa"])
        #expect(
            [enrolment.nameField, enrolment.partitaIVAField, enrolment.ibanField] == ["insegna", "partita_iva", "iban"])
        #expect(enrolment.accountHolderField == "insegna")
        #expect(enrolment.columns == ["category": ["insegna"], "address": ["insegna"]])
    }

    @Test("one_per_applicant is true when left out, false when the form says so, and a quoted word is an error")
    func onePerApplicant() throws {
        let content = try ContentFixture()
        try content.write("alfa/misure/buoni-spesa.md", Self.measure)
        let voucher =
            "measure: buoni-spesa\nbenefit: { household_group: componenti, amounts: [150] }\n"
            + "voucher:\n  valid_until: 2027-03-31\n"
        try content.write("alfa/forms/prova.yaml", Self.form(voucher + "  one_per_applicant: false\n"))
        try content.write("alfa/forms/altra.yaml", Self.form(voucher))
        let portal = try #require(try content.load().portal("alfa"))
        #expect(portal.form(id: "prova")?.voucher?.onePerApplicant == false)
        #expect(portal.form(id: "altra")?.voucher?.onePerApplicant == true)
        try content.write("alfa/forms/prova.yaml", Self.form(voucher + "  one_per_applicant: \"no\"\n"))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/forms/prova.yaml:22:22: error: `one_per_applicant` in `voucher` of the form must be true or false, without quotes"
            ])
    }

    @Test(
        "one voucher per person is found by the applicant's codice fiscale: without a codice_fiscale field outside groups, required, the form is an error at one_per_applicant or voucher, unless one_per_applicant is false",
        arguments: [
            ("{ name: cf, type: text, label: Codice fiscale, required: true }", "", "20:1"),
            ("{ name: codice_fiscale, type: codice_fiscale, label: Codice fiscale }", "", "20:1"),
            ("{ name: cf, type: text, label: Codice fiscale, required: true }", "  one_per_applicant: true\n", "22:22"),
            ("{ name: cf, type: text, label: Codice fiscale, required: true }", "  one_per_applicant: false\n", nil),
        ])
    func onePerApplicantNeedsFiscalCode(codiceFiscale: String, extra: String, place: String?) throws {
        let content = try ContentFixture()
        try content.write("alfa/misure/buoni-spesa.md", Self.measure)
        let voucher =
            "measure: buoni-spesa\nbenefit: { household_group: componenti, amounts: [150] }\n"
            + "voucher:\n  valid_until: 2027-03-31\n"
        try content.write("alfa/forms/prova.yaml", Self.form(voucher + extra, codiceFiscale: codiceFiscale))
        guard let place else {
            #expect(try content.load().portal("alfa")?.form(id: "prova")?.voucher?.onePerApplicant == false)
            return
        }
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/forms/prova.yaml:\(place): error: one voucher per person (`one_per_applicant`, true unless set) "
                    + "is checked by the applicant's codice fiscale, and the form has no codice_fiscale field "
                    + "outside groups that is `required: true` and without `when:`; add one, or write "
                    + "`one_per_applicant: false` under `voucher:`"
            ])
    }

    @Test("an enrolment maps lat and lon to one number field each: a text field or a list is an error at its value")
    func coordinateColumns() throws {
        let content = try ContentFixture()
        try content.write("alfa/misure/buoni-spesa.md", Self.measure)
        let enrolment = "merchant_enrolment:\n  measures: [buoni-spesa]\n  name: insegna\n  columns:\n"
        let number = "{ name: gradi, type: number, label: Latitudine, required: true }"
        try content.write(
            "alfa/forms/prova.yaml", Self.form(enrolment + "    lat: gradi\n    lon: gradi\n", codiceFiscale: number))
        #expect(try content.load().portal("alfa")?.form(id: "prova")?.merchantEnrolment?.columns["lat"] == ["gradi"])
        try content.write(
            "alfa/forms/prova.yaml",
            Self.form(enrolment + "    lat: insegna\n    lon: [gradi, insegna]\n", codiceFiscale: number))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/forms/prova.yaml:22:10: error: `columns.lat`: a coordinate is the answer to one number field; "
                    + "map one number field, or leave `lat` out for the editor to fill",
                "alfa/forms/prova.yaml:23:10: error: `columns.lon`: a coordinate is the answer to one number field; "
                    + "map one number field, or leave `lon` out for the editor to fill",
            ])
    }

    @Test("a voucher valid until before the bando closes, without benefit or measure, is an error at each place")
    func voucherFaults() throws {
        let content = try ContentFixture()
        try content.write("alfa/forms/prova.yaml", Self.form("voucher:\n  valid_until: 2026-12-14\n"))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/forms/prova.yaml:18:1: error: a voucher form needs `measure:` (its page in misure/): shops enrol for measures to redeem its vouchers",
                "alfa/forms/prova.yaml:18:1: error: a voucher is worth the case's benefit amount; add `benefit:` (household_group and amounts)",
                "alfa/forms/prova.yaml:19:16: error: `valid_until` (2026-12-14) is before the bando closes (2026-12-15): vouchers of cases accepted after it would be expired; set a later date",
            ])
    }

    @Test("a voucher date that does not exist is an error at the value")
    func badDate() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/misure/buoni-spesa.md", Self.measure)
        try content.write(
            "alfa/forms/prova.yaml",
            Self.form(
                "measure: buoni-spesa\nbenefit: { household_group: componenti, amounts: [150] }\n"
                    + "voucher:\n  valid_until: 2027-02-30\n"))
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/forms/prova.yaml:21:16: error: `valid_until` in `voucher` of the form is '2027-02-30', which does not exist: February 2027 has 28 days (2027 is not a leap year); check the day and the month"
        )
    }

    @Test(
        "an enrolment whose name field is of another type, whose IBAN is not required, or whose account holder or columns name unknown fields or columns is an error at each place"
    )
    func enrolmentFaults() throws {
        let content = try ContentFixture()
        try content.write("alfa/misure/buoni-spesa.md", Self.measure)
        try content.write(
            "alfa/forms/prova.yaml",
            Self.form(
                "merchant_enrolment:\n  measures: [buoni-spesa]\n  name: partita_iva\n  account_holder: ragione\n"
                    + "  columns:\n    categoria: insegna\n    address: [insegna, indirizo]\n    phone: componenti\n"
                    + "    name: insegna\n",
                ibanRequired: false))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/forms/prova.yaml:18:1: error: field `iban` enrols shops: it must be `required: true` and without `when:`, so every case answers it",
                "alfa/forms/prova.yaml:20:9: error: `name` is 'partita_iva': a partita_iva field; use a text field",
                "alfa/forms/prova.yaml:21:19: error: `account_holder` is 'ragione': not a field of this form (outside groups)",
                "alfa/forms/prova.yaml:23:5: error: unknown key `categoria` in `columns` of `merchant_enrolment`; did you mean `category`?",
                "alfa/forms/prova.yaml:24:24: error: `columns.address`: 'indirizo' is not a field of this form (outside groups)",
                "alfa/forms/prova.yaml:25:12: error: `columns.phone`: field 'componenti' is a group field, whose answer is not a line of text; use a text, textarea, email, tel, number, select, radio or cap field",
                "alfa/forms/prova.yaml:26:5: error: unknown key `name` in `columns` of `merchant_enrolment`; allowed keys: address, category, hours, lat, lon, phone",
            ])
    }

    @Test("an enrolment for a measure that is not a page of the portal is an error at `measures`")
    func unknownMeasure() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/forms/prova.yaml", Self.form("merchant_enrolment:\n  measures: [buoni-carta]\n  name: insegna\n"))
        #expect(
            try content.onlyDiagnostic().description
                == "alfa/forms/prova.yaml:19:3: error: measure 'buoni-carta' in `merchant_enrolment` is not a page in misure/; use the file name without .md"
        )
    }
}
