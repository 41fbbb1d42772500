import Foundation

/// A SEPA credit transfer file of the shops' reimbursement that left the daemon (a row of
/// `credit_transfer_files` with its `credit_transfer_payees`): what the ragioneria may have sent to the
/// bank. A second file of days this one covers pays their purchases again, so the rimborsi page shows it
/// and a second file needs the operator's confirmation (``PortalDatabase/makeCreditTransfer(_:)``).
struct CreditTransferFile: Sendable, Hashable {
    /// One transfer of the file: a shop and what it is paid.
    struct Payee: Sendable, Hashable {
        var partitaIVA: String
        /// The IBAN as written in the file.
        var iban: String
        var amountCents: Int
    }

    /// The row's id: later files have greater ones.
    var id: Int64
    /// The file's `MsgId` (``SEPACreditTransfer/messageID(period:)``), unique.
    var messageID: String
    var period: ReimbursementPeriod
    var madeAt: Date
    /// The user name of who downloaded it.
    var madeBy: String
    var totalCents: Int
    /// Whether the operator confirmed making it over an earlier file of an overlapping period.
    var confirmedOverlap: Bool
    /// By partita IVA.
    var payees: [Payee]
}
