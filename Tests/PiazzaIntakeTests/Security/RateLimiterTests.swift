import Foundation
import Testing

@testable import PiazzaIntake

@Suite("Per-address rate limit")
struct RateLimiterTests {
    @Test("an address gets its allowance, is refused, then refilled evenly over the minute")
    func refill() {
        let limiter = RateLimiter(perMinute: 3)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0..<3 { #expect(limiter.allow("a", now: start)) }
        #expect(!limiter.allow("a", now: start))
        #expect(limiter.allow("b", now: start))
        #expect(!limiter.allow("a", now: start.addingTimeInterval(10)))
        #expect(limiter.allow("a", now: start.addingTimeInterval(21)))
        #expect(!limiter.allow("a", now: start.addingTimeInterval(22)))
        for _ in 0..<3 { #expect(limiter.allow("a", now: start.addingTimeInterval(200))) }
    }
}
