/// Markdown (CommonMark with GitHub's tables) that a value cannot turn into structure: no
/// heading, list, link, image, emphasis, table cell or raw HTML comes from a value, and a
/// line break in a value is shown, not followed. Literal structure (headings, table rules)
/// is the caller's; every value goes through `text` or `code`.
public enum Markdown {
    /// A value as plain inline text, also safe inside a table cell: ASCII punctuation that
    /// Markdown gives meaning to is backslash-escaped (`:` where it could open an emoji
    /// shortcode, not in `https://`), `<` `>` `&` become entities, and control characters and
    /// bidirectional controls are shown as `\u{…}`. Where the value starts a line
    /// (`startsLine`), a block marker it starts with (`#`, `-`, `+`, `=`, `1.`) is escaped too.
    public static func text(_ value: String, startsLine: Bool = false) -> String {
        if isPlain(value.utf8, startsLine: startsLine) { return value }
        var output = ""
        output.reserveCapacity(value.utf8.count)
        let visible = Array(TerminalText.escaped(value))
        let leadingDigits = visible.prefix(while: \.isASCII).prefix(while: \.isNumber).count
        for (index, character) in visible.enumerated() {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "!": output += "\\" + String(character)
            case ":":
                let next = index + 1 < visible.count ? visible[index + 1] : " "
                if next.isLetter || next.isNumber || "_+-".contains(next) { output += "\\" }
                output.append(character)
            default:
                let startsBlock =
                    startsLine
                    && (index == 0 && "#+-=".contains(character) || leadingDigits > 0 && index == leadingDigits && ".)".contains(character))
                if startsBlock { output += "\\" }
                output.append(character)
            }
        }
        return output
    }

    /// Whether `text` (at a line's start or not) and `codeContent` give these bytes back as
    /// they are, decided from the bytes alone: ASCII letters, digits, spaces and
    /// `( ) , ; / ' " @ ? % $ ^ { }`, and `-` and `.` where no line starts; at a line's start,
    /// no leading digit. Most names and IDs are plain, and cost no copy.
    public static func isPlain(_ bytes: some Sequence<UInt8>, startsLine: Bool) -> Bool {
        var first = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if first && startsLine { return false }
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: " "), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "'"), UInt8(ascii: "\""),
                UInt8(ascii: "@"), UInt8(ascii: "?"), UInt8(ascii: "%"), UInt8(ascii: "$"), UInt8(ascii: "^"), UInt8(ascii: "{"),
                UInt8(ascii: "}"):
                break
            case UInt8(ascii: "-"), UInt8(ascii: "."):
                if startsLine { return false }
            default:
                return false
            }
            first = false
        }
        return true
    }

    /// A value as an inline code span, also safe inside a table cell. A value holding a
    /// backquote cannot be a code span safely, so it is written as escaped text instead.
    public static func code(_ value: String) -> String {
        let visible = TerminalText.escaped(value)
        guard !visible.contains("`"), !visible.isEmpty, visible.first != " ", visible.last != " " else { return text(value) }
        return "`" + visible.replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    /// A value inside a code span or fenced block the caller opened: control characters and
    /// bidirectional controls shown as `\u{…}`, and a backquote as `\u{60}` (it would close
    /// the span); in a table row, `|` as `\|` (GitHub splits cells even inside code spans).
    public static func codeContent(_ value: String, inTable: Bool) -> String {
        var output = TerminalText.escaped(value).replacingOccurrences(of: "`", with: "\\u{60}")
        if inTable { output = output.replacingOccurrences(of: "|", with: "\\|") }
        return output
    }

    /// A fenced code block of these lines (`info` naming their language, such as `diff`),
    /// each written as code content: no line can close the fence.
    public static func fenced(_ lines: [String], info: String) -> String {
        "```\(info)\n" + lines.map { codeContent($0, inTable: false) + "\n" }.joined() + "```\n"
    }
}
