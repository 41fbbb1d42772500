import Foundation
import GRDB

/// An application as an export reads it: the stored row and its payment, if recorded.
struct ExportedApplication: Sendable {
    var application: ApplicationRecord
    var payment: PaymentRecord?
}

extension PortalDatabase {
    /// The applications of one form submitted at or after `since`, in the order they were stored,
    /// `limit` at a time after the application `after` (keyset on the id: each batch costs the same,
    /// however deep, and an export holds one batch in memory at a time).
    func exportBatch(formID: String, since: Date?, after: Int64?, limit: Int) async throws -> [ExportedApplication] {
        try await writer.read { db in
            var request = ApplicationRecord.filter(Column(ApplicationRecord.CodingKeys.formID) == formID)
                .filter(Column(ApplicationRecord.CodingKeys.id) > (after ?? 0))
            if let since {
                // Instants are ISO 8601 UTC text of one width: their text order is their time order.
                request = request.filter(Column(ApplicationRecord.CodingKeys.submittedAt) >= Timestamp.string(since))
            }
            let applications = try request.order(Column(ApplicationRecord.CodingKeys.id)).limit(limit).fetchAll(db)
            let payments = try Self.payments(of: applications.compactMap(\.id), in: db)
            return applications.map { ExportedApplication(application: $0, payment: $0.id.flatMap { payments[$0] }) }
        }
    }
}
