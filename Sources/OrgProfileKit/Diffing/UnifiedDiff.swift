import OrgYAML
import Support

/// A unified diff of two texts, in the form `git diff` prints: `--- a/PATH`, `+++ b/PATH`,
/// `@@ -l,s +l,s @@` hunks with three lines of context, and `\ No newline at end of file`.
public enum UnifiedDiff {
    public static let contextLines = 3

    /// The longest line a diff for a person shows; a file with a longer one (the access page's
    /// data, a line of minified script) is summarised by its sizes and hashes instead.
    public static let longestShownLine = 400

    /// `diff`, or for a file with a line too long to read, one line naming what changed.
    public static func review(old: [UInt8], new: [UInt8], path: String, color: Bool = false) -> String {
        func longest(_ bytes: [UInt8]) -> Int {
            var (longest, current) = (0, 0)
            for byte in bytes {
                current = byte == UInt8(ascii: "\n") ? 0 : current + 1
                longest = max(longest, current)
            }
            return longest
        }
        guard max(longest(old), longest(new)) > longestShownLine else { return diff(old: old, new: new, path: path, color: color) }
        let hash = { (bytes: [UInt8]) in String(Manifest.sha256(bytes).prefix(12)) }
        return
            "~ \(path): \(old.count) -> \(new.count) bytes, sha256 \(hash(old))... -> \(hash(new))...; its lines are longer than \(longestShownLine) characters, so they are not shown\n"
    }

    /// The diff, or an empty string when the texts are equal. `old` is shown as `a/PATH`.
    public static func diff(old: [UInt8], new: [UInt8], path: String, color: Bool = false) -> String {
        guard old != new else { return "" }
        let oldLines = lines(old)
        let newLines = lines(new)
        let edits = LineDiff.edits(from: oldLines, to: newLines)
        let style = TerminalStyle(enabled: color)
        var output = style.apply(.bold, "--- \(old.isEmpty ? "/dev/null" : "a/\(path)")") + "\n"
        output += style.apply(.bold, "+++ \(new.isEmpty ? "/dev/null" : "b/\(path)")") + "\n"
        for hunk in hunks(edits) {
            output += style.apply(.cyan, header(hunk, edits)) + "\n"
            for edit in edits[hunk] {
                switch edit {
                case .keep(let i, _): output += line(" ", oldLines[i], style: nil, style)
                case .delete(let i): output += line("-", oldLines[i], style: .red, style)
                case .insert(let j): output += line("+", newLines[j], style: .green, style)
                }
            }
        }
        return output
    }

    struct Line: Hashable {
        var text: Substring
        var hasNewline: Bool
    }

    /// The lines of a text; the last one knows whether a newline ends it.
    static func lines(_ bytes: [UInt8]) -> [Line] {
        let text = String(decoding: bytes, as: UTF8.self)
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(text: $0, hasNewline: true) }
        if result.last?.text.isEmpty == true {
            result.removeLast()
        } else if !result.isEmpty {
            result[result.count - 1].hasNewline = false
        }
        return result
    }

    /// Index ranges into `edits`, each a run of changes with up to three lines of context
    /// around it; runs whose context would touch are one hunk.
    static func hunks(_ edits: [LineDiff.Edit]) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        var index = 0
        while index < edits.count {
            guard case .keep = edits[index] else {
                var end = index
                // Extend over changes and short runs of kept lines between them.
                while end < edits.count {
                    if case .keep = edits[end] {
                        var run = end
                        while run < edits.count, case .keep = edits[run] { run += 1 }
                        if run == edits.count || run - end > 2 * contextLines { break }
                        end = run
                    } else {
                        end += 1
                    }
                }
                let start = max(hunks.last?.upperBound ?? 0, index - contextLines)
                let stop = min(edits.count, end + contextLines)
                hunks.append(start..<stop)
                index = stop
                continue
            }
            index += 1
        }
        return hunks
    }

    static func header(_ hunk: Range<Int>, _ edits: [LineDiff.Edit]) -> String {
        var oldStart: Int?
        var newStart: Int?
        var oldCount = 0
        var newCount = 0
        var oldBefore = 0
        var newBefore = 0
        for edit in edits[..<hunk.lowerBound] {
            switch edit {
            case .keep:
                oldBefore += 1
                newBefore += 1
            case .delete: oldBefore += 1
            case .insert: newBefore += 1
            }
        }
        for edit in edits[hunk] {
            switch edit {
            case .keep(let i, let j):
                oldStart = oldStart ?? i
                newStart = newStart ?? j
                oldCount += 1
                newCount += 1
            case .delete(let i):
                oldStart = oldStart ?? i
                oldCount += 1
            case .insert(let j):
                newStart = newStart ?? j
                newCount += 1
            }
        }
        func range(_ start: Int?, _ count: Int, before: Int) -> String {
            if count == 0 { return "\(before),0" }
            let first = (start ?? before) + 1
            return count == 1 ? "\(first)" : "\(first),\(count)"
        }
        return "@@ -\(range(oldStart, oldCount, before: oldBefore)) +\(range(newStart, newCount, before: newBefore)) @@"
    }

    /// A line of either file, its control characters shown as escapes (a CRLF line ends in
    /// `\u{D}`): the diff is read on a terminal, and a file's bytes are not orgprofile's to send to it.
    private static func line(_ marker: String, _ line: Line, style color: TerminalStyle.Color?, _ style: TerminalStyle) -> String {
        var text = style.apply(color, marker + TerminalText.escaped(String(line.text))) + "\n"
        if !line.hasNewline { text += "\\ No newline at end of file\n" }
        return text
    }
}
