import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Identifiers with leading zeros reach Excel as typed (findings-s12 #9): a CAP `00185`, a telephone
/// `0491234567`, a partita IVA `01234560280` opened by double-click in Italian Excel stay text.
@Suite("Exports: identifiers keep their leading zeros in Excel")
struct IdentifierCellTests {
    typealias Browser = OperatorFixture

    @Test(
        "the applications CSV writes CAP and telephone as =\"…\", the IBAN and codice fiscale as text; the XLSX as inline strings"
    )
    func applicationsExport() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(
                client, portal: "prova",
                [("cap", "00185"), ("telefono", "0491234567"), ("iban", "IT60X0542811101000000123456")])
            let session = try await Browser.session(client, "anna")
            let csv = try await Browser.get(
                client, "/operator/prova/esportazioni/domande?modulo=domanda&formato=csv", session: session)
            let text = String(decoding: csv.body.readableBytesView, as: UTF8.self)
            #expect(
                text.contains(
                    "\(number);01/06/2026 12:00;online;Inviata;;250,00;;;;Maria Bianchi;BNCLRA90A41H501F;01/01/1990;"
                        + "Vigonza;;\"=\"\"00185\"\"\";;\"=\"\"0491234567\"\"\";IT60X0542811101000000123456;"),
                "\(text)")
            let xlsx = try await Browser.get(
                client, "/operator/prova/esportazioni/domande?modulo=domanda&formato=xlsx", session: session)
            #expect(xlsx.status == .ok)
            let row = try #require(try GroupColumnsExportTests.sheetRows(Array(xlsx.body.readableBytesView)).last)
            #expect(row.contains(GroupColumnsExportTests.inlineCell("O2", "00185")), "\(row)")
            #expect(row.contains(GroupColumnsExportTests.inlineCell("Q2", "0491234567")), "\(row)")
        }
    }
}
