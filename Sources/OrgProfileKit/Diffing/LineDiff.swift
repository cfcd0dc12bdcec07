/// The edit script between two sequences of lines: the standard library's
/// `CollectionDifference` (a shortest one), walked into keeps, deletions and insertions in
/// file order, each change's deletions before its insertions.
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
        for edit in script(a, b) {
            switch edit {
            case .keep(let i, let j): edits.append(.keep(i + prefix, j + prefix))
            case .delete(let i): edits.append(.delete(i + prefix))
            case .insert(let j): edits.append(.insert(j + prefix))
            }
        }
        edits += (0..<suffix).map { Edit.keep(old.count - suffix + $0, new.count - suffix + $0) }
        return edits
    }

    private static func script<Line: Hashable>(_ a: [Line], _ b: [Line]) -> [Edit] {
        var removed = [Bool](repeating: false, count: a.count)
        var inserted = [Bool](repeating: false, count: b.count)
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed[offset] = true
            case .insert(let offset, _, _): inserted[offset] = true
            }
        }
        var edits: [Edit] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, removed[i] {
                edits.append(.delete(i))
                i += 1
            } else if j < b.count, inserted[j] {
                edits.append(.insert(j))
                j += 1
            } else {
                edits.append(.keep(i, j))
                (i, j) = (i + 1, j + 1)
            }
        }
        return edits
    }
}
