import Foundation
import Testing

@testable import PiazzaIntake

@Suite("Per-address rate limit")
struct RateLimiterTests {
    @Test("an address gets its allowance, is refused, then refilled evenly over the minute")
    func refill() async {
        let limiter = RateLimiter(perMinute: 3)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0..<3 { #expect(await limiter.allow("a", now: start)) }
        #expect(await !limiter.allow("a", now: start))
        #expect(await limiter.allow("b", now: start))
        #expect(await !limiter.allow("a", now: start.addingTimeInterval(10)))
        #expect(await limiter.allow("a", now: start.addingTimeInterval(21)))
        #expect(await !limiter.allow("a", now: start.addingTimeInterval(22)))
        for _ in 0..<3 { #expect(await limiter.allow("a", now: start.addingTimeInterval(200))) }
    }
}
