import Synchronization

/// Counters exposed at `/metrics` in the Prometheus text format. No personal data: labels are
/// portal, form or calendar, and outcome only.
final class IntakeMetrics: Sendable {
    /// What happened to a form post.
    enum Outcome: String, Sendable, CaseIterable {
        case stored, duplicate, invalid, honeypot
        case tooFast = "too_fast"
        case rateLimited = "rate_limited"
        case tooLarge = "too_large"
        case closed
        case failed
    }

    /// What happened to a booking post (`bookings/…`) or a cancellation.
    enum BookingOutcome: String, Sendable, CaseIterable {
        /// Stored; a repeat of the same family's booking; refused for lack of seats.
        case stored, repeated, full
        /// A body or fields to fix (400, 413, 415, 422).
        case invalid
        case closed
        case rateLimited = "rate_limited"
        case failed
        /// A booking cancelled by the family.
        case cancelled
        /// Stored on a full slot's waiting list; a waiting booking confirmed by a cancellation.
        case waitlisted, promoted
    }

    private struct Key: Hashable {
        var portal: String
        var form: String
        var outcome: Outcome
    }

    private struct BookingKey: Hashable {
        var portal: String
        var calendar: String
        var outcome: BookingOutcome
    }

    private let counts = Mutex<[Key: Int]>([:])
    private let bookings = Mutex<[BookingKey: Int]>([:])

    func count(_ outcome: Outcome, portal: String, form: String) {
        counts.withLock { $0[Key(portal: portal, form: form, outcome: outcome), default: 0] += 1 }
    }

    func count(_ outcome: BookingOutcome, portal: String, calendar: String) {
        bookings.withLock { $0[BookingKey(portal: portal, calendar: calendar, outcome: outcome), default: 0] += 1 }
    }

    /// How many booking posts or cancellations had an outcome, over every portal and calendar.
    func total(_ outcome: BookingOutcome) -> Int {
        bookings.withLock { $0.filter { $0.key.outcome == outcome }.values.reduce(0, +) }
    }

    /// How many posts had an outcome, over every portal and form.
    func total(_ outcome: Outcome) -> Int {
        counts.withLock { $0.filter { $0.key.outcome == outcome }.values.reduce(0, +) }
    }

    /// The Prometheus exposition text.
    func text() -> String {
        let lines = counts.withLock { counts in
            counts.sorted {
                ($0.key.portal, $0.key.form, $0.key.outcome.rawValue) < (
                    $1.key.portal, $1.key.form, $1.key.outcome.rawValue
                )
            }
            .map {
                #"piazza_form_posts_total{portal="\#($0.key.portal)",form="\#($0.key.form)",outcome="\#($0.key.outcome.rawValue)"} \#($0.value)"#
            }
        }
        let bookingLines = bookings.withLock { counts in
            counts.sorted {
                ($0.key.portal, $0.key.calendar, $0.key.outcome.rawValue) < (
                    $1.key.portal, $1.key.calendar, $1.key.outcome.rawValue
                )
            }
            .map {
                #"piazza_booking_posts_total{portal="\#($0.key.portal)",calendar="\#($0.key.calendar)",outcome="\#($0.key.outcome.rawValue)"} \#($0.value)"#
            }
        }
        return
            (["# HELP piazza_form_posts_total Form posts by outcome.", "# TYPE piazza_form_posts_total counter"] + lines
            + [
                "# HELP piazza_booking_posts_total Booking posts and cancellations by outcome.",
                "# TYPE piazza_booking_posts_total counter",
            ] + bookingLines)
            .joined(separator: "\n") + "\n"
    }
}
