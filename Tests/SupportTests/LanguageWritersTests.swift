import Support
import TestSupport
import Testing

/// Each output language's writer carries every hostile value as inert text.
@Suite struct LanguageWritersTests {
    static let bidi: ClosedRange<UInt32> = 0x202A...0x202E
    static let isolates: ClosedRange<UInt32> = 0x2066...0x2069

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar != "\t" || (0x7F...0x9F).contains(scalar.value) || bidi.contains(scalar.value)
            || isolates.contains(scalar.value)
    }

    // MARK: Terraform

    /// Terraform's reading of a JSON string: `$${` is a literal `${`, `%%{` a literal `%{`;
    /// an unescaped `${` or `%{` starts a template, which a literal must never hold.
    static func terraformRead(_ text: String) -> String? {
        var output = ""
        var rest = Substring(text)
        while let first = rest.first {
            if rest.hasPrefix("$${") || rest.hasPrefix("%%{") {
                output += String(first) + "{"
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix("${") || rest.hasPrefix("%{") {
                return nil
            } else {
                output.append(first)
                rest = rest.dropFirst()
            }
        }
        return output
    }

    @Test(arguments: HostileCorpus.values) func terraformLiteralsReadBackExactly(_ value: String) {
        #expect(Self.terraformRead(TerraformJSON.literal(value)) == value)
    }

    @Test func terraformLiteralsOfPolicyVariables() {
        #expect(TerraformJSON.literal("arn:aws:s3:::home/${aws:username}/*") == "arn:aws:s3:::home/$${aws:username}/*")
        #expect(TerraformJSON.literal("%{ if true }") == "%%{ if true }")
        #expect(TerraformJSON.reference("aws_identitystore_group.g", "group_id") == "${aws_identitystore_group.g.group_id}")
    }

    // MARK: Markdown

    @Test(arguments: HostileCorpus.values) func markdownTextHasNoStructure(_ value: String) {
        for written in [Markdown.text(value), Markdown.code(value)] {
            #expect(!written.unicodeScalars.contains(where: Self.isControl), "\(written)")
            // Every pipe is escaped, so no value splits a table cell.
            let pipes = written.indices.filter { written[$0] == "|" }
            #expect(pipes.allSatisfy { $0 > written.startIndex && written[written.index(before: $0)] == "\\" }, "\(written)")
        }
        let text = Markdown.text(value)
        // Outside a code span, no raw HTML (inside one, `<` is shown as it is).
        #expect(!text.contains("<") && !text.contains(">"), "\(text)")
        for marker in ["[", "]", "*", "_", "`", "!"] {
            let count = text.components(separatedBy: marker).count - 1
            let escaped = text.components(separatedBy: "\\" + marker).count - 1
            #expect(count == escaped, "\(marker) unescaped in \(text)")
        }
        // At a line's start, no block marker either.
        let lineStart = Markdown.text(value, startsLine: true)
        #expect(!["#", "-", "+", "="].contains(lineStart.first.map(String.init) ?? ""), "\(lineStart)")
    }

    @Test func markdownKeepsPlainNamesReadable() {
        #expect(Markdown.text("acme-dev") == "acme-dev")
        #expect(Markdown.code("acme-dev") == "`acme-dev`")
        #expect(Markdown.text("1. item") == "1. item")
        #expect(Markdown.text("1. item", startsLine: true) == "1\\. item")
        #expect(Markdown.text("version 0.1.0: see https://x.example") == "version 0.1.0: see https://x.example")
        // One escaped colon is enough: the shortcode no longer opens.
        #expect(Markdown.text(":warning: fake") == "\\:warning: fake")
        #expect(Markdown.text("a | b") == "a \\| b")
        #expect(Markdown.text("aaa-mallory\n<!--") == "aaa-mallory\\\\u{A}&lt;\\!--")
        #expect(Markdown.code("a`b") == "a\\`b")
    }

    // MARK: CSV

    /// RFC 4180 read back: the fields of one record.
    static func csvRead(_ record: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(record.hasSuffix("\r\n") ? String(record.dropLast()) : record)[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters = characters.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        return fields + [field]
    }

    @Test(arguments: HostileCorpus.values) func csvFieldsReadBackAndNeverStartAFormula(_ value: String) {
        let fields = Self.csvRead(CSV.record([value, "next"]))
        #expect(fields.count == 2)
        let cell = fields[0]
        let formulaStart = cell.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        #expect(!formulaStart, "\(cell)")
        #expect(cell == value || cell == "'" + value)
        #expect(fields[1] == "next")
    }

    @Test func csvQuotesAsRFC4180() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a, b") == "\"a, b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.field("=1+1") == "'=1+1")
        #expect(CSV.field("-2,3") == "\"'-2,3\"")
        #expect(CSV.record(["a", "b"]) == "a,b\r\n")
    }

    // MARK: Terminal

    @Test(arguments: HostileCorpus.values) func terminalTextHasNoControls(_ value: String) {
        let written = TerminalText.escaped(value)
        #expect(!written.unicodeScalars.contains(where: Self.isControl), "\(written)")
        if !value.unicodeScalars.contains(where: Self.isControl) { #expect(written == value) }
    }

    @Test func terminalTextShowsEscapes() {
        #expect(TerminalText.escaped("\u{1B}]0;owned\u{07}") == "\\u{1B}]0;owned\\u{7}")
        #expect(TerminalText.escaped("admin\u{202E}txt") == "admin\\u{202E}txt")
        #expect(TerminalText.firstLine("Rate exceeded\n<html>\n<body>") == "Rate exceeded …")
        #expect(TerminalText.firstLine(String(repeating: "x", count: 400), limit: 10) == "xxxxxxxxxx …")
        #expect(TerminalText.firstLine("\u{1B}[2Jhello") == "\\u{1B}[2Jhello")
    }
}
