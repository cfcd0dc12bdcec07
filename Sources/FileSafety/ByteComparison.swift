import Foundation

extension Array where Element == UInt8 {
    /// Whether both hold the same bytes, compared with `memcmp` (the generic `==` compares
    /// one element at a time; `check` compares every byte of the output).
    public func hasSameBytes(as other: [UInt8]?) -> Bool {
        guard let other, count == other.count else { return false }
        if isEmpty { return true }
        return withUnsafeBytes { mine in other.withUnsafeBytes { theirs in memcmp(mine.baseAddress!, theirs.baseAddress!, count) == 0 } }
    }
}
