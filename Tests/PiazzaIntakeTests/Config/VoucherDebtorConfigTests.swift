import Foundation
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// `vouchers.debtors` of the daemon config: each comune's account for the SEPA file of the shops'
/// reimbursement.
@Suite("Reading the comune's account for the shops' reimbursement")
final class VoucherDebtorConfigTests {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-debtor-\(UUID().uuidString)")

    init() throws {
        for folder in ["content/vigonza", "themes/default"] {
            try FileManager.default.createDirectory(
                at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: base)
    }

    func parse(_ debtor: String) throws(DaemonConfigError) -> DaemonConfig {
        try DaemonConfig.parse("vouchers:\n  debtors:\n    vigonza:\n" + debtor, file: "piazza.yaml", base: base)
    }

    @Test("`vouchers.far_km` sets the far flag's threshold, 15 km when left out; out of range is an error at it")
    func farKilometres() throws {
        let config = { (text: String) throws(DaemonConfigError) in
            try DaemonConfig.parse("vouchers:\n" + text, file: "piazza.yaml", base: self.base)
        }
        #expect(try config("  far_km: 25\n").vouchers.farKilometres == 25)
        #expect(try config("  void_minutes: 10\n").vouchers.farKilometres == 15)
        #expect {
            try config("  far_km: 0\n")
        } throws: { error in
            (error as? DaemonConfigError)?.diagnostics.map(\.description) == [
                "piazza.yaml:2:11: error: `far_km` in `vouchers` must be between 1 and 1000"
            ]
        }
    }

    @Test(
        "`vouchers.visit_share` sets the share of a voucher one visit must spend to be flagged, 90 % when left out; out of range is an error at it"
    )
    func visitShare() throws {
        let config = { (text: String) throws(DaemonConfigError) in
            try DaemonConfig.parse("vouchers:\n" + text, file: "piazza.yaml", base: self.base)
        }
        #expect(try config("  visit_share: 100\n").vouchers.visitShare == 100)
        #expect(try config("  far_km: 25\n").vouchers.visitShare == 90)
        #expect(try config("  visit_share: 50\n").vouchers.visitShare == 50)
        let meaning =
            "piazza.yaml:2:16: error: `visit_share` in `vouchers` is the percent of a voucher's worth one visit to a "
            + "shop must spend to be flagged on the dashboard: a whole number from 50 to 100 (90 when left out); "
        for (text, fix) in [
            (
                "  visit_share: 49\n",
                "49 is below 50, and a visit that spends less than half a voucher is no sign of one sold on"
            ),
            (
                "  visit_share: 0\n",
                "0 is below 50, and a visit that spends less than half a voucher is no sign of one sold on"
            ),
            ("  visit_share: 101\n", "101 is over 100, and no visit spends more than a voucher's worth"),
            ("  visit_share: 99.5\n", "'99.5' is not a whole number; write 99 or 100"),
            ("  visit_share: 99,5\n", "'99,5' is not a whole number; write 99 or 100"),
            ("  visit_share: 90%\n", "write the number without %: `visit_share: 90`"),
            ("  visit_share: tutto\n", "'tutto' is not a number"),
            ("  visit_share: \"\"\n", "'' is not a number"),
        ] {
            #expect {
                try config(text)
            } throws: { thrown in
                (thrown as? DaemonConfigError)?.diagnostics.map(\.description) == [meaning + fix]
            }
        }
    }

    @Test("a portal's name, IBAN (normalised) and BIC are read")
    func reads() throws {
        let config = try parse(
            "      name: Comune di Vigonza\n      iban: it56 m010 0003 2453 4830 0000 000\n      bic: BITAITRRXXX\n")
        #expect(
            config.vouchers.debtors == [
                "vigonza": .init(
                    name: "Comune di Vigonza", iban: try IBAN("IT56M0100003245348300000000"), bic: "BITAITRRXXX")
            ])
    }

    @Test(
        "a missing or invalid value is an error at its key that says the fix",
        arguments: [
            (
                "      name: Comune di Vigonza\n      iban: IT56M0100003245348300000000\n",
                "piazza.yaml:4:7: error: `vouchers.debtors.vigonza` is missing `bic`; add `bic: its bank's BIC, e.g. BPPIITRRXXX`"
            ),
            (
                "      name: Comune di Vigonza\n      iban: IT00M0100003245348300000000\n      bic: BITAITRRXXX\n",
                "piazza.yaml:5:13: error: `vouchers.debtors.vigonza.iban` 'IT00M0100003245348300000000' is not a "
                    + "valid IBAN (its two check digits do not match the rest); copy it from the comune's bank statement"
            ),
            (
                "      name: '🏛 ★'\n      iban: IT56M0100003245348300000000\n      bic: BITAITRRXXX\n",
                "piazza.yaml:4:13: error: `vouchers.debtors.vigonza.name` '🏛 ★' has no Latin letter or digit"
            ),
            (
                "      name: Comune di Vigonza\n      iban: IT56M0100003245348300000000\n      bic: BITA-IT\n",
                "piazza.yaml:6:12: error: `bic` in `vouchers.debtors.vigonza` is 'BITA-IT', not a BIC"
            ),
        ])
    func refuses(debtor: String, problem: String) {
        do {
            _ = try parse(debtor)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.description).contains { $0.hasPrefix(problem) }, "\(error.diagnostics)")
        }
    }

    @Test(
        "an account for a portal that is not served (a typo, or not in `portals`) is an error naming the portals served",
        arguments: [
            (
                "vouchers:\n  debtors:\n    vigona:\n",
                "piazza.yaml:3:5: error: `vouchers.debtors.vigona`: 'vigona' is not a portal this daemon serves; portals served: conegliano, vigonza"
            ),
            (
                "portals: [vigonza]\nvouchers:\n  debtors:\n    conegliano:\n",
                "piazza.yaml:4:5: error: `vouchers.debtors.conegliano`: 'conegliano' is not a portal this daemon serves; portals served: vigonza"
            ),
        ])
    func unknownPortal(yaml: String, problem: String) throws {
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("content/conegliano"), withIntermediateDirectories: true)
        let account = "      name: Comune\n      iban: IT56M0100003245348300000000\n      bic: BITAITRRXXX\n"
        do {
            _ = try DaemonConfig.parse(yaml + account, file: "piazza.yaml", base: base)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.description).contains(problem), "\(error.diagnostics)")
        }
    }

    @Test(
        "BICs of 8 and 11 characters pass; other shapes fail",
        arguments: [
            ("BITAITRRXXX", true), ("BPPIITRR", true), ("UNCRITMM", true), ("BITAITR", false), ("bitaitrrxxx", false),
            ("BITAIT1RXXX", false), ("BITAITRO", false), ("BITAITRRXX", false),
        ])
    func bic(text: String, valid: Bool) {
        #expect(DaemonConfig.Vouchers.Debtor.isBIC(text) == valid)
    }
}
