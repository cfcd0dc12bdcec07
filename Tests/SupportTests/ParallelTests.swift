import Foundation
import Testing

@testable import Support

/// Work spread over threads comes back in input order, whichever thread finishes first.
@Suite struct ParallelTests {
    @Test func resultsAreInIndexOrder() {
        // Later indices finish first, in an order the work itself enforces (no sleeping): each
        // of eight jobs waits until the next index has finished. Eight threads take the eight
        // indices in increasing order, so the last one, which waits for nobody, starts the chain.
        let next = (0..<8).map { _ in DispatchSemaphore(value: 0) }
        let lock = NSLock()
        nonisolated(unsafe) var finished: [Int] = []
        let results = Parallel.map(count: 8, jobs: 8) { index -> Int in
            if index < 7 { next[index].wait() }
            lock.withLock { finished.append(index) }
            if index > 0 { next[index - 1].signal() }
            return index * index
        }
        #expect(finished == Array((0..<8).reversed()))
        #expect(results == (0..<8).map { $0 * $0 })
        #expect(Parallel.map(count: 40, jobs: 8) { $0 * $0 } == (0..<40).map { $0 * $0 })
        #expect(Parallel.chunks(1000) { _, range in Array(range) }.flatMap { $0 } == Array(0..<1000))
        #expect(Parallel.both({ "first" }, { 2 }) == ("first", 2))
    }

    @Test func anErrorStopsTheWorkAndIsThrown() {
        struct Failure: Error, Equatable { var index: Int }
        #expect(throws: Failure(index: 3)) {
            try Parallel.map(count: 20, jobs: 4) { index throws(Failure) -> Int in
                if index == 3 { throw Failure(index: index) }
                return index
            }
        }
    }
}
