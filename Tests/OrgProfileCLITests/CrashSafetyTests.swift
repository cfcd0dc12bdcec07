import Foundation
import TestSupport
import Testing

/// compile and install killed with SIGKILL at random moments (seeded): every file is its
/// complete old or complete new version, never partial or empty, and a rerun converges.
@Suite(.serialized) struct CrashSafetyTests {
    /// Random-moment trials per test: a few by default, since the kills at exact writes
    /// cover every file compile writes; `ORGPROFILE_CRASH_TRIALS=200 swift test --filter
    /// CrashSafetyTests` runs the long version (docs/security.md).
    static let randomTrials = ProcessInfo.processInfo.environment["ORGPROFILE_CRASH_TRIALS"].flatMap(Int.init) ?? 12

    /// An org of `users` people in 12 groups over 20 accounts; `variant` changes regions and
    /// who is in it, so that most files change between two variants.
    static func org(users: Int, variant: Int) -> String {
        var yaml =
            "version: 1\nproject: crash\nsso_session:\n  start_url: https://crash.awsapps.com/start\n  region: us-east-1\naccounts:\n"
        for account in 0..<20 {
            yaml +=
                "  account-\(account):\n    id: \"\(100_000_000_000 + account)\"\n    region: \(account % 2 == variant ? "eu-west-1" : "us-west-2")\n"
        }
        yaml += "roles:\n  Admin: {}\n  ReadOnly:\n    profile_suffix: ro\ngroups:\n"
        for group in 0..<12 {
            yaml +=
                "  group-\(group):\n    assignments:\n      - role: \(group % 3 == 0 ? "Admin" : "ReadOnly")\n        accounts: [account-\(group), account-\(group + 4), account-\(group + 8)]\n"
        }
        yaml += "users:\n"
        for user in (variant * 10)..<(users + variant * 10) {
            yaml += "  user\(user):\n    groups: [group-\(user % 12), group-\((user + 5) % 12)]\n"
        }
        return yaml
    }

    func spawnAndKill(_ arguments: [String], in folder: String, environment: [String: String]? = nil, after microseconds: UInt32) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        if let environment { process.environment = environment }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(microseconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A temporary file, or the lock file, of a run that was killed (the kernel released the
    /// lock itself; the next run removes the file).
    static func isLeftoverTemporary(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasPrefix(".") && (name.contains(".orgprofile-tmp-") || name.hasSuffix("orgprofile-lock"))
    }

    /// Two versions of an org in a folder, `a.yaml` compiled into `old`.
    func twoVersions(in folder: String) throws {
        try Self.org(users: 150, variant: 0).write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        try Self.org(users: 150, variant: 1).write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        #expect(try orgprofile("compile", "a.yaml", "--out", "old", in: folder).status == 0)
    }

    @Test func compileKilledAtRandomMoments() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try twoVersions(in: folder)
        let start = Date()
        #expect(try orgprofile("compile", "b.yaml", "--out", "new", in: folder).status == 0)
        let duration = Date().timeIntervalSince(start)
        let old = tree(folder + "/old")
        let new = tree(folder + "/new")
        #expect(old.count > 300 && new.count > 300)

        var random = SeededGenerator(seed: 20_261_127)
        for trial in 0..<Self.randomTrials {
            try? FileManager.default.removeItem(atPath: folder + "/dist")
            try FileManager.default.copyItem(atPath: folder + "/old", toPath: folder + "/dist")
            let delay = UInt32.random(in: 0...UInt32(duration * 1_200_000), using: &random)
            try spawnAndKill(["compile", "b.yaml", "--out", "dist"], in: folder, after: delay)
            let killed = tree(folder + "/dist")
            for (path, contents) in killed where !Self.isLeftoverTemporary(path) {
                #expect(contents == old[path] || contents == new[path], "trial \(trial): \(path) is neither its old nor its new version")
                #expect(!contents.isEmpty, "trial \(trial): \(path) is empty")
            }
            for path in old.keys where new[path] != nil {
                #expect(killed[path] != nil, "trial \(trial): \(path) vanished")
            }
            if trial % 4 == 0 {
                #expect(try orgprofile("compile", "b.yaml", "--out", "dist", in: folder).status == 0)
                #expect(tree(folder + "/dist") == new, "trial \(trial): a rerun did not converge")
            }
        }
    }

    /// The same at exact points: compile killed as it is about to write its Nth file (its
    /// temporary file already there), for points spread over every write it makes.
    @Test func compileKilledAtExactWrites() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try twoVersions(in: folder)
        #expect(try orgprofile("compile", "b.yaml", "--out", "new", in: folder).status == 0)
        try FileManager.default.copyItem(atPath: folder + "/old", toPath: folder + "/count")
        let counted = try orgprofile("compile", "b.yaml", "--out", "count", in: folder).stdout
        // "...; N files written, ..." (the manifest is one more write).
        let written = try #require(Int(counted.components(separatedBy: "; ").last!.split(separator: " ").first!))
        #expect(written > 300)
        let old = tree(folder + "/old")
        let new = tree(folder + "/new")
        var environment = ProcessInfo.processInfo.environment
        // The last point is the manifest, written after every other file.
        let points = Set(stride(from: 1, through: written + 1, by: (written + 1) / 24)).union([written + 1]).sorted()
        for (trial, point) in points.enumerated() {
            try? FileManager.default.removeItem(atPath: folder + "/dist")
            try FileManager.default.copyItem(atPath: folder + "/old", toPath: folder + "/dist")
            environment["ORGPROFILE_TEST_KILL_AT_WRITE"] = String(point)
            let killed = try run(binary, ["compile", "b.yaml", "--out", "dist"], in: folder, environment: environment)
            #expect(killed.status == SIGKILL, "write \(point): compile was not killed")
            let left = tree(folder + "/dist")
            #expect(left != new, "write \(point): compile finished")
            for (path, contents) in left where !Self.isLeftoverTemporary(path) {
                #expect(contents == old[path] || contents == new[path], "write \(point): \(path) is neither its old nor its new version")
            }
            for path in old.keys where new[path] != nil {
                #expect(left[path] != nil, "write \(point): \(path) vanished")
            }
            if trial % 6 == 0 {
                #expect(try orgprofile("compile", "b.yaml", "--out", "dist", in: folder).status == 0)
                #expect(tree(folder + "/dist") == new, "write \(point): a rerun did not converge")
            }
        }
    }

