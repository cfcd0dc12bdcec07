import Foundation
import Support
import TestSupport
import Testing

@testable import FileSafety
@testable import OrgProfileKit
@testable import OrgYAML

@Suite struct OutputWriterTests {
    func renderer(_ yaml: String = validOrg) throws -> Renderer {
        Renderer(model: try model(yaml), templates: .builtin(), sourceName: "org.yaml")
    }

    @Test func removesOnlyOwnedRegularFilesTheManifestListed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outside = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try "keep".write(toFile: outside + "/victim", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/users/ghost", withIntermediateDirectories: true)
        try "old".write(toFile: folder + "/users/ghost/config", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/users/ghost/README.md", withDestinationPath: outside + "/victim")
        try "mine".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let planted = Manifest(
            generator: "orgprofile 0.1.0", source: "org.yaml",
            files: ["users/ghost/config", "users/ghost/README.md", "../victim", "notes.txt", "users/../notes.txt", "/etc/passwd"].map {
                Manifest.File(path: $0, sha256: "")
            },
            users: [:], groups: [:])
        try Data(JSON.encode(planted).utf8).write(to: URL(fileURLWithPath: folder + "/manifest.json"))

        let summary = try OutputWriter(root: folder).write(try renderer())
        #expect(summary.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/users/ghost/config"))
        // A link is not a regular file: left alone, and so is its target.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/users/ghost/README.md")) == outside + "/victim")
        #expect(try readText(outside + "/victim") == "keep")
        #expect(try readText(folder + "/notes.txt") == "mine")
    }

    /// Workers render at once, each into its own buffers: every file of a tree written by
    /// all cores equals the same principal rendered alone.
    @Test func filesRenderedOnAllCoresEqualFilesRenderedOneByOne() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let renderer = try renderer(validOrg + (0..<400).map { "  user\($0):\n    groups: [developers]\n" }.joined())
        _ = try OutputWriter(root: folder).write(renderer)
        var compared = 0
        for principal in renderer.model.principals {
            for file in renderer.files(for: principal) {
                #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file.path))) == file.contents, "\(file.path)")
                compared += 1
            }
        }
        #expect(compared > 800)
    }

    @Test func ownedPaths() {
        #expect(Manifest.isOwnedPath("users/bob/config"))
        #expect(Manifest.isOwnedPath("groups/developers/README.md"))
        for path in [
            "manifest.json", "users/bob", "users/../x", "users/bob/../x", "/users/bob/config", "users/.bob/config", "users/bob/.config",
            "other/bob/config", "users/bob/sub/config",
        ] {
            #expect(!Manifest.isOwnedPath(path), "\(path)")
        }
    }

    @Test func atomicWritesReplaceStaleTemporaryFilesAndKeepModes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config"
        try "stale".write(toFile: folder + "/.config.orgprofile-tmp-\(getpid())", atomically: false, encoding: .utf8)
        try FileSystem.writeAtomically(Array("new\n".utf8), to: path)
        #expect(try readText(path) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["config"])
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o644)

        chmod(path, 0o600)
        try OutputPath.write([(path, Array("newer\n".utf8))], force: false)
        #expect(try readText(path) == "newer\n")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func manifestListsEveryFileWithItsHashAndEveryPrincipalsProfiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OutputWriter(root: folder).write(try renderer())
        struct Written: Decodable {
            struct Entry: Decodable {
                var name: String
                var account_id: String
            }
            var files: [Manifest.File]
            var source: String
            var users: [String: [Entry]]
            var groups: [String: [Entry]]
        }
        let manifest = try JSONDecoder().decode(Written.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
        #expect(
            manifest.files.map(\.path) == [
                "groups/developers/README.md", "groups/developers/config", "index.html", "users/bob/README.md", "users/bob/config",
            ])
        for file in manifest.files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file.path)))
            #expect(file.sha256 == Manifest.sha256(bytes))
        }
        #expect(Manifest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(manifest.users["bob"]?.map(\.name) == ["acme-infrastructure-readonly", "acme-workload-development"])
        #expect(manifest.groups["developers"]?.map(\.account_id) == ["333333333333"])
        #expect(manifest.source == "org.yaml")
    }
}
