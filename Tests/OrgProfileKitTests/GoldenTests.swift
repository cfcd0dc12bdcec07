import Foundation
import OrgYAML
import TestSupport
import Testing

@testable import OrgProfileKit

/// The compiled output of org.yaml.example, byte for byte, against the published example
/// in examples/dist (which CI also checks with `orgprofile check`). After an intended
/// change, regenerate it with
///     swift run orgprofile compile org.yaml.example --out examples/dist
/// (or `ORGPROFILE_RECORD=1 swift test --filter GoldenTests`) and review the diff.
@Suite struct GoldenTests {
    static let goldenFolder = packageRoot.appendingPathComponent("examples/dist").path
    static let examplePath = packageRoot.appendingPathComponent("org.yaml.example").path

    /// Compiles org.yaml text (named org.yaml.example) into a new folder; returns the folder.
    static func compile(_ text: String) throws -> String {
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml.example", bytes: Array(text.utf8)))
        #expect(analysis.diagnostics == [])
        let model = try #require(analysis.model)
        let folder = try temporaryFolder()
        let renderer = Renderer(model: model, templates: .builtin(), sourceName: "org.yaml.example")
        _ = try OutputWriter(root: folder).write(renderer)
        return folder
    }

    @Test func exampleMatchesTheGoldenFiles() throws {
        let folder = try Self.compile(try readText(Self.examplePath))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let actual = tree(folder)
        let expected = tree(Self.goldenFolder)
        // Recording writes a tree that differs anew, and still fails: review it with git diff.
        if actual != expected, ProcessInfo.processInfo.environment["ORGPROFILE_RECORD"] != nil {
            try? FileManager.default.removeItem(atPath: Self.goldenFolder)
            try FileManager.default.createDirectory(
                atPath: (Self.goldenFolder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: folder, toPath: Self.goldenFolder)
            Issue.record("\(Self.goldenFolder) was recorded anew; review it with git diff, then run the tests without ORGPROFILE_RECORD")
            return
        }
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            let produced = actual[path].map { String(decoding: $0, as: UTF8.self) } ?? "(missing)"
            #expect(actual[path] == data, "\(path) differs from the golden file:\n\(produced)")
        }
    }

    /// Reordering accounts, roles, groups and users in org.yaml changes no output byte.
    @Test func outputIsIndependentOfDeclarationOrder() throws {
        let text = try readText(Self.examplePath)
        let shuffled = Self.reversingEntries(of: ["accounts", "roles", "groups", "users"], in: text)
        #expect(shuffled != text)
        let first = try Self.compile(text)
        let second = try Self.compile(shuffled)
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        let firstTree = tree(first)
        #expect(firstTree.count > 10)
        #expect(firstTree == (tree(second)))
    }

    /// The text with the entries of the named top-level sections in reverse order. An
    /// entry is a line indented by exactly two spaces and everything below it.
    static func reversingEntries(of sections: Set<String>, in text: String) -> String {
        var output: [String] = []
        var entries: [[String]] = []
        var inSection = false
        func flush() {
            output += entries.reversed().flatMap { $0 }
            entries = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let isTopLevel = !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("#")
            if isTopLevel {
                flush()
                inSection = sections.contains(String(line.prefix(while: { $0 != ":" })))
                output.append(line)
            } else if inSection, line.hasPrefix("  "), !line.hasPrefix("   ") {
                entries.append([line])
            } else if inSection, !entries.isEmpty, !line.isEmpty {
                entries[entries.count - 1].append(line)
            } else {
                flush()
                output.append(line)
            }
        }
        flush()
        return output.joined(separator: "\n")
    }
}
