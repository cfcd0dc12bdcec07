import Dispatch
import Foundation

/// Independent work spread over the machine's cores. Results come back in the order the
/// work was given, never in the order it finished, so output stays byte for byte the same.
public enum Parallel {
    /// Runs both closures at once and returns both results.
    ///
    /// Task-locals do not cross into other threads by themselves, so a test's write faults
    /// (`FaultInjection`) are bound again in both. Only when set: binding a task-local on a
    /// plain dispatch thread crashes the statically linked release binary (in
    /// swift_task_localValuePush), and only tests, which link the library dynamically, set one.
    static func both<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First, _ second: @Sendable () -> Second) -> (First, Second)
    {
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

    /// Runs `work` for every index below `count`, at most `jobs` at a time, each job taking
    /// the next index when it is done with one; returns the results in index order. For work
    /// that waits (another process), where more jobs than cores pay. The first error stops
    /// further indices from starting and is thrown.
    public static func map<Result: Sendable>(count: Int, jobs: Int, _ work: @escaping @Sendable (Int) throws -> Result) throws -> [Result] {
        guard count > 0 else { return [] }
        let lock = NSLock()
        nonisolated(unsafe) var results = [Result?](repeating: nil, count: count)
        nonisolated(unsafe) var next = 0
        nonisolated(unsafe) var failure: Error?
        // Threads of their own, not dispatch's pool: the pool sizes itself to the cores, and
        // jobs that wait on another process should not wait for a core.
        let finished = DispatchGroup()
        for _ in 0..<min(max(jobs, 1), count) {
            finished.enter()
            Thread.detachNewThread {
                defer { finished.leave() }
                takeIndices()
            }
        }
        finished.wait()
        if let failure { throw failure }
        return results.map { $0! }

        @Sendable func takeIndices() {
            while true {
                let index: Int? = lock.withLock {
                    guard failure == nil, next < count else { return nil }
                    next += 1
                    return next - 1
                }
                guard let index else { return }
                do {
                    let result = try work(index)
                    lock.withLock { results[index] = result }
                } catch {
                    lock.withLock { if failure == nil { failure = error } }
                }
            }
        }
    }
}
