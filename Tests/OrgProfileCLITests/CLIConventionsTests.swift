import Foundation
import TestSupport
import Testing

/// Every command follows docs/cli.md: its `--format` values (text first, the default) and its
/// `--output` are the table's, it takes `--no-color` and `--diagnostics-format`, an unknown
/// option is a usage error, and colour follows `--no-color` and `NO_COLOR`.
@Suite struct CLIConventionsTests {
    /// One row of docs/cli.md's Output table, for each command it names.
    struct Row {
        var formats: [String]
        var hasOutput: Bool
    }

    static func table() throws -> [String: Row] {
        let document = try text(packageRoot.appendingPathComponent("docs/cli.md").path)
        let section = try #require(document.components(separatedBy: "## Output\n").dropFirst().first)
        var rows: [String: Row] = [:]
        for line in section.components(separatedBy: "\n").drop(while: { !$0.hasPrefix("| command") }).dropFirst(2) {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let names = cells[1].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }
            let formats =
                cells[3].hasPrefix("none")
                ? [] : cells[3].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }
            for name in names { rows[name] = Row(formats: formats, hasOutput: cells[4].hasPrefix("yes")) }
        }
        return rows
    }

    /// `(values: text, markdown, json; default: text)` of `--format` in a command's help.
    static func formats(inHelp help: String) -> (values: [String], default: String?) {
        guard let option = help.range(of: "  --format <") else { return ([], nil) }
        // The option's own text: up to the next option.
        let rest = help[option.upperBound...].components(separatedBy: "\n  --")[0]
        guard let open = rest.range(of: "(values: "), let close = rest[open.upperBound...].range(of: ")") else { return (["?"], nil) }
        // The help wraps its lines: the list may continue on the next one.
        let inside = rest[open.upperBound..<close.lowerBound].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let parts = inside.components(separatedBy: "; default: ")
        return (parts[0].components(separatedBy: ", "), parts.count > 1 ? parts[1] : nil)
    }

    @Test func everyCommandHasTheFormatsAndOutputItsRowSays() throws {
        let table = try Self.table()
        let commands = try HelpDocsTests.commands()
        #expect(Set(table.keys) == Set(commands.keys), "docs/cli.md's table and the commands differ")
        for name in commands.keys.sorted() {
            guard let row = table[name] else { continue }
            let help = try orgprofile(name, "--help").stdout
            let (values, defaultValue) = Self.formats(inHelp: help)
            #expect(values == row.formats, "\(name): --format takes \(values), docs/cli.md says \(row.formats)")
            if !values.isEmpty {
                #expect(values.first == "text" && defaultValue == "text", "\(name): text must come first and be the default")
                #expect(values.contains("json"), "\(name) has no json")
            }
            #expect(commands[name]!.contains("--output") == row.hasOutput, "\(name): --output is not as docs/cli.md says")
        }
    }

    @Test func everyCommandTakesTheColourAndDiagnosticsOptions() throws {
        for (name, options) in try HelpDocsTests.commands() where name != "schema" {
            #expect(options.isSuperset(of: ["--no-color", "--diagnostics-format"]), "\(name) lacks --no-color or --diagnostics-format")
        }
    }

    @Test func anUnknownOptionOrFormatIsAUsageError() throws {
        for (name, options) in try HelpDocsTests.commands() {
            let unknown = try orgprofile(name, "--no-such-option")
            #expect(unknown.status == 64, "\(name): \(unknown.stderr)")
            // argument-parser names the first problem it meets (a missing argument may come first), then the usage.
            #expect(
                unknown.stderr.hasPrefix("Error: ") && unknown.stderr.contains("Usage: orgprofile \(name)"), "\(name): \(unknown.stderr)")
            if options.contains("--format") {
                let format = try orgprofile(name, "--format", "no-such-format")
                #expect(format.status == 64, "\(name): \(format.stderr)")
                #expect(
                    format.stderr.hasPrefix("Error: ") && format.stderr.contains("Usage: orgprofile \(name)"), "\(name): \(format.stderr)")
            }
        }
    }

    /// On a terminal (script(1) gives the command a pseudo-terminal), diagnostics and check's
    /// diff are coloured, unless `--no-color` or `NO_COLOR` says no.
    @Test func colourIsShownOnATerminalUnlessRefused() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try orgprofile("compile", in: folder).status == 0)
        let config = folder + "/dist/users/bob/config"
        try (try text(config)).replacingOccurrences(of: "region = eu-west-1", with: "region = eu-west-2").write(
            toFile: config, atomically: true, encoding: .utf8)
        try "version: 1\nsession: {name: x}\n".write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        func onTerminal(_ command: String, noColor: Bool = false) throws -> String {
            var environment = ProcessInfo.processInfo.environment
            environment["NO_COLOR"] = noColor ? "1" : nil
            let result = try run("/usr/bin/script", ["-qec", "'\(binary)' \(command)", "/dev/null"], in: folder, environment: environment)
            return result.stdout
        }
        let escape = "\u{1B}["
        for command in ["check", "validate bad.yaml"] {
            let shown = try onTerminal(command)
            #expect(shown.contains(escape), "\(command) shows no colour on a terminal: \(shown.debugDescription)")
            let refused = try onTerminal(command + " --no-color")
            #expect(!refused.contains(escape) && !refused.isEmpty, "\(command) --no-color: \(refused.debugDescription)")
            let unset = try onTerminal(command, noColor: true)
            #expect(!unset.contains(escape) && !unset.isEmpty, "NO_COLOR=1 \(command): \(unset.debugDescription)")
        }
    }
}
