import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// A purchase is paid by one SEPA file: once a period is closed as reimbursed, the file of another
/// period sharing days with it is refused, since its end-to-end ids differ from the ones the bank saw
/// and the bank would pay those days' purchases again; the closed period's own file may be downloaded
/// again (its ids repeat, and the bank refuses them).
@Suite("Reimbursement: no SEPA file pays a closed period's purchases again")
struct ReimbursementRepaymentTests {
    typealias Browser = OperatorFixture

    @Test(
        "after June is closed, a period overlapping it has no SEPA file (409, the page says why), June's own still downloads",
        arguments: ["dal=2026-05-15&al=2026-06-15", "dal=2026-06-01&al=2026-07-31", "dal=2026-06-01&al=2026-06-01"])
    func overlappingPeriod(query: String) async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            operators.advance(31 * 86_400)
            let capo = try await Browser.session(client, "capo")
            let closed = try await ReimbursementRefusalTests.close(client, "2026-06-01", "2026-06-30", session: capo)
            #expect(closed.location.hasSuffix("esito=chiuso"))

            let refused = try await Browser.get(client, "/operator/prova/rimborsi/bonifici.xml?" + query, session: capo)
            #expect(refused.status == .conflict)
            let text = String(buffer: refused.body)
            #expect(text.contains("già rimborsato") && text.contains("01/06/2026 – 30/06/2026"))
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/rimborsi?" + query, session: capo).body)
            #expect(!page.contains("bonifici.xml") && page.contains("già rimborsato"))

            let june = "dal=2026-06-01&al=2026-06-30"
            let again = try await Browser.get(client, "/operator/prova/rimborsi/bonifici.xml?" + june, session: capo)
            #expect(again.status == .ok)
            #expect(String(buffer: again.body).contains("<EndToEndId>BS-20260601-20260630-"))
            let junePage = String(
                buffer: try await Browser.get(client, "/operator/prova/rimborsi?" + june, session: capo).body)
            #expect(junePage.contains("bonifici.xml?" + june.replacingOccurrences(of: "&", with: "&amp;")))
        }
    }
}
