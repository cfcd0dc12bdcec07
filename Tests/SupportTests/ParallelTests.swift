import Foundation
import Testing

@testable import Support

/// Work spread over threads comes back in input order, whichever thread finishes first.
@Suite struct ParallelTests {
    @Test func resultsAreInIndexOrder() {
        // Later indices finish first.
        let results = Parallel.map(count: 40, jobs: 8) { index -> Int in
            usleep(UInt32(40 - index) * 200)
            return index * index
        }
        #expect(results == (0..<40).map { $0 * $0 })
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
