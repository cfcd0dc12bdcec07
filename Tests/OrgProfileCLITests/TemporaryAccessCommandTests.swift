import Foundation
import TestSupport
import Testing

/// `--as-of` on the commands that read org.yaml: temporary access read as of that day.
@Suite struct TemporaryAccessCommandTests {
    static let org = """
        version: "1"
        project: acme
        sso_session: {start_url: "https://acme.awsapps.com/start", region: eu-west-1}
        accounts:
          prod: {id: "111111111111"}
        roles:
          AdministratorAccess: {}
          ReadOnlyAccess: {profile_suffix: ro}
        groups:
          devs:
            assignments:
              - {role: ReadOnlyAccess, accounts: [prod]}
          oncall:
            assignments:
              - {role: AdministratorAccess, accounts: [prod]}
        users:
          ann:
            groups: [devs, {group: oncall, until: 2026-12-14, reason: INC-7}]

        """

    @Test func validateAndCompileReadTheDayGiven() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.org.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let before = try orgprofile("validate", "org.yaml", "--as-of", "2026-12-14", in: folder)
        #expect(before.status == 0 && !before.stderr.contains("warning"), "\(before.stderr)")
        let after = try orgprofile("validate", "org.yaml", "--as-of", "2026-12-15", in: folder)
        #expect(after.status == 0)
        #expect(
            after.stderr.contains("org.yaml:18:43: warning: the membership of user 'ann' in group 'oncall' ended (until 2026-12-14)"),
            "\(after.stderr)")
        #expect(try orgprofile("validate", "org.yaml", "--as-of", "2026-12-15", "--strict", in: folder).status == 1)
        let wrong = try orgprofile("validate", "org.yaml", "--as-of", "next week", in: folder)
        #expect(wrong.status == 64 && wrong.stderr.contains("--as-of 'next week' is not a day"), "\(wrong.stderr)")
        // The compile holds the membership through its last day, and not after it.
        #expect(try orgprofile("compile", "org.yaml", "--out", "during", "--as-of", "2026-12-14", in: folder).status == 0)
        #expect(try orgprofile("compile", "org.yaml", "--out", "after", "--as-of", "2026-12-15", in: folder).status == 0)
        #expect(try text(folder + "/during/users/ann/config").contains("[profile acme-prod]"))
        #expect(!(try text(folder + "/after/users/ann/config")).contains("[profile acme-prod]"))
        #expect(try text(folder + "/after/users/ann/config").contains("[profile acme-prod-ro]"))
        // check as of the day after the end finds the published tree stale; the compile is its fix.
        let stale = try orgprofile("check", "org.yaml", "--out", "during", "--as-of", "2026-12-15", in: folder)
        #expect(stale.status == 1, "\(stale.stdout)\(stale.stderr)")
    }
}

extension TemporaryAccessCommandTests {
    /// `expire` takes the lapsed membership out of org.yaml, keeping the file's mode; with
    /// `--dry-run` it prints the change and writes nothing; a file with errors is left alone.
    @Test func expireRemovesWhatHasLapsed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/org.yaml"
        try Self.org.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let nothing = try orgprofile("expire", "--as-of", "2026-12-14", in: folder)
        #expect(nothing.status == 0 && nothing.stderr == "org.yaml: nothing has lapsed as of 2026-12-14\n", "\(nothing.stderr)")
        let dry = try orgprofile("expire", "org.yaml", "--as-of", "2026-12-15", "--dry-run", in: folder)
        #expect(dry.status == 0)
        #expect(
            dry.stdout.contains(
                "-    groups: [devs, {group: oncall, until: 2026-12-14, reason: INC-7}]\n+    groups: [devs]\n"), "\(dry.stdout)")
        #expect(
            dry.stderr.contains(
                "org.yaml:18:43: would remove the membership of user 'ann' in group 'oncall' (until 2026-12-14; reason: INC-7)"))
        #expect(try text(path) == Self.org)
        let run = try orgprofile("expire", "org.yaml", "--as-of", "2026-12-15", in: folder)
        #expect(run.status == 0 && run.stdout.isEmpty)
        #expect(run.stderr.hasSuffix("org.yaml: removed 1 lapsed grant as of 2026-12-15\n"), "\(run.stderr)")
        #expect(
            try text(path) == Self.org.replacingOccurrences(of: "[devs, {group: oncall, until: 2026-12-14, reason: INC-7}]", with: "[devs]")
        )
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["org.yaml"])
        #expect(try orgprofile("validate", "org.yaml", "--as-of", "2026-12-15", in: folder).stderr.isEmpty)
        // Errors first: nothing is written.
        let broken = Self.org.replacingOccurrences(of: "role: ReadOnlyAccess", with: "role: Nobody")
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try orgprofile("expire", "org.yaml", "--as-of", "2026-12-15", in: folder)
        #expect(refused.status == 1 && refused.stderr.contains("error: unknown role 'Nobody'"), "\(refused.stderr)")
        #expect(try text(path) == broken)
    }
}
