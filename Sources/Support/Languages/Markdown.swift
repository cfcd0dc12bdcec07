/// Markdown (CommonMark with GitHub's tables) that a value cannot turn into structure: no
/// heading, list, link, image, emphasis, table cell or raw HTML comes from a value, and a
/// line break in a value is shown, not followed. Literal structure (headings, table rules)
/// is the caller's; every value goes through `text` or `code`.
public enum Markdown {
    /// A value as plain inline text, also safe inside a table cell: ASCII punctuation that
    /// Markdown gives meaning to is backslash-escaped, `<` `>` `&` become entities, and
    /// control characters and bidirectional controls are shown as `\u{…}`.
    public static func text(_ value: String) -> String {
        var output = ""
        output.reserveCapacity(value.utf8.count)
        let visible = Array(TerminalText.escaped(value))
        // A block marker counts only where a line starts, and a value may start one: `# `,
        // `- `, `+ `, `=`, or digits and `.` or `)` (a numbered item).
        let leadingDigits = visible.prefix(while: \.isASCII).prefix(while: \.isNumber).count
        for (index, character) in visible.enumerated() {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", ":", "!": output += "\\" + String(character)
            default:
                let startsBlock =
                    index == 0 && "#+-=".contains(character) || leadingDigits > 0 && index == leadingDigits && ".)".contains(character)
                if startsBlock { output += "\\" }
                output.append(character)
            }
        }
        return output
    }

    /// A value as an inline code span, also safe inside a table cell. A value holding a
    /// backquote cannot be a code span safely, so it is written as escaped text instead.
    public static func code(_ value: String) -> String {
        let visible = TerminalText.escaped(value)
        guard !visible.contains("`"), !visible.isEmpty, visible.first != " ", visible.last != " " else { return text(value) }
        return "`" + visible.replacingOccurrences(of: "|", with: "\\|") + "`"
    }
}
