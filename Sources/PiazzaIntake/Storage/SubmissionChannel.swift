import GRDB

/// How an application reached the portal, stored by name (`applications.channel`, which the
/// schema limits to these two values).
enum SubmissionChannel: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Sent by the citizen through the published form.
    case online
    /// Sent by an operator on the citizen's behalf.
    case assisted

    /// The note of the first history event, as the citizen reads it on the receipt.
    var submissionNote: String {
        switch self {
        case .online: "Domanda inviata online."
        case .assisted: "Domanda inviata con l'aiuto di un operatore."
        }
    }
}
