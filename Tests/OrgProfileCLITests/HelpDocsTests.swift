import Foundation
import TestSupport
import Testing

/// The help each command prints and the docs say the same: every command has its row in the
/// README's table, every option a doc gives a command exists, and every option a command has
/// is documented (one only that command has, in a paragraph that names the command).
@Suite struct HelpDocsTests {
    static let optionPattern = try! NSRegularExpression(pattern: "(?<![\\w-])--[a-z][a-z0-9-]*")

    static func options(in text: String) -> Set<String> {
        Set(
            optionPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                String(text[Range($0.range, in: text)!])
            })
    }

    /// Each subcommand's options, from its own `--help`.
    static func commands() throws -> [String: Set<String>] {
        let root = try orgprofile("--help").stdout
        let listed = root.components(separatedBy: "SUBCOMMANDS:")[1].components(separatedBy: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = trimmed.split(separator: " ").first else { return nil }
            return String(name)
        }.filter { $0 != "See" }
        var commands: [String: Set<String>] = [:]
        for name in listed {
            let help = try orgprofile(name, "--help").stdout
            commands[name] = options(in: help.components(separatedBy: "OPTIONS:").last ?? "").subtracting(["--help", "--version"])
        }
        return commands
    }

    static var documents: [String] {
        get throws {
            let docs = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("docs").path)
                .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
            return try (["README.md"] + docs.sorted()).map { try text(packageRoot.appendingPathComponent($0).path) }
        }
    }

    @Test func everyCommandHasItsRowInTheReadme() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 14)
        let readme = try text(packageRoot.appendingPathComponent("README.md").path)
        let rows = readme.components(separatedBy: "\n").filter { $0.hasPrefix("| `orgprofile ") }
        for name in commands.keys.sorted() {
            #expect(rows.contains { $0.hasPrefix("| `orgprofile \(name)") }, "README.md's command table has no row for \(name)")
        }
    }

    /// `orgprofile CMD ... --option` anywhere in the docs: the option must be one CMD has.
    @Test func everyOptionTheDocsGiveACommandExists() throws {
        let commands = try Self.commands()
        let usage = try NSRegularExpression(pattern: "orgprofile ([a-z]+)([^`\\n|]*)")
        var stale: [String] = []
        for document in try Self.documents {
            for match in usage.matches(in: document, range: NSRange(document.startIndex..., in: document)) {
                let name = String(document[Range(match.range(at: 1), in: document)!])
                guard let known = commands[name] else { continue }
                let given = Self.options(in: String(document[Range(match.range(at: 2), in: document)!]))
                stale += given.subtracting(known).subtracting(["--help", "--version"]).sorted().map { "\(name) \($0)" }
            }
        }
        #expect(stale.isEmpty, "the docs give options the commands do not have: \(stale)")
    }

    @Test func everyOptionACommandHasIsDocumented() throws {
        let commands = try Self.commands()
        let paragraphs = try Self.documents.flatMap { $0.components(separatedBy: "\n\n") }
        var sharedBy: [String: Int] = [:]
        for options in commands.values { for option in options { sharedBy[option, default: 0] += 1 } }
        var undocumented: [String] = []
        for (name, options) in commands.sorted(by: { $0.key < $1.key }) {
            for option in options.sorted() {
                let documented = paragraphs.contains { paragraph in
                    Self.options(in: paragraph).contains(option)
                        && (sharedBy[option]! > 1 || paragraph.range(of: "\\b\(name)\\b", options: .regularExpression) != nil)
                }
                if !documented { undocumented.append("\(name) \(option)") }
            }
        }
        #expect(undocumented.isEmpty, "options no doc describes: \(undocumented)")
    }
}
