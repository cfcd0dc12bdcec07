import Foundation
import Testing

@testable import AWSClient

/// The adaptive rate, on a clock the test moves: none until throttled; 0.7 x the measured
/// rate after; back up along the cubic curve while nothing is throttled; never above the
/// ceiling.
@Suite struct AdaptiveRateLimiterTests {
    final class ManualClock: @unchecked Sendable {
        var now = 1_000.0
    }

    /// `seconds` of answers at `perSecond`, none throttled.
    func answer(_ limiter: AdaptiveRateLimiter, _ clock: ManualClock, perSecond: Double, seconds: Double) {
        for _ in 0..<Int(perSecond * seconds) {
            clock.now += 1 / perSecond
            limiter.record(throttled: false)
        }
    }

    @Test func dropsWhenThrottledAndRecovers() throws {
        let clock = ManualClock()
        let limiter = AdaptiveRateLimiter(clock: { clock.now })
        answer(limiter, clock, perSecond: 20, seconds: 3)
        #expect(limiter.rate == nil)
        clock.now += 0.01
        limiter.record(throttled: true)
        let dropped = try #require(limiter.rate)
        #expect(dropped > 0.7 * 15 && dropped < 0.7 * 21, "\(dropped)")
        // Right after, the cubic curve is at its lowest; it climbs back to the rate measured
        // when throttled (about 20) and goes past it while nothing is throttled.
        var rates: [Double] = []
        for _ in 0..<8 {
            answer(limiter, clock, perSecond: 20, seconds: 0.5)
            rates.append(try #require(limiter.rate))
        }
        #expect(rates.last! > dropped)
        #expect(rates.last! >= 19, "\(rates)")
        // Never above twice the measured rate.
        #expect(rates.allSatisfy { $0 <= 2 * 21 }, "\(rates)")
        // Throttled again: down again.
        limiter.record(throttled: true)
        #expect(try #require(limiter.rate) < rates.last!)
    }

    @Test func neverAboveTheCeiling() throws {
        let clock = ManualClock()
        let limiter = AdaptiveRateLimiter(ceiling: 5, clock: { clock.now })
        #expect(limiter.rate == 5)
        answer(limiter, clock, perSecond: 5, seconds: 10)
        #expect(try #require(limiter.rate) <= 5)
        limiter.record(throttled: true)
        #expect(try #require(limiter.rate) < 5)
        answer(limiter, clock, perSecond: 5, seconds: 30)
        #expect(try #require(limiter.rate) <= 5)
    }

    /// With a ceiling, calls start one at a time, 1/N s apart (the real clock).
    @Test func aCeilingSpacesTheCalls() {
        let limiter = AdaptiveRateLimiter(ceiling: 50)
        let start = Date()
        for _ in 0..<11 { limiter.acquire() }
        // The first token comes after 1/50 s, and each next one 1/50 s later.
        #expect(Date().timeIntervalSince(start) >= 0.2)
    }
}
