import Foundation
import TestSupport
import Testing

@testable import FileSafety
@testable import OrgProfileKit
@testable import OrgYAML

/// manifest.json is written in pieces by hand, in a format orgprofile defines (sorted keys,
/// two-space indentation, `"key" : value`); these tests pin that format and decode what
/// the writer wrote back with Foundation's JSONDecoder.
@Suite struct ManifestStreamTests {
    /// Any string, weighted towards what JSON must escape.
    func randomString(_ random: inout SeededGenerator) -> String {
        let pieces = [
            "a", "Z", "9", "-", "/", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", "\u{7F}", "é", "😀", "\u{2028}", " ",
            "",
        ]
        return (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test func writerFormat() {
        var json = PrettyJSONWriter()
        json.beginObject()
        json.key("empty")
        json.beginArray()
        json.endArray()
        json.key("list")
        json.beginArray()
        json.beginObject()
        json.field("a\"b\\c\n\u{1}é/", "v")
        json.endObject()
        json.beginObject()
        json.field("k", "v")
        json.endObject()
        json.endArray()
        json.endObject()
        json.finalNewline()
        let expected = """
            {
              "empty" : [

              ],
              "list" : [
                {
                  "a\\"b\\\\c\\n\\u0001é/" : "v"
                },
                {
                  "k" : "v"
                }
              ]
            }

            """
        #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
    }

    /// Random documents full of escapes, written by the writer, decode back to themselves.
    @Test func writerOutputDecodesBack() throws {
        struct Item: Codable, Equatable {
            var name: String
            /// Lists hold objects in the manifest; these may be empty.
            var tags: [[String: String]]
            var extra: [String: String]?
        }
        var random = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            var document: [String: [Item]] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Item(
                        name: randomString(&random),
                        tags: (0..<Int.random(in: 0...2, using: &random)).map { _ in ["tag": randomString(&random)] },
                        extra: Bool.random(using: &random)
                            ? nil
                            : Dictionary(
                                (0..<Int.random(in: 0...2, using: &random)).map { _ in (randomString(&random), randomString(&random)) },
                                uniquingKeysWith: { a, _ in a }))
                }
                document[randomString(&random)] = items
            }
            var json = PrettyJSONWriter()
            json.beginObject()
            for key in document.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                json.key(key)
                json.beginArray()
                for item in document[key]! {
                    json.beginObject()
                    if let extra = item.extra {
                        json.key("extra")
                        json.beginObject()
                        for key in extra.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { json.field(key, extra[key]!) }
                        json.endObject()
                    }
                    json.field("name", item.name)
                    json.key("tags")
                    json.beginArray()
                    for tag in item.tags {
                        json.beginObject()
                        json.field("tag", tag["tag"]!)
                        json.endObject()
                    }
                    json.endArray()
                    json.endObject()
                }
                json.endArray()
            }
            json.endObject()
            json.finalNewline()
            #expect(try JSONDecoder().decode([String: [Item]].self, from: Data(json.bytes)) == document)
        }
    }

    /// The manifest of a model as `Manifest` describes it.
    func expected(_ stream: ManifestStream) -> Manifest {
        func summaries(_ principals: [Principal]) -> [String: [ProfileSummary]] {
            Dictionary(uniqueKeysWithValues: principals.map { ($0.name, stream.model.profiles(for: $0).map(ProfileSummary.init)) })
        }
        return Manifest(
            generator: stream.generator, source: stream.source, files: stream.files,
            users: summaries(stream.model.users), groups: summaries(stream.model.groups))
    }

    @Test func streamDecodesToTheManifest() throws {
        let example = try readText(packageRoot.appendingPathComponent("org.yaml.example").path)
        let commands =
            example.replacingOccurrences(
                of: "    settings:\n      output: table",
                with:
                    "    settings:\n      output: table\n      credential_process: /opt/bin/creds --profile \"x\" \\\\ 'y'\n      cli_pager: less"
            )
            + "allow_commands: [\"/opt/bin/creds --profile \\\"x\\\" \\\\\\\\ 'y'\", less]\n"
        // More principals than one batch holds, so parts written on several cores are joined,
        // and a manifest longer than one piece, so it is written in several.
        let many = validOrg + (0..<600).map { "  user\($0):\n    groups: [developers]\n" }.joined()
        for yaml in [
            example, commands, validOrg, many,
            validOrg + "  Zoe:\n    groups: [developers]\n  adam:\n    groups: [developers]\n  _x:\n    groups: [developers]\n",
        ] {
            let model = try model(yaml)
            let files = [Manifest.File(path: "users/bob/config", sha256: "00"), Manifest.File(path: "a \"quoted\" \\ path", sha256: "ff")]
            let stream = ManifestStream(generator: "orgprofile 0.1.0", source: "org.yaml", files: files, model: model)
            var pieces = 0
            var bytes: [UInt8] = []
            stream.write {
                bytes += $0
                pieces += 1
            }
            #expect(Manifest.decode(bytes) == expected(stream))
            #expect(bytes.last == UInt8(ascii: "\n"))
            if yaml == many { #expect(pieces > 1) }
            // Its own reader finds the files at the head.
            #expect(try filesRead(from: String(decoding: bytes, as: UTF8.self)) == files.map(\.path))
        }
    }

    func filesRead(from text: String) throws -> [String]? {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/manifest.json"))
        guard let file = try FileReader(folder + "/manifest.json", owner: .orgprofile) else { return nil }
        return try Manifest.files(in: file)
    }

    @Test func readerReturnsTheFilesOfAManifest() throws {
        let manifest = Manifest(
            generator: "orgprofile 0.1.0", source: "org.yaml",
            files: ["users/bob/config", "groups/a\"b\\c/é/config"].map { .init(path: $0, sha256: "ab") },
            users: ["bob": []], groups: [:])
        #expect(try filesRead(from: JSON.encode(manifest)) == ["users/bob/config", "groups/a\"b\\c/é/config"])
        // Laid out another way (compact, escaped slashes, unknown members): decoded whole.
        #expect(
            try filesRead(
                from:
                    #"{"files":[{"path":"users\/bob\/config","sha256":"x","n":-1.5e3}],"generator":"g","source":"s","users":{"bob":[]},"groups":{},"x":[true,null]}"#
            )
                == ["users/bob/config"])
    }

    @Test func readerRefusesWhatIsNotAManifest() throws {
        let valid = #"{"files":[{"path":"p","sha256":"x"}],"generator":"g","source":"s","users":{},"groups":{}}"#
        #expect(try filesRead(from: valid) == ["p"])
        let broken = [
            "", "[]", "{}", "null", String(valid.dropLast()), valid + "x", valid + "{}",
            valid.replacingOccurrences(of: #""generator":"g","#, with: ""),
            valid.replacingOccurrences(of: #""users":{}"#, with: #""users":[]"#),
            valid.replacingOccurrences(of: #""path":"p""#, with: #""path":1"#),
            valid.replacingOccurrences(of: #","sha256":"x""#, with: ""),
            valid.replacingOccurrences(of: #""p""#, with: "\"p\u{1}\""),
            valid.replacingOccurrences(of: #""p""#, with: #""p\q""#),
            valid.replacingOccurrences(of: #""groups":{}"#, with: #""groups":{"a":[1,]}"#),
            valid.replacingOccurrences(of: #""groups":{}"#, with: #""groups":{"a":tru}"#),
            valid.replacingOccurrences(
                of: #""groups":{}"#,
                with: #""groups":{"a":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"),
        ]
        // orgprofile's layout with a broken list of files.
        let pretty = JSON.encode(Manifest(generator: "g", source: "s", files: [.init(path: "p", sha256: "x")], users: [:], groups: [:]))
        let brokenHeads = [
            pretty.replacingOccurrences(of: #""path" : "p""#, with: #""path" : 1"#),
            pretty.replacingOccurrences(of: #""sha256" : "x""#, with: #""sha" : "x""#),
            pretty.replacingOccurrences(of: "\n  ],", with: "\n  ,"),
            String(pretty.prefix(30)),
        ]
        for text in broken + brokenHeads {
            #expect(try filesRead(from: text) == nil, "\(text)")
        }
    }

    /// A manifest larger than one piece is read across the pieces' boundaries.
    @Test func readerReadsAcrossPieces() throws {
        let paths = (0..<5000).map { "users/user\($0)/config" }
        let manifest = Manifest(
            generator: "g", source: "s", files: paths.map { .init(path: $0, sha256: String(repeating: "0", count: 64)) }, users: [:],
            groups: [:])
        #expect(try filesRead(from: JSON.encode(manifest)) == paths)
    }
}

/// compile rewrites manifest.json only when its bytes differ, comparing the old file with
/// the new manifest piece by piece as it is written.
@Suite struct ManifestUpdateTests {
    @Test func aManifestIsRewrittenOnlyWhenItsBytesDiffer() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/manifest.json"
        // 1,000 users: a manifest of several pieces.
        let users = (0..<1000).map { "  user\($0):\n    groups: [developers]\n" }.joined()
        let model = try model(validOrg.replacingOccurrences(of: "users:\n", with: "users:\n" + users))
        let stream = ManifestStream(generator: "orgprofile 0.1.0", source: "org.yaml", files: [], model: model)
        let bytes = stream.bytes()
        #expect(bytes.count > 2 * ManifestStream.pieceSize)

        #expect(try stream.isWritten(at: path) == nil)
        try stream.write(to: path, fault: nil)
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        #expect(try stream.isWritten(at: path) == true)
        var changedInSecondPiece = bytes
        changedInSecondPiece[ManifestStream.pieceSize + 10] = UInt8(ascii: "#")
        for changed in [[], Array(bytes.dropLast()), bytes + [10], [UInt8(ascii: "#")] + bytes.dropFirst(), changedInSecondPiece] {
            try Data(changed).write(to: URL(fileURLWithPath: path))
            #expect(try stream.isWritten(at: path) == false, "\(changed.count) bytes")
            try stream.write(to: path, fault: nil)
            #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["manifest.json"])
    }
}
