import Foundation
import Support
import TestSupport
import Testing

@testable import FileSafety
@testable import OrgProfileKit
@testable import OrgYAML

/// manifest.json is written in pieces (`ManifestStream`); these tests hold those pieces to
/// the whole document as `JSON.encode` writes it, and read its head back.
@Suite struct ManifestStreamTests {
    /// The stream of a model's manifest, each principal's profiles as the model resolves them.
    static func stream(_ model: AccessModel, files: [Manifest.File]) -> ManifestStream {
        ManifestStream(
            generator: "orgprofile 0.1.0", source: "org.yaml", files: files, access: ResolvedAccess(model: model))
    }

    /// The same manifest, whole, each principal's profiles as the model resolves them: what
    /// the stream must write byte for byte.
    func expected(_ stream: ManifestStream, model: AccessModel) -> String {
        func lists(_ principals: [Principal]) -> [String: [Profile]] {
            Dictionary(uniqueKeysWithValues: principals.map { ($0.name, model.profiles(for: $0).profiles) })
        }
        return JSON.encode(
            Manifest(
                generator: stream.generator, source: stream.source, files: stream.files, users: lists(model.users),
                groups: lists(model.groups)))
    }

    @Test func streamIsTheManifestAsJSONEncoderWritesIt() throws {
        let example = try readText(packageRoot.appendingPathComponent("org.yaml.example").path)
        let commands =
            example.replacingOccurrences(
                of: "    settings:\n      output: table",
                with:
                    "    settings:\n      output: table\n      credential_process: /opt/bin/creds --profile \"x\" \\\\ 'y'\n      cli_pager: less"
            )
            + "allow_commands: [\"/opt/bin/creds --profile \\\"x\\\" \\\\\\\\ 'y'\", less]\n"
        // A manifest longer than one piece, so it is written in several; a group without
        // members and a user without profiles, whose lists are empty.
        let many = validOrg + (0..<600).map { "  user\($0):\n    groups: [developers]\n" }.joined()
        for yaml in [
            example, commands, validOrg, many,
            validOrg + "  Zoe:\n    groups: [developers]\n  adam:\n    groups: [developers]\n  _x:\n    groups: [developers]\n",
            validOrg.replacingOccurrences(of: "groups:\n", with: "groups:\n  empty: {}\n") + "  nobody: {}\n",
        ] {
            let model = try model(yaml)
            // Two files, one needing escapes; none; more than one piece of them.
            for files in [
                [Manifest.File(path: "users/bob/config", sha256: "00"), Manifest.File(path: "a \"quoted\" \\ path", sha256: "ff")], [],
                (0..<3000).map { Manifest.File(path: "users/user\($0)/config", sha256: String(repeating: "ab", count: 32)) },
            ] {
                let stream = Self.stream(model, files: files)
                var pieces = 0
                var bytes: [UInt8] = []
                stream.write {
                    bytes += $0
                    pieces += 1
                }
                #expect(String(decoding: bytes, as: UTF8.self) == expected(stream, model: model))
                #expect(bytes.last == UInt8(ascii: "\n"))
                if yaml == many || files.count > 1_000 { #expect(pieces > 1) }
                // Its own reader finds the files at the head.
                #expect(try filesRead(from: String(decoding: bytes, as: UTF8.self)) == files.map(\.path))
            }
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

    /// The end of the list of files is found by the JSON's strings and brackets, a piece at a
    /// time: brackets and escaped quotes inside strings do not count, a mismatch is no end.
    @Test func theEndOfAValueFollowsStringsAndBrackets() {
        let text = Array(#"[{"path" : "a]\"}[", "x" : [1, {"y" : "}"}]}] , "rest" ]"#.utf8)
        let end = text.count - #" , "rest" ]"#.utf8.count
        for split in [0, 1, 9, 14, 20, text.count - 12] {
            var scanner = Manifest.JSONValueEnd()
            #expect(scanner.scan(Array(text[..<split]), from: 0) == nil)
            #expect(scanner.scan(text, from: split) == end, "split at \(split)")
        }
        for broken in [#"[{"a" : 1]}"#, #""files""#, "1", "]", #"[" ]"#] {
            var scanner = Manifest.JSONValueEnd()
            #expect(scanner.scan(Array(broken.utf8), from: 0) == nil, "\(broken)")
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
        let stream = ManifestStreamTests.stream(model, files: [])
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
