import Foundation

/// How many days the office has to conclude a case, and the deadline of each case it gives.
///
/// L. 241/1990 art. 2: a procedure started by an application ends within the term the
/// administration sets, 30 days when it sets none (comma 2), and never more than 180 (comma 4);
/// the term runs from the receipt of the application (comma 6). A form sets its own term with
/// `response_days`; otherwise the services that link the form set it (``Portal/responseTerm(of:)``).
/// While the office waits for documents it asked the citizen for, the term is suspended, once and
/// for at most 30 days (comma 7, ``TermSuspension``).
public struct ResponseTerm: Sendable, Hashable {
    /// The term when nobody sets one (art. 2 comma 2).
    public static let legalDefault = 30
    /// The terms a form may set (art. 2 comma 4: at most 180 days).
    public static let allowedDays = 1...180

    /// Days from the day of receipt to the deadline.
    public var days: Int

    public init(days: Int) {
        self.days = days
    }

    /// The last day, in Rome, to conclude a case received at `receivedAt` and never suspended: the
    /// day of receipt plus ``days``. The case is past its deadline from the day after.
    public func deadline(receivedAt: Date) -> ContentDate {
        ContentDateTime.romeDay(of: receivedAt).adding(days: days)
    }

    /// The last day, in Rome, to conclude a case received at `receivedAt` as of `today`: the
    /// unsuspended ``deadline(receivedAt:)`` plus the days of its `suspension` as of `today`, when the
    /// suspension was asked for by that day (a request after the deadline does not revive a term that
    /// has run out).
    public func deadline(receivedAt: Date, suspension: TermSuspension?, today: ContentDate) -> ContentDate {
        let deadline = deadline(receivedAt: receivedAt)
        guard let suspension, ContentDateTime.romeDay(of: suspension.requestedAt) <= deadline else { return deadline }
        return deadline.adding(days: suspension.days(today: today))
    }

    /// The instant before which a case received, not suspended, is past its deadline on `today`
    /// (Rome): midnight in Rome at the start of `today` minus ``days``. The same rule as
    /// ``deadline(receivedAt:)``, in the shape a range query on the time of receipt needs; a
    /// suspension only moves a deadline later, so every case past its deadline is among these.
    public func overdueBefore(today: ContentDate) -> Date {
        ContentDateTime(date: today.adding(days: -days), hour: 0, minute: 0).instant
    }
}

/// The suspension of a case's term while the office waits for the documents it asked the citizen
/// for: L. 241/1990 art. 2 comma 7 — the term may be suspended "per una sola volta e per un periodo
/// non superiore a trenta giorni" to acquire information or certificates not already held by an
/// administration. The suspension starts on the day of the first *richiesta integrazione* and ends
/// on the day the case leaves that state (normally *integrata*), or runs on while it waits.
public struct TermSuspension: Sendable, Hashable {
    /// The longest suspension (art. 2 comma 7).
    public static let maxDays = 30

    /// The first request for documents: a second request does not suspend again ("una sola volta").
    public var requestedAt: Date
    /// When the case left *richiesta integrazione*; `nil` while it waits.
    public var answeredAt: Date?

    public init(requestedAt: Date, answeredAt: Date?) {
        self.requestedAt = requestedAt
        self.answeredAt = answeredAt
    }

    /// The days the term is suspended as of `today`: calendar days in Rome from the day of the
    /// request to the day of the answer (to `today` while it waits), at most ``maxDays``. Days, not
    /// hours: a day with a change of clock counts one, like any other.
    public func days(today: ContentDate) -> Int {
        let end = answeredAt.map(ContentDateTime.romeDay(of:)) ?? today
        let days = end.daysSince1970 - ContentDateTime.romeDay(of: requestedAt).daysSince1970
        return min(Self.maxDays, max(0, days))
    }
}

extension Portal {
    /// The term of a form's cases: the form's `response_days`; else the shortest `max_response_days`
    /// of the services whose `access.form` is the form (the citizen was promised that one); else
    /// ``ResponseTerm/legalDefault``.
    public func responseTerm(of form: FormDefinition) -> ResponseTerm {
        if let days = form.responseDays { return ResponseTerm(days: days) }
        let promised = pages.compactMap(\.service).filter { $0.access.form == form.id }.map(\.maxResponseDays)
        return ResponseTerm(days: promised.min() ?? ResponseTerm.legalDefault)
    }
}
