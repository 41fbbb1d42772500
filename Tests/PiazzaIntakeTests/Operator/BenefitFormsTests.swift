import Foundation
import GRDB
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Only a form that grants an amount (``BenefitForms``) gives its cases an amount an operator may set:
/// a shop's enrolment, or a registration to a service, has none, so its case page offers no amount form
/// and says nothing about one, and a post of one (from a forged or old page) is refused, nothing written,
/// the refusal shown as the answer to that post only.
@Suite("Benefit amount: only the cases of forms that grant one")
struct BenefitFormsTests {
    typealias Browser = OperatorFixture

    /// The intake fixture's form without its `benefit:` rule.
    static let withoutRule = IntakeFixture.form.components(separatedBy: "benefit:")[0]

    /// The voucher fixture's forms, plus `affitti` (a measure without a benefit rule: the office sets the
    /// amount) and `iscrizione` (a registration: no measure, no rule).
    static let files = VoucherFixture.files.merging([
        "prova/forms/affitti.yaml": withoutRule + "measure: affitti\n",
        "prova/misure/affitti.md": VoucherFixture.measure("Affitti", form: "affitti"),
        "prova/forms/iscrizione.yaml": withoutRule,
    ]) { _, new in new }

    @Test(
        "the amount form is offered, and a post sets the amount, only for a form that grants one",
        arguments: [("buoni", true), ("affitti", true), ("domanda", true), ("adesione", false), ("iscrizione", false)])
    func amountForm(form: String, grants: Bool) async throws {
        let operators = try await VoucherFixture.operators(files: Self.files)
        try await operators.app.buildApplication().test(.router) { client in
            let fields =
                form == "adesione"
                ? [
                    ("insegna", "Forno Peraga"), ("partita_iva", VoucherFixture.peraga),
                    ("iban", "IT60X0542811101000000123456"),
                ]
                : IntakeFixture.fields()
            let number = try await VoucherFixture.submit(client, form: form, fields)
            let open = try await Browser.openCase(client, number)
            let page = try await open.page(client)
            #expect(page.contains(#"name="importo""#) == grants, "\(form)")
            // Nothing attempted, nothing refused: no sentence about an amount the form does not grant.
            #expect(!page.contains("non assegna un importo") && !page.contains("role=\"alert\""), "\(form)")
            let response = try await open.post(client, "importo", [("importo", "120,00"), ("motivo", "Delibera 3")])
            let database = try #require(operators.app.portals["prova"]).database
            let stored = try await database.application(number: number)?.application.benefitCents
            let changes = try await database.writer.read { db in try BenefitChange.fetchCount(db) }
            if grants {
                #expect(response.status == .seeOther)
                #expect(stored == 12_000 && changes == 1)
            } else {
                #expect(response.status == .unprocessableContent)
                let reason =
                    "La pratica \(number) è di un modulo che non assegna un importo (un&#39;iscrizione, non un contributo): "
                    + "non c&#39;è un importo da impostare."
                let answer = String(buffer: response.body)
                #expect(answer.contains(#"<p class="error-message" role="alert">\#(reason)</p>"#))
                #expect(!answer.contains(#"name="importo""#))
                #expect(!(try await open.page(client)).contains("non assegna un importo"))
                #expect(stored == nil && changes == 0)
            }
        }
    }
}
