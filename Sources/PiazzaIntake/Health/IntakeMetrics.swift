import Synchronization

/// Counters exposed at `/metrics` in the Prometheus text format. No personal data: labels are
/// portal, form and outcome only.
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

    private struct Key: Hashable {
        var portal: String
        var form: String
        var outcome: Outcome
    }

    private let counts = Mutex<[Key: Int]>([:])

    func count(_ outcome: Outcome, portal: String, form: String) {
        counts.withLock { $0[Key(portal: portal, form: form, outcome: outcome), default: 0] += 1 }
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
        return
            (["# HELP piazza_form_posts_total Form posts by outcome.", "# TYPE piazza_form_posts_total counter"] + lines)
            .joined(separator: "\n") + "\n"
    }
}
