import Foundation
import TestSupport
import Testing

/// compile and install killed with SIGKILL as they are about to write a file (its temporary
/// file already there; `ORGPROFILE_TEST_KILL_AT_WRITE=N` makes a debug build kill itself at its
/// Nth write, so every kill lands where it is meant to, whatever the machine's speed): every
/// file is its complete old or complete new version, never partial or empty, and a rerun
/// converges.
@Suite(.serialized) struct CrashSafetyTests {
    /// Seeded random kill points added to the spread ones: none by default, since the spread
    /// points cover every kind of file compile writes; `ORGPROFILE_CRASH_TRIALS=200 swift test
    /// --filter CrashSafetyTests` runs the long version (docs/security.md).
    static let randomTrials = ProcessInfo.processInfo.environment["ORGPROFILE_CRASH_TRIALS"].flatMap(Int.init) ?? 0

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

    /// The environment that kills a run at its `point`th write.
    static func killing(at point: Int, _ base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = base
        environment["ORGPROFILE_TEST_KILL_AT_WRITE"] = String(point)
        return environment
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

    /// compile killed as it is about to write its Nth file, for points spread over every
    /// write it makes (and seeded random ones, `randomTrials`).
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
        // The last point is the manifest, written after every other file.
        var random = SeededGenerator(seed: 20_261_127)
        let points = Set(stride(from: 1, through: written + 1, by: (written + 1) / 24)).union([written + 1])
            .union((0..<Self.randomTrials).map { _ in Int.random(in: 1...(written + 1), using: &random) }).sorted()
        for (trial, point) in points.enumerated() {
            try? FileManager.default.removeItem(atPath: folder + "/dist")
            try FileManager.default.copyItem(atPath: folder + "/old", toPath: folder + "/dist")
            let killed = try run(binary, ["compile", "b.yaml", "--out", "dist"], in: folder, environment: Self.killing(at: point))
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

    /// install killed as it is about to write each of its files in turn (the backup, the
    /// config), until a run that is not killed.
    @Test func installKilledAtEveryWrite() throws {
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
        #expect(try run(binary, ["install", "--from", "dist/users/bob/config"], in: folder, environment: environment).status == 0)
        let new = try text(aws + "/config")
        #expect(old != new)

        var killedAt: [Int] = []
        for point in 1...10 {
            try reset()
            let result = try run(
                binary, ["install", "--from", "dist/users/bob/config"], in: folder, environment: Self.killing(at: point, environment))
            let config = try text(aws + "/config")
            for name in try FileManager.default.contentsOfDirectory(atPath: aws) where name.hasPrefix("config.orgprofile-backup-") {
                let backup = try text(aws + "/" + name)
                #expect(backup == old || backup == mine, "write \(point): a partial backup \(name)")
            }
            guard result.status == SIGKILL else {
                #expect(result.status == 0 && config == new, "write \(point): \(result.stderr)")
                break
            }
            killedAt.append(point)
            #expect(config == old, "write \(point): the config changed before its own write")
            #expect(try run(binary, ["install", "--from", "dist/users/bob/config"], in: folder, environment: environment).status == 0)
            #expect(try text(aws + "/config") == new, "write \(point): a rerun did not converge")
            #expect(try FileManager.default.contentsOfDirectory(atPath: aws).filter { $0.contains("orgprofile-tmp") } == [])
        }
        // The backup, then the config.
        #expect(killedAt == [1, 2])
    }
}
