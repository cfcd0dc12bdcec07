import Foundation

/// How fast requests may start, as the AWS SDKs' adaptive retry mode decides it (botocore's
/// `ClientRateLimiter`): no limit until AWS throttles; then a token bucket whose rate drops to
/// 0.7 x the rate measured when throttled, and grows back along a cubic curve (CUBIC, the
/// TCP congestion rule) towards that rate and past it while no throttling comes, never above
/// twice the measured rate. With a ceiling (`--max-rate`), the bucket is on from the start
/// and never fills faster than the ceiling, one request at a time (no bursts), so no second
/// sees more requests start than the ceiling allows.
public final class AdaptiveRateLimiter: @unchecked Sendable {
    /// Seconds since some fixed instant; injectable for tests.
    public typealias Clock = @Sendable () -> TimeInterval

    static let beta = 0.7
    static let scale = 0.4
    static let minimumRate = 0.5
    /// The measured rate: requests in half-second buckets, smoothed.
    static let smoothing = 0.8
    static let bucketLength = 0.5

    public let ceiling: Double?
    private let clock: Clock
    private let condition = NSCondition()
    private var enabled: Bool
    private var fillRate: Double
    private var capacity: Double
    private var tokens = 0.0
    private var lastRefill: TimeInterval?
    // CUBIC
    private var maxRate = 0.0
    private var zeroPoint = 0.0
    private var lastThrottle: TimeInterval
    // The measured rate
    private var measured = 0.0
    private var count = 0.0
    private var lastBucket: TimeInterval

    public init(ceiling: Double? = nil, clock: @escaping Clock = { Date().timeIntervalSinceReferenceDate }) {
        self.ceiling = ceiling
        self.clock = clock
        let now = clock()
        lastThrottle = now
        lastBucket = (now / Self.bucketLength).rounded(.down) * Self.bucketLength
        enabled = ceiling != nil
        fillRate = ceiling ?? Self.minimumRate
        capacity = 1
    }

    /// The rate requests may start at now, requests a second (nil: no limit).
    public var rate: Double? {
        condition.lock()
        defer { condition.unlock() }
        return enabled ? fillRate : nil
    }

    /// Waits until a request may start.
    public func acquire() {
        condition.lock()
        defer { condition.unlock() }
        guard enabled else { return }
        refill()
        while tokens < 1 {
            let wait = (1 - tokens) / fillRate
            _ = condition.wait(until: Date(timeIntervalSinceNow: wait))
            refill()
        }
        tokens -= 1
    }

    /// Told of every answer: whether AWS throttled it.
    public func record(throttled: Bool) {
        condition.lock()
        defer { condition.unlock() }
        let now = clock()
        let measuredRate = measure(now)
        var newRate: Double
        if throttled {
            let rateToUse = enabled ? min(measuredRate, fillRate) : measuredRate
            maxRate = rateToUse
            zeroPoint = cbrt(maxRate * (1 - Self.beta) / Self.scale)
            lastThrottle = now
            newRate = rateToUse * Self.beta
            enabled = true
        } else {
            guard enabled else { return }
            newRate = Self.scale * pow(now - lastThrottle - zeroPoint, 3) + maxRate
        }
        newRate = min(newRate, 2 * measuredRate)
        if let ceiling { newRate = min(newRate, ceiling) }
        setRate(newRate)
    }

    private func setRate(_ value: Double) {
        refill()
        fillRate = max(value, Self.minimumRate)
        // A ceiling allows no burst; otherwise a second's worth, as botocore.
        capacity = ceiling == nil ? max(value, 1) : 1
        tokens = min(tokens, capacity)
        condition.broadcast()
    }

    private func refill() {
        let now = clock()
        if let lastRefill { tokens = min(capacity, tokens + (now - lastRefill) * fillRate) }
        lastRefill = now
    }

    private func measure(_ now: TimeInterval) -> Double {
        let bucket = (now / Self.bucketLength).rounded(.down) * Self.bucketLength
        count += 1
        if bucket > lastBucket {
            measured = count / (bucket - lastBucket) * Self.smoothing + measured * (1 - Self.smoothing)
            count = 0
            lastBucket = bucket
        }
        return measured
    }
}
