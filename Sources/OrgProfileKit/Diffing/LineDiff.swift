/// The shortest edit script between two sequences of lines (Myers' O(ND) algorithm).
enum LineDiff {
    enum Edit: Equatable {
        /// A line both sides share: its index in old and in new.
        case keep(Int, Int)
        /// A line only old has.
        case delete(Int)
        /// A line only new has.
        case insert(Int)
    }

    static func edits<Line: Hashable>(from old: [Line], to new: [Line]) -> [Edit] {
        // Lines compared as small integers; a common prefix and suffix are kept directly.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])

        var edits = (0..<prefix).map { Edit.keep($0, $0) }
        for edit in myers(a, b) {
            switch edit {
            case .keep(let i, let j): edits.append(.keep(i + prefix, j + prefix))
            case .delete(let i): edits.append(.delete(i + prefix))
            case .insert(let j): edits.append(.insert(j + prefix))
            }
        }
        edits += (0..<suffix).map { Edit.keep(old.count - suffix + $0, new.count - suffix + $0) }
        return edits
    }

    /// Myers' greedy algorithm, keeping each step's frontier to walk the path back.
    private static func myers<Line: Hashable>(_ a: [Line], _ b: [Line]) -> [Edit] {
        let n = a.count
        let m = b.count
        if n == 0 { return (0..<m).map { .insert($0) } }
        if m == 0 { return (0..<n).map { .delete($0) } }
        let maximum = n + m
        let offset = maximum
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        search: for d in 0...maximum {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    x = frontier[offset + k + 1]
                } else {
                    x = frontier[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n, y >= m { break search }
            }
        }
        // Walk back from (n, m) through the saved frontiers.
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && saved[offset + k - 1] < saved[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : saved[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                edits.append(.keep(x, y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(.insert(y))
                } else {
                    x -= 1
                    edits.append(.delete(x))
                }
            }
        }
        return edits.reversed()
    }
}
