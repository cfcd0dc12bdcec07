import Dispatch

/// Independent work spread over the machine's cores. Results come back in the order the
/// work was given, never in the order it finished, so output stays byte for byte the same.
enum Parallel {
    /// Runs both closures at once and returns both results.
    static func both<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First, _ second: @Sendable () -> Second) -> (First, Second) {
        nonisolated(unsafe) var firstResult: First?
        nonisolated(unsafe) var secondResult: Second?
        // Each iteration writes only its own variable, and concurrentPerform returns after both.
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { firstResult = first() } else { secondResult = second() }
        }
        return (firstResult!, secondResult!)
    }
}
