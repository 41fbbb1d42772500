import GRDB

/// What accepting a case created (``AcceptanceEffects``), as its case page shows it.
enum CaseIssue: Sendable, Hashable {
    /// The household's voucher, with its balance and purchases.
    case voucher(VoucherAccount)
    /// The shop the enrolment made a merchant, with its measures.
    case merchant(EnrolledMerchant)
}

extension PortalDatabase {
    /// The voucher or the merchant the case of row `applicationID` created when it was accepted; `nil`
    /// when it created neither (not accepted, or a form of neither kind).
    ///
    /// - Throws: GRDB's error.
    func issue(ofApplication applicationID: Int64) async throws -> CaseIssue? {
        try await writer.read { db in
            if let account = try Self.voucherAccount(applicationID: applicationID, in: db) {
                return .voucher(account)
            }
            guard
                let merchant = try MerchantRecord.filter(
                    Column(MerchantRecord.CodingKeys.applicationID) == applicationID
                )
                .fetchOne(db), let id = merchant.id
            else { return nil }
            return .merchant(
                EnrolledMerchant(merchant: merchant, measures: try Self.measures(ofMerchant: id, in: db).sorted()))
        }
    }
}
