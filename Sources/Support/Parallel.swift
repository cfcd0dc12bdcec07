import Foundation

/// Independent work spread over threads: the one way orgprofile runs work in parallel.
/// Results come back in the order the work was given, never in the order it finished, so
/// output stays byte for byte the same.
public enum Parallel {
    /// How many pieces work that only computes is split into: one per core.
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `work` for every index below `count`, at most `jobs` at a time (the calling
    /// thread and `jobs - 1` threads of its own), each job taking the next index when it is
    /// done with one; returns the results in index order. The first error stops further
    /// indices from starting and is thrown. More jobs than cores pay only for work that waits
    /// (another process).
    public static func map<Result: Sendable, Failure: Error>(
        count: Int, jobs: Int = cores, _ work: (Int) throws(Failure) -> Result
    ) throws(Failure) -> [Result] {
        let jobs = min(max(jobs, 1), count)
        guard jobs > 1 else { return try (0..<count).map(work) }
        let lock = NSLock()
        nonisolated(unsafe) var results = [Result?](repeating: nil, count: count)
        nonisolated(unsafe) var next = 0
        nonisolated(unsafe) var failure: Failure?
        // The threads are joined before this returns, so `work` never outlives the call. They
        // reach it through a pointer, not a capture: a finished thread may let go of what it
        // captured only after the join.
        withoutActuallyEscaping(work) { work in
            let slot = UnsafeMutablePointer<(Int) throws(Failure) -> Result>.allocate(capacity: 1)
            slot.initialize(to: work)
            defer { slot.deinitialize(count: 1).deallocate() }
            nonisolated(unsafe) let work = slot
            @Sendable func takeIndices() {
                while true {
                    let index: Int? = lock.withLock {
                        guard failure == nil, next < count else { return nil }
                        next += 1
                        return next - 1
                    }
                    guard let index else { return }
                    do throws(Failure) {
                        let result = try work.pointee(index)
                        lock.withLock { results[index] = result }
                    } catch {
                        lock.withLock { if failure == nil { failure = error } }
                    }
                }
            }
            let finished = DispatchGroup()
            for _ in 1..<jobs {
                finished.enter()
                Thread.detachNewThread {
                    takeIndices()
                    finished.leave()
                }
            }
            takeIndices()
            finished.wait()
        }
        if let failure { throw failure }
        return results.map { $0! }
    }

    /// Splits `0..<count` into one consecutive range per core (fewer when `count` is
    /// smaller), runs `work` on all of them at once, and returns the results in range order.
    /// `work` also gets the range's number, below `cores`, for state kept per worker.
    public static func chunks<Result: Sendable, Failure: Error>(
        _ count: Int, _ work: (_ chunk: Int, _ range: Range<Int>) throws(Failure) -> Result
    ) throws(Failure) -> [Result] {
        let pieces = max(1, min(cores, count))
        let ranges = (0..<pieces).map { piece in (count * piece / pieces)..<(count * (piece + 1) / pieces) }
        return try map(count: pieces) { (piece: Int) throws(Failure) -> Result in try work(piece, ranges[piece]) }
    }

    /// Runs `work` on a thread of its own and returns at once: for a producer that the
    /// caller consumes while it runs (libyaml's events); the work signals its own end.
    public static func start(_ work: @escaping @Sendable () -> Void) {
        Thread.detachNewThread(work)
    }

    /// Runs two different pieces of work at once and returns both results.
    public static func both<First: Sendable, Second: Sendable>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
        nonisolated(unsafe) var firstResult: First?
        nonisolated(unsafe) var secondResult: Second?
        // Each index writes only its own variable, and map returns after both.
        _ = map(count: 2) { index in
            if index == 0 { firstResult = first() } else { secondResult = second() }
        }
        return (firstResult!, secondResult!)
    }
}
