import Foundation

/// How many days the office has to conclude a case, and the deadline of each case it gives.
///
/// L. 241/1990 art. 2: a procedure started by an application ends within the term the
/// administration sets, 30 days when it sets none (comma 2), and never more than 180 (comma 4);
/// the term runs from the receipt of the application (comma 6). A form sets its own term with
/// `response_days`; otherwise the services that link the form set it (``Portal/responseTerm(of:)``).
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

    /// The last day, in Rome, to conclude a case received at `receivedAt`: the day of receipt plus
    /// ``days``. The case is past its deadline from the day after.
    public func deadline(receivedAt: Date) -> ContentDate {
        ContentDateTime.romeDay(of: receivedAt).adding(days: days)
    }

    /// The instant before which a case received is past its deadline on `today` (Rome): midnight in
    /// Rome at the start of `today` minus ``days``. The same rule as ``deadline(receivedAt:)``, in
    /// the shape a range query on the time of receipt needs.
    public func overdueBefore(today: ContentDate) -> Date {
        ContentDateTime(date: today.adding(days: -days), hour: 0, minute: 0).instant
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
