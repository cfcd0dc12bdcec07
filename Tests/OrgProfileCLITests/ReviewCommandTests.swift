import Foundation
import TestSupport
import Testing

let reviewFixtures = packageRoot.appendingPathComponent("Tests/OrgProfileKitTests/Fixtures/review").path

/// check, diff and report through the built binary.
@Suite struct ReviewCommandTests {
    @Test func checkAcceptsTheCommittedExample() throws {
        let result = try run(binary, ["check", examplePath, "--out", goldenFolder])
        #expect(result.status == 0)
        #expect(result.stdout == "\(goldenFolder) is up to date with \(examplePath) (13 files)\n")
    }

    @Test func checkReportsEditsMissingAndStaleFilesAndIgnoresForeignOnes() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try orgprofile("compile", in: folder).status == 0)
        // Foreign files are ignored.
        try "mine".write(toFile: folder + "/dist/notes.txt", atomically: true, encoding: .utf8)
        #expect(try orgprofile("check", in: folder).stdout == "dist is up to date with org.yaml (13 files)\n")

        // A hand edit, a deleted file, and a user removed from org.yaml.
        let bob = folder + "/dist/users/bob/config"
        try (try text(bob)).replacingOccurrences(of: "region = eu-west-1", with: "region = eu-west-2").write(
            toFile: bob, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder + "/dist/users/alice/README.md")
        let yaml = try text(folder + "/org.yaml").replacingOccurrences(of: "  dave:\n    groups: [platform]\n", with: "")
        try yaml.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let before = tree(folder + "/dist")

        let result = try orgprofile("check", "--no-color", in: folder)
        #expect(result.status == 1)
        try expectGolden(result.stdout, "check.txt")
        #expect(tree(folder + "/dist") == before, "check writes nothing")

        let quiet = try orgprofile("check", "--quiet", in: folder)
        #expect(quiet.status == 1)
        #expect(
            quiet.stdout
                == "dist is out of date with org.yaml: 3 changed, 1 missing, 2 stale; to fix it, run: orgprofile compile org.yaml --out dist\n"
        )

        // The command it prints fixes it.
        #expect(try orgprofile("compile", "org.yaml", "--out", "dist", in: folder).status == 0)
        #expect(try orgprofile("check", in: folder).status == 0)
    }

    @Test func checkOfAnEmptyFolderListsEverythingMissing() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try orgprofile("check", "--out", "nowhere", in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.components(separatedBy: "missing: ").count - 1 == 14)
    }

    @Test func checkWithErrorsInOrgYaml() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "version: 1\n".write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let result = try orgprofile("check", in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "org.yaml:1:1: error: org.yaml is missing the required key 'project'\norg.yaml:1:1: error: org.yaml is missing the required key 'sso_session'\norg.yaml:1:1: error: org.yaml is missing the required key 'accounts'\norg.yaml:1:1: error: org.yaml is missing the required key 'roles'\norg.yaml:1:1: error: org.yaml is missing the required key 'users'\n5 errors\n"
        )
    }

    @Test func diffOfTwoFilesInEveryFormat() throws {
        let old = reviewFixtures + "/old.yaml"
        let new = reviewFixtures + "/new.yaml"
        for (format, golden) in [("text", "diff.txt"), ("markdown", "diff.md"), ("json", "diff.json")] {
            let result = try run(binary, ["diff", old, new, "--format", format])
            #expect(result.status == 0)
            try expectGolden(result.stdout, golden)
        }
        #expect(try run(binary, ["diff", old, new, "--exit-code"]).status == 1)
        #expect(try run(binary, ["diff", old, old, "--exit-code"]).status == 0)
        #expect(try run(binary, ["diff", old]).status == 64)
    }

    @Test func diffSaysWhichFileHasErrors() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "version: 1\nproject: Bad\n".write(toFile: folder + "/old.yaml", atomically: true, encoding: .utf8)
        let result = try orgprofile("diff", "old.yaml", "org.yaml", in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "old.yaml:1:1: error: org.yaml is missing the required key 'sso_session'\nold.yaml:1:1: error: org.yaml is missing the required key 'accounts'\nold.yaml:1:1: error: org.yaml is missing the required key 'roles'\nold.yaml:1:1: error: org.yaml is missing the required key 'users'\n"
                + "old.yaml:2:10: error: project 'Bad' is not a valid name (lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen, at most 32 characters)\n5 errors\n"
        )
        #expect(result.stdout == "")
    }

    /// Runs git in `folder` as a throwaway committer; the command must succeed.
    static func git(_ arguments: [String], in folder: String) throws {
        let result = try run("/usr/bin/env", ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", folder] + arguments)
        #expect(result.status == 0, "git \(arguments): \(result.stderr)")
    }

    @Test func diffAgainstAGitRevision() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func git(_ arguments: String...) throws { try Self.git(arguments, in: folder) }
        // Outside a repository: a clear error.
        let outside = try orgprofile("diff", "--base", "HEAD", "org.yaml", in: folder)
        #expect(outside.status == 74)
        #expect(outside.stderr.contains("is not inside a git repository"))

        try git("init", "-q")
        try FileManager.default.removeItem(atPath: folder + "/org.yaml")
        try FileManager.default.copyItem(atPath: reviewFixtures + "/old.yaml", toPath: folder + "/org.yaml")
        try git("add", "org.yaml")
        try git("commit", "-q", "-m", "old")
        try FileManager.default.removeItem(atPath: folder + "/org.yaml")
        try FileManager.default.copyItem(atPath: reviewFixtures + "/new.yaml", toPath: folder + "/org.yaml")

        let result = try orgprofile("diff", "--base", "HEAD", "org.yaml", in: folder)
        #expect(result.status == 0)
        #expect(result.stdout == (try text(reviewFixtures + "/diff.txt")))
        // The default file is org.yaml, and a path in another folder works too.
        #expect(try orgprofile("diff", "--base", "HEAD", in: folder).stdout == result.stdout)
        #expect(try run(binary, ["diff", "--base", "HEAD", folder + "/org.yaml"]).stdout == result.stdout)

        // Errors in the old version name it by revision.
        try "version: 1\n".write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        try git("commit", "-q", "-am", "broken")
        try FileManager.default.removeItem(atPath: folder + "/org.yaml")
        try FileManager.default.copyItem(atPath: reviewFixtures + "/new.yaml", toPath: folder + "/org.yaml")
        let broken = try orgprofile("diff", "--base", "HEAD", in: folder)
        #expect(broken.status == 1)
        #expect(
            broken.stderr
                == "HEAD:org.yaml:1:1: error: org.yaml is missing the required key 'project'\nHEAD:org.yaml:1:1: error: org.yaml is missing the required key 'sso_session'\nHEAD:org.yaml:1:1: error: org.yaml is missing the required key 'accounts'\nHEAD:org.yaml:1:1: error: org.yaml is missing the required key 'roles'\nHEAD:org.yaml:1:1: error: org.yaml is missing the required key 'users'\n5 errors\n"
        )

        // A file that did not exist at the revision: everything counts as added.
        try FileManager.default.copyItem(atPath: reviewFixtures + "/new.yaml", toPath: folder + "/new.yaml")
        let added = try orgprofile("diff", "--base", "HEAD", "new.yaml", in: folder)
        #expect(added.status == 0)
        #expect(added.stderr == "orgprofile: warning: new.yaml did not exist at HEAD; everything counts as added\n1 warning\n")
        #expect(added.stdout.contains("2 users (added), the same changes each: carol, frank"))
        #expect(!added.stdout.contains("(removed)"))

        let unknown = try orgprofile("diff", "--base", "no-such-branch", in: folder)
        #expect(unknown.status == 74)
        #expect(unknown.stderr == "orgprofile: error: 'no-such-branch' is not a commit in the repository of 'org.yaml'\n1 error\n")
    }

    /// A role's inline_policy_file is read from org.yaml's folder, and by diff --base from the
    /// revision: a policy broken in the working tree is reported once, in the new version.
    @Test func anInlinePolicyFileIsReadBesideOrgYAMLAndAtTheRevision() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func git(_ arguments: String...) throws { try Self.git(arguments, in: folder) }
        let config = folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/policies", withIntermediateDirectories: true)
        let yaml = try text(folder + "/org.yaml").replacingOccurrences(
            of: "    tags: {team: platform}\n", with: "    tags: {team: platform}\n    inline_policy_file: policies/developer.json\n")
        let start = try #require(yaml.range(of: "    inline_policy:\n"))
        let end = try #require(yaml.range(of: "    tags: {team: platform}\n"))
        try (yaml[..<start.lowerBound] + yaml[end.lowerBound...]).write(toFile: config + "/org.yaml", atomically: true, encoding: .utf8)
        let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]}"#
        try policy.write(toFile: config + "/policies/developer.json", atomically: true, encoding: .utf8)
        let valid = try orgprofile("validate", "config/org.yaml", in: folder)
        #expect(valid.status == 0, "\(valid.stderr)")

        try git("init", "-q")
        try git("add", "config")
        try git("commit", "-q", "-m", "policy in a file")
        try policy.replacingOccurrences(of: "Deny", with: "Permit").write(
            toFile: config + "/policies/developer.json", atomically: true, encoding: .utf8)
        let diff = try orgprofile("diff", "--base", "HEAD", "config/org.yaml", in: folder)
        #expect(diff.status == 1)
        #expect(
            diff.stderr
                == "config/policies/developer.json:1:52: error: Effect of statement 1 of the inline policy of role 'Developer' must be Allow or Deny\n1 error\n"
        )
    }

    @Test func report() throws {
        for (format, golden) in [("text", "report.txt"), ("markdown", "report.md"), ("csv", "report.csv"), ("json", "report.json")] {
            let result = try run(binary, ["report", reviewFixtures + "/new.yaml", "--format", format])
            #expect(result.status == 0)
            try expectGolden(result.stdout, golden)
        }
    }

    /// Under a pseudo-terminal (util-linux `script`), diagnostics quote their line and are
    /// coloured, unless NO_COLOR is set.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script is not installed"))
    func diagnosticsOnATerminal() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try
            (try text(folder + "/org.yaml").replacingOccurrences(
                of: "groups: [developers]\n    assignments:", with: "groups: [developer]\n    assignments:"))
            .write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let line =
            try #require(try text(folder + "/org.yaml").components(separatedBy: "\n").firstIndex { $0.hasSuffix("groups: [developer]") })
            + 1
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let plain = try run("/usr/bin/script", ["-qec", "\(binary) validate", "/dev/null"], in: folder, environment: environment)
        #expect(plain.status == 1)
        let lines = plain.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(lines.contains("error: unknown group 'developer'; did you mean 'developers'?\n"), "\(lines)")
        // Line numbers are right-aligned in five columns.
        let gutter = String(repeating: " ", count: 5 - String(line).count) + "\(line) |"
        #expect(lines.contains("\(gutter)     groups: [developer]\n"), "\(lines)")
        #expect(lines.contains("      |              ^\n"), "\(lines)")
        #expect(lines.hasSuffix("1 error\n"))
        #expect(!lines.contains("\u{1B}["))
        environment.removeValue(forKey: "NO_COLOR")
        let colored = try run("/usr/bin/script", ["-qec", "\(binary) validate", "/dev/null"], in: folder, environment: environment)
        #expect(colored.stdout.contains("\u{1B}[1;31merror:\u{1B}[m"))

        // report's default is the text listing, on a terminal or piped, as every command's is.
        let report = try run(
            "/usr/bin/script", ["-qec", "\(binary) report org.yaml.example", "/dev/null"], in: folder, environment: environment)
        #expect(report.stdout.contains("USER   PROFILE"), "\(report.stdout)")
        #expect(try orgprofile("report", "org.yaml.example", in: folder).stdout.contains("USER   PROFILE"))
        #expect(
            try orgprofile("report", "org.yaml.example", "--format", "markdown", in: folder).stdout.hasPrefix("# Access report\n"))

        // check's diff follows the same rule: coloured on a terminal, never with NO_COLOR.
        try (try text(folder + "/org.yaml.example")).write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        #expect(try orgprofile("compile", in: folder).status == 0)
        try "[profile x]\n".write(toFile: folder + "/dist/users/bob/config", atomically: true, encoding: .utf8)
        let checked = try run("/usr/bin/script", ["-qec", "\(binary) check", "/dev/null"], in: folder, environment: environment)
        #expect(checked.stdout.contains("\u{1B}["), "\(checked.stdout)")
        environment["NO_COLOR"] = "1"
        let uncolored = try run("/usr/bin/script", ["-qec", "\(binary) check", "/dev/null"], in: folder, environment: environment)
        #expect(uncolored.stdout.contains("+[profile x]") || uncolored.stdout.contains("-[profile x]"), "\(uncolored.stdout)")
        #expect(!uncolored.stdout.contains("\u{1B}["), "\(uncolored.stdout)")
    }

    @Test func diagnosticsForCI() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (try text(folder + "/org.yaml") + "  dora:\n    name: Dora\n").write(
            toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let lines = try text(folder + "/org.yaml").split(separator: "\n", omittingEmptySubsequences: false).count - 2

        let warning = try orgprofile("validate", in: folder)
        #expect(warning.status == 0)
        #expect(
            warning.stderr
                == "org.yaml:\(lines):3: warning: user 'dora' is in no group and has no assignments, so gets no profiles\n1 warning\n")
        #expect(warning.stdout == "org.yaml: 5 users, 2 groups, 24 profiles, 1 warning\n")

        let strict = try orgprofile("validate", "--strict", in: folder)
        #expect(strict.status == 1)
        #expect(
            strict.stderr == "org.yaml:\(lines):3: error: user 'dora' is in no group and has no assignments, so gets no profiles\n1 error\n"
        )

        let github = try orgprofile("compile", "--diagnostics-format", "github", "--strict", in: folder)
        #expect(github.status == 1)
        #expect(
            github.stderr
                == "::error file=org.yaml,line=\(lines),col=3,title=user-without-access::user 'dora' is in no group and has no assignments, so gets no profiles\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder + "/dist"))

        let json = try orgprofile("report", "--diagnostics-format", "json", in: folder)
        #expect(json.status == 0)
        #expect(
            json.stderr
                == "{\"code\":\"user-without-access\",\"column\":3,\"file\":\"org.yaml\",\"line\":\(lines),\"message\":\"user 'dora' is in no group and has no assignments, so gets no profiles\",\"severity\":\"warning\"}\n"
        )

        let missing = try orgprofile("check", "nope.yaml", "--diagnostics-format", "github", in: folder)
        #expect(missing.status == 74)
        #expect(missing.stderr == "::error title=unreadable-file::cannot read nope.yaml: No such file or directory\n")
    }
}
