import Foundation
import ItalianIdentifiers
import PiazzaContent

/// The automatic checks a form declares, computed on a validated application.
///
/// Everything that depends only on the application is computed before storing; the household
/// duplicate check needs the earlier applications, so it is handed to storage
/// (``householdCheck(_:)``), which completes it inside the write transaction: two simultaneous
/// applications of one household are caught.
struct ApplicationChecks: Sendable {
    let form: FormDefinition
    let portal: PortalConfig
    /// The scope of the one-application-per-household rule: the measure (or form) and its window.
    private let householdScope: String
    /// The form's IBAN fields, whose answers the IBAN check reads.
    private let ibanFields: [FormField]
    /// ``FormDefinition/retentionEnds`` of the form, found once: a calendar sum in Rome's time zone, which was
    /// 2 % of the daemon's CPU when every submission made it again.
    let retentionEnds: Date

    /// The checks of `form` on `portal`; the daemon makes them once per form (``PortalRuntime/checks(for:)``).
    init(form: FormDefinition, portal: PortalConfig) {
        self.form = form
        self.portal = portal
        householdScope = "\(form.measure ?? form.id)@\(form.opens.iso)"
        ibanFields = form.fields.filter { $0.type == .iban }
        retentionEnds = form.retentionEnds
    }

    /// ISEE threshold, DSU year, residence and IBAN checks.
    func evaluate(_ application: ValidatedApplication, submittedAt: Date) -> [CheckResult] {
        var results: [CheckResult] = []
        let year = ContentDateTime.romeDay(of: submittedAt).year
        if let isee = form.checks.isee, case .isee(let cents, let dsu)? = application[isee.field] {
            let amount = Money(cents: cents).italian
            let limit = isee.max.italian
            results.append(
                cents <= isee.max.cents
                    ? CheckResult(
                        code: "isee_threshold", status: .ok, message: "ISEE \(amount), entro la soglia di \(limit).")
                    : CheckResult(
                        code: "isee_threshold", status: .warning,
                        message: "ISEE \(amount), oltre la soglia di \(limit)."))
            let dsuYear = (try? DSUProtocol(dsu))?.year ?? 0
            results.append(
                dsuYear == year
                    ? CheckResult(
                        code: "dsu_year", status: .ok, message: "DSU del \(dsuYear), valida fino al 31/12/\(dsuYear).")
                    : CheckResult(
                        code: "dsu_year", status: .warning,
                        message: "DSU del \(dsuYear): la domanda è del \(year), serve una DSU presentata nel \(year)."))
        }
        if let field = form.checks.residenceField, let value = Self.text(application[field]) {
            if let comune = portal.comuni.first(where: { $0.istat == value }) {
                results.append(CheckResult(code: "residence", status: .ok, message: "Residente a \(comune.name)."))
            } else {
                let names = portal.comuni.map(\.name).joined(separator: ", ")
                results.append(
                    CheckResult(
                        code: "residence", status: .warning,
                        message: "Non risulta residente nei comuni del portale (\(names))."))
            }
        }
        for field in ibanFields {
            guard case .text(let text)? = application[field.name], let iban = try? IBAN(text) else { continue }
            results.append(
                iban.isItalian
                    ? CheckResult(
                        code: "iban", status: .ok,
                        message:
                            "\(field.label): IBAN italiano valido (CIN e codice di controllo verificati), ABI \(iban.abi ?? "")."
                    )
                    : CheckResult(
                        code: "iban", status: .warning,
                        message:
                            "\(field.label): IBAN estero (\(iban.countryCode)), verificare che il conto sia intestato al richiedente."
                    ))
        }
        return results
    }

    /// The household duplicate check of an application, or `nil` when the form has no household
    /// rule or the application names nobody.
    func householdCheck(_ application: ValidatedApplication) -> ApplicationDraft.Household? {
        let codes = householdCodes(application)
        guard !codes.isEmpty else { return nil }
        return ApplicationDraft.Household(
            scope: householdScope, fiscalCodes: codes, earlierLimit: Self.listedDuplicates + 1,
            result: Self.householdResult(earlier:))
    }

    /// The de-omocodified codici fiscali of the household, from the fields named in `checks.household`.
    private func householdCodes(_ application: ValidatedApplication) -> [String] {
        var codes: [String] = []
        for path in form.checks.householdFields {
            let parts = path.split(separator: ".").map(String.init)
            var values: [AnswerValue?] = [application[parts[0]]]
            if parts.count == 2, case .rows(let rows)? = application[parts[0]] {
                values = rows.map { row in row.first { $0.name == parts[1] }?.value }
            }
            for case .text(let text)? in values {
                if let code = try? FiscalCode(text), !codes.contains(code.canonicalValue) {
                    codes.append(code.canonicalValue)
                }
            }
        }
        return codes
    }

    /// How many earlier numeri pratica a duplicate-household result lists.
    private static let listedDuplicates = 5

    /// The duplicate-household result, given the numeri pratica of earlier applications sharing a
    /// member (at most ``listedDuplicates`` + 1: one more means "and others").
    private static func householdResult(earlier numbers: [String]) -> CheckResult {
        guard !numbers.isEmpty else {
            return CheckResult(
                code: "household_duplicate", status: .ok, message: "Nessun'altra domanda dello stesso nucleo.")
        }
        let listed = numbers.prefix(listedDuplicates).joined(separator: ", ")
        let more = numbers.count > listedDuplicates ? " e altre" : ""
        return CheckResult(
            code: "household_duplicate", status: .warning,
            message: "Un componente del nucleo compare anche nelle domande \(listed)\(more).")
    }

    /// The household size for the benefit rule: the applicant plus the filled rows of the group.
    func benefitCents(_ application: ValidatedApplication) -> Int? {
        guard let rule = form.benefit else { return nil }
        var size = 1
        if case .rows(let rows)? = application[rule.householdGroup] { size += rows.count }
        return rule.amount(householdSize: size).cents
    }

    private static func text(_ value: AnswerValue?) -> String? {
        switch value {
        case .text(let text)?, .option(let text)?: text
        default: nil
        }
    }
}
