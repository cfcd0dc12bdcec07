import Foundation
import TestSupport
import Testing

/// `--output` and `--out` replace only what orgprofile may replace, and path handling holds
/// for any path a person types.
@Suite struct OutputPathTests {
    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// A device, a FIFO, a folder and /dev/stdout are refused by every command's --output,
    /// and stay what they were.
    @Test func onlyRegularFilesAreReplaced() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo", 0o644) == 0)
        // The null device's own numbers, made here: the real one is never put at risk.
        let device = mknod(folder + "/null", S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0
        try FileManager.default.createDirectory(atPath: folder + "/folder", withIntermediateDirectories: true)
        var targets = ["fifo", "folder", "/dev/stdout"]
        if device { targets.append("null") }
        let commands: [[String]] = [
            ["export", "org.yaml", "--user", "alice"], ["report", "org.yaml", "--format", "csv"],
            ["assignments", "org.yaml", "--snapshot", ExitCodeTests().snapshotPath, "--format", "json"],
        ]
        for target in targets {
            for command in commands {
                let result = try orgprofile(arguments: command + ["--output", target], in: folder)
                #expect(result.status == 74, "\(command[0]) --output \(target): \(result.stderr)")
                let why = target == "/dev/stdout" ? "own standard output" : "--output replaces only a regular file"
                #expect(result.stderr.contains(why), "\(result.stderr)")
            }
        }
        #expect(Self.kind(folder + "/fifo") == S_IFIFO)
        #expect(Self.kind(folder + "/folder") == S_IFDIR)
        if device { #expect(Self.kind(folder + "/null") == S_IFCHR) }
    }

    /// A read-only file, and one owned by another user, are replaced only with --force; then
    /// they keep their mode and owner.
    @Test func readOnlyAndForeignFilesNeedForce() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "keep".write(toFile: folder + "/read-only", atomically: true, encoding: .utf8)
        chmod(folder + "/read-only", 0o444)
        try "keep".write(toFile: folder + "/theirs", atomically: true, encoding: .utf8)
        let canChown = geteuid() == 0 && chown(folder + "/theirs", 65534, 65534) == 0
        for name in ["read-only"] + (canChown ? ["theirs"] : []) {
            let refused = try orgprofile(arguments: ["export", "org.yaml", "--user", "alice", "--output", name], in: folder)
            #expect(refused.status == 74, "\(refused.stderr)")
            #expect(refused.stderr.contains("replace it with --force"), "\(refused.stderr)")
            #expect(try text(folder + "/" + name) == "keep")
            let forced = try orgprofile(arguments: ["export", "org.yaml", "--user", "alice", "--output", name, "--force"], in: folder)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try text(folder + "/" + name).hasPrefix("# "))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/read-only")
        #expect(attributes[.posixPermissions] as? Int == 0o444)
        if canChown {
            #expect(try FileManager.default.attributesOfItem(atPath: folder + "/theirs")[.ownerAccountID] as? Int == 65534)
        }
    }

    @Test func aDashIsStandardOutput() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try orgprofile(arguments: ["export", "org.yaml", "--user", "alice", "--output", "-"], in: folder)
        #expect(export.status == 0 && export.stdout.contains("[sso-session "), "\(export.stderr)")
        let report = try orgprofile(arguments: ["report", "org.yaml", "--format", "csv", "--output", "-"], in: folder)
        #expect(report.status == 0 && report.stdout.hasPrefix("user,"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/-"))
    }

    /// One-character paths once trapped in Foundation's path methods (SIGILL).
    @Test func oneCharacterPathsWork() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: examplePath, toPath: folder + "/o")
        #expect(try orgprofile(arguments: ["validate", "o"], in: folder).status == 0)
        let export = try orgprofile(arguments: ["export", "o", "--user", "alice", "--output", "x"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try text(folder + "/x").contains("[sso-session "))
        let drift = try orgprofile(arguments: ["drift", "o", "--snapshot", ExitCodeTests().snapshotPath], in: folder)
        #expect(drift.status == 0 || drift.status == 1, "\(drift.stderr)")
        let dot = try orgprofile(arguments: ["export", "o", "--user", "alice", "--output", "."], in: folder)
        #expect(dot.status == 74 && dot.stderr.contains("is a folder"), "\(dot.stderr)")
        let empty = try orgprofile(arguments: ["compile", "o", "--out", ""], in: folder)
        #expect(empty.status == 64, "\(empty.stderr)")
        // The folder holds org.yaml and more: not compile's output.
        let here = try orgprofile(arguments: ["compile", "o", "--out", "."], in: folder)
        #expect(here.status == 74 && here.stderr.contains("not an output folder of compile's"), "\(here.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.orgprofile-lock"))
        let forced = try orgprofile(arguments: ["compile", "o", "--out", "d", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    /// `--out /`, a typo away from `--out ./dist`, writes nothing there.
    @Test func theRootFolderIsNeverAnOutputFolder() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try orgprofile(arguments: ["compile", "org.yaml", "--out", "/"], in: folder)
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("not an output folder of compile's"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/manifest.json") && !FileManager.default.fileExists(atPath: "/users"))
        #expect(!FileManager.default.fileExists(atPath: "/.orgprofile-lock"))
    }
}