    @Test func installKilledAtRandomMoments() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try orgprofile("compile", in: folder).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder + "/home"
        let aws = folder + "/home/.aws"
        let mine = "[default]\nregion = eu-west-1\n\n[profile mine]\noutput = yaml\n"
        func reset() throws {
            try? FileManager.default.removeItem(atPath: aws)
            try FileManager.default.createDirectory(atPath: aws, withIntermediateDirectories: true)
            try mine.write(toFile: aws + "/config", atomically: true, encoding: .utf8)
            #expect(try run(binary, ["install", "--from", "dist/users/alice/config"], in: folder, environment: environment).status == 0)
        }
        try reset()
        let old = try text(aws + "/config")
        let start = Date()
        #expect(try run(binary, ["install", "--from", "dist/users/bob/config"], in: folder, environment: environment).status == 0)
        let duration = Date().timeIntervalSince(start)
        let new = try text(aws + "/config")
        #expect(old != new)

        var random = SeededGenerator(seed: 4)
        for trial in 0..<Self.randomTrials {
            try reset()
            let delay = UInt32.random(in: 0...UInt32(duration * 1_200_000), using: &random)
            try spawnAndKill(["install", "--from", "dist/users/bob/config"], in: folder, environment: environment, after: delay)
            let config = try text(aws + "/config")
            #expect(config == old || config == new, "trial \(trial): the config is neither old nor new")
            for name in try FileManager.default.contentsOfDirectory(atPath: aws) where name.hasPrefix("config.orgprofile-backup-") {
                let backup = try text(aws + "/" + name)
                #expect(backup == old || backup == mine, "trial \(trial): a partial backup \(name)")
            }
            if trial % 4 == 0 {
                #expect(try run(binary, ["install", "--from", "dist/users/bob/config"], in: folder, environment: environment).status == 0)
                #expect(try text(aws + "/config") == new)
                #expect(try FileManager.default.contentsOfDirectory(atPath: aws).filter { $0.contains("orgprofile-tmp") } == [])
            }
        }
    }
}
