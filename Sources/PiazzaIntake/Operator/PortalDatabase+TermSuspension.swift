import Foundation
import GRDB
import PiazzaContent

/// Where a case's ``TermSuspension`` (L. 241/1990 art. 2 comma 7) comes from: its history. The first
/// step into *richiesta integrazione* starts it; the step after that one, whatever it is (normally
/// *integrata*), ends it. The queue, the case page and the dashboard read it the same way, in Swift
/// from the events (``TermSuspension/init(events:)``) or in SQL (``suspensionColumnsSQL``).
extension TermSuspension {
    /// The suspension of a case with these events (oldest first); `nil` when it was never asked
    /// for documents.
    init?(events: [ApplicationEvent]) {
        guard let request = events.firstIndex(where: { $0.state == .integrationRequested }) else { return nil }
        let answer = events.index(after: request)
        self.init(requestedAt: events[request].at, answeredAt: answer < events.endIndex ? events[answer].at : nil)
    }
}

extension ResponseTerm {
    /// Whether a case in `state`, received at `receivedAt`, with `suspension`, is past its deadline
    /// on `today`: open, and `today` after ``deadline(receivedAt:suspension:today:)``. The queue's
    /// filter and the dashboard ask the database for the cases received before
    /// ``overdueBefore(today:)`` (a suspension only moves a deadline later), then this of the
    /// suspended ones.
    func isOverdue(_ state: ApplicationState, receivedAt: Date, suspension: TermSuspension?, today: ContentDate)
        -> Bool
    {
        !state.isConcluded && today > deadline(receivedAt: receivedAt, suspension: suspension, today: today)
    }
}

/// A form's term and the day it is asked about, in Rome: together they say which of the form's open
/// cases are past their deadline (``PortalDatabase/overdueCount(formID:term:today:in:)``).
struct TermOnDay: Sendable, Hashable {
    var term: ResponseTerm
    var today: ContentDate
}

extension PortalDatabase {
    /// Two columns for a query over `applications`: `requested_at`, the instant of the case's first
    /// step into *richiesta integrazione*, and `answered_at`, the instant of the step after it (both
    /// `NULL` when there is none), through the index on `(application_id, id)`.
    static let suspensionColumnsSQL = """
        (SELECT at FROM application_events WHERE application_id = applications.id
         AND state = '\(ApplicationState.integrationRequested.rawValue)' ORDER BY id LIMIT 1) AS requested_at,
        (SELECT later.at FROM application_events later WHERE later.application_id = applications.id
         AND later.id > (SELECT id FROM application_events WHERE application_id = applications.id
         AND state = '\(ApplicationState.integrationRequested.rawValue)' ORDER BY id LIMIT 1)
         ORDER BY later.id LIMIT 1) AS answered_at
        """

    /// The suspension of a row read with ``suspensionColumnsSQL``.
    static func suspension(of row: Row) -> TermSuspension? {
        guard let requested = (row["requested_at"] as String?).flatMap(Timestamp.date) else { return nil }
        return TermSuspension(
            requestedAt: requested, answeredAt: (row["answered_at"] as String?).flatMap(Timestamp.date))
    }

    /// The open cases of `formID` past their deadline on `today` under `term`, suspensions counted:
    /// what the queue's `scadute` filter lists.
    static func overdueCount(formID: String, term: ResponseTerm, today: ContentDate, in db: Database) throws -> Int {
        let received = "form_id = ? AND \(openStatesSQL) AND submitted_at < ?"
        let arguments: StatementArguments = [formID, Timestamp.string(term.overdueBefore(today: today))]
        let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM applications WHERE " + received, arguments: arguments)
        // The suspended ones among them (few: a request for documents is the exception) decide one by one.
        let suspended = try Row.fetchAll(
            db,
            sql: """
                SELECT state, submitted_at, \(suspensionColumnsSQL) FROM applications WHERE \(received)
                AND EXISTS (SELECT 1 FROM application_events WHERE application_id = applications.id
                AND state = '\(ApplicationState.integrationRequested.rawValue)')
                """, arguments: arguments)
        let notYet = suspended.filter { row in
            guard let state = ApplicationState(rawValue: row["state"]),
                let received = Timestamp.date(row["submitted_at"])
            else { return false }
            return !term.isOverdue(state, receivedAt: received, suspension: suspension(of: row), today: today)
        }
        return (all ?? 0) - notYet.count
    }
}
