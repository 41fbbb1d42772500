import GRDB

/// An application with its history, as the receipt page shows it.
struct StoredApplication: Sendable, Decodable, FetchableRecord {
    var application: ApplicationRecord
    /// Oldest first; the first is the submission.
    var events: [ApplicationEvent]
}
