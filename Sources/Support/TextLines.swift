extension String {
    /// The text's lines, split at `\n`, without the empty one after a final newline: a
    /// message's lines, or a unified diff's.
    public var lines: [String] {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines
    }
}
