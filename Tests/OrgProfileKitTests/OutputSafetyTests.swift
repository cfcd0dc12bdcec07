import Foundation
import Support
import TestSupport
import Testing

@testable import FileSafety
@testable import OrgProfileKit
@testable import OrgYAML

/// compile never writes or deletes outside its folder, never leaves a partial file, and
/// reports every file problem with its path.
@Suite struct OutputSafetyTests {
    func renderer(_ yaml: String = validOrg) throws -> Renderer {
        Renderer(model: try model(yaml), templates: .builtin(), sourceName: "org.yaml")
    }

    func writeError(_ body: () throws -> Void) -> FileError? {
        do {
            try body()
            return nil
        } catch let error as FileError {
            return error
        } catch {
            return FileError(path: "?", reason: "\(error)")
        }
    }

    /// A link planted in a compiled tree: the next compile refuses before its first write,
    /// so the tree stays exactly the previous version, and nothing reaches the link's target.
    @Test func aPlantedLinkIsNeverWrittenThrough() throws {
        let folder = try temporaryFolder()
        let outside = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: outside)
        }
        _ = try OutputWriter(root: folder).write(try renderer())
        try FileManager.default.removeItem(atPath: folder + "/users/bob")
        try FileManager.default.createSymbolicLink(atPath: folder + "/users/bob", withDestinationPath: outside)
        let before = tree(folder)
        let changed = try renderer(validOrg.replacingOccurrences(of: "region: us-west-2", with: "region: eu-west-1"))
        let error = writeError { _ = try OutputWriter(root: folder).write(changed) }
        #expect(
            error
                == FileError(
                    path: folder + "/users/bob",
                    reason: "a symbolic link (never followed) stands where compile needs a folder; nothing was written"))
        #expect(tree(folder) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == [])
    }

    /// A folder that was never compile's output (no manifest) is not written into without
    /// --force: compile would put its files beside whatever is there.
    @Test func aForeignFolderIsRefusedWithoutForce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "mine".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let error = writeError { _ = try OutputWriter(root: folder).write(try renderer()) }
        #expect(
            error
                == FileError(
                    path: folder,
                    reason:
                        "holds 'notes.txt' and no manifest.json of orgprofile's, so it is not an output folder of compile's; give an empty or new folder, or --force to write into this one"
                ))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
        _ = try OutputWriter(root: folder, force: true).write(try renderer())
        #expect(try readText(folder + "/notes.txt") == "mine")
        #expect(FileManager.default.fileExists(atPath: folder + "/manifest.json"))
        // From then on it holds compile's output, and is written without --force.
        _ = try OutputWriter(root: folder).write(try renderer())
    }

    @Test func staleFilesBehindAPlantedLinkAreNotRemoved() throws {
        let folder = try temporaryFolder()
        let outside = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: outside)
        }
        try "precious".write(toFile: outside + "/config", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/users", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/users/ghost", withDestinationPath: outside)
        let planted = Manifest(
            generator: "orgprofile", source: "org.yaml", files: [.init(path: "users/ghost/config", sha256: "")], users: [:], groups: [:])
        try Data(JSON.encode(planted).utf8).write(to: URL(fileURLWithPath: folder + "/manifest.json"))
        let summary = try OutputWriter(root: folder).write(try renderer())
        #expect(summary.removed == 0)
        #expect(try readText(outside + "/config") == "precious")
    }

    @Test func aFullDiskFailsCleanlyAndKeepsOldFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OutputWriter(root: folder).write(try renderer())
        let before = tree(folder)
        let changed = try renderer(validOrg.replacingOccurrences(of: "region: us-west-2", with: "region: eu-west-1"))
        let fault = WriteFault { path in path.hasSuffix("/users/bob/config") ? ENOSPC : nil }
        let error = writeError { _ = try OutputWriter(root: folder, fault: fault).write(changed) }
        #expect(error?.path == folder + "/users/bob/config")
        #expect(error?.reason.hasPrefix("No space left on device") == true)
        // Files already replaced are whole new ones, the rest whole old ones; no temporary file stays.
        let after = tree(folder)
        // The message says how many are new (when any is): exactly those that differ.
        let new = after.keys.filter { after[$0] != before[$0] }.count
        #expect(
            error?.reason
                == (new == 0
                    ? "No space left on device"
                    : "No space left on device; \(new) file\(new == 1 ? " was" : "s were") already written in the new version, and the rest, manifest.json among them, are still the previous version's: compile again once this is fixed"),
            "\(new)")
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after["users/bob/config"] == before["users/bob/config"])
        #expect(after["manifest.json"] == before["manifest.json"])
        let rerun = try OutputWriter(root: folder).write(changed)
        #expect(rerun.written > 0)
    }

    @Test func aReadOnlyFileSystemNamesThePath() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let readOnly = WriteFault { _ in EROFS }
        let error = writeError { _ = try OutputWriter(root: folder, fault: readOnly).write(try renderer()) }
        // The first group's first file is the first written (the access page comes after
        // everyone's), and no file is left behind.
        #expect(error == FileError(path: folder + "/groups/developers/README.md", reason: "Read-only file system"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/groups/developers") == [])
    }

    @Test func aFolderWhereAFileGoesIsAnError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OutputWriter(root: folder).write(try renderer())
        try FileManager.default.removeItem(atPath: folder + "/users/bob/config")
        try FileManager.default.createDirectory(atPath: folder + "/users/bob/config", withIntermediateDirectories: true)
        let before = tree(folder)
        let error = writeError { _ = try OutputWriter(root: folder).write(try renderer()) }
        #expect(error?.path == folder + "/users/bob/config")
        #expect(error?.reason == "a folder stands where compile writes a file; nothing was written")
        #expect(tree(folder) == before)
    }

    @Test func aDanglingLinkAsTheOutputFolderIsAnError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/dist", withDestinationPath: folder + "/nowhere/at/all")
        let error = writeError { _ = try OutputWriter(root: folder + "/dist").write(try renderer()) }
        #expect(error?.path == folder + "/dist")
        #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere"))
    }

    @Test func leftoverTemporaryFilesOfAKilledRunAreRemoved() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OutputWriter(root: folder).write(try renderer())
        try "partial".write(toFile: folder + "/users/bob/.config.orgprofile-tmp-99999", atomically: false, encoding: .utf8)
        try "partial".write(toFile: folder + "/.manifest.json.orgprofile-tmp-99999", atomically: false, encoding: .utf8)
        _ = try OutputWriter(root: folder).write(try renderer())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/users/bob").sorted() == ["README.md", "config"])
        #expect(!FileManager.default.fileExists(atPath: folder + "/.manifest.json.orgprofile-tmp-99999"))
    }

    @Test func generatedFilesAreWorldReadable() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OutputWriter(root: folder).write(try renderer())
        #expect((try FileManager.default.attributesOfItem(atPath: folder + "/users/bob/config")[.posixPermissions] as? Int) == 0o644)
    }

    /// Eight replacements, the first three within one second (counters -2, -3): the five
    /// newest backups stay, with the contents each replacement found, and the oldest go.
    @Test func backupRotationKeepsTheNewestFive() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config"
        try "version 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let times = [0, 0, 0, 1, 2, 3, 4, 5].map { start.addingTimeInterval(Double($0)) }
        var backups: [(name: String, contents: String)] = []
        for (index, time) in times.enumerated() {
            let backup = try #require(try ProtectedFile.replace(path, with: Array("version \(index + 1)\n".utf8), now: time))
            backups.append(((backup as NSString).lastPathComponent, "version \(index)\n"))
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".orgprofile-backup-") }.sorted()
        #expect(kept == backups.suffix(5).map(\.name).sorted())
        #expect(
            backups.prefix(3).map(\.name) == [
                "config.orgprofile-backup-20270115T080000Z", "config.orgprofile-backup-20270115T080000Z-2",
                "config.orgprofile-backup-20270115T080000Z-3",
            ])
        for backup in backups.suffix(5) {
            #expect(try String(contentsOfFile: folder + "/" + backup.name, encoding: .utf8) == backup.contents)
        }
    }
}
