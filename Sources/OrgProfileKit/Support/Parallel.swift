import Dispatch

/// Independent work spread over the machine's cores. Results come back in the order the
/// work was given, never in the order it finished, so output stays byte for byte the same.
enum Parallel {
    /// Runs both closures at once and returns both results.
    ///
    /// Task-locals do not cross into other threads by themselves, so a test's write faults
    /// (`FaultInjection`) are bound again in both. Only when set: binding a task-local on a
    /// plain dispatch thread crashes the statically linked release binary (in
    /// swift_task_localValuePush), and only tests, which link the library dynamically, set one.
    static func both<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First, _ second: @Sendable () -> Second) -> (First, Second) {
        nonisolated(unsafe) var firstResult: First?
        nonisolated(unsafe) var secondResult: Second?
        let faults = FaultInjection.write
        // Each iteration writes only its own variable, and concurrentPerform returns after both.
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            func work() { if index == 0 { firstResult = first() } else { secondResult = second() } }
            if let faults { FaultInjection.$write.withValue(faults) { work() } } else { work() }
        }
        return (firstResult!, secondResult!)
    }
}
