import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

@Suite struct LimitsTests {
    func diagnostics(_ yaml: String, _ limits: Limits) -> [String] {
        Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), limits: limits).diagnostics.map {
            "\($0.location!.line):\($0.location!.column): \($0.code.rawValue): \($0.message)"
        }
    }

    @Test func fileSize() {
        var limits = Limits()
        limits.fileBytes = 100
        #expect(diagnostics(validOrg, limits) == ["1:1: limit-exceeded: org.yaml is larger than the limit of 100 bytes"])
        #expect(Limits.size(16 << 20) == "16 MiB")
        #expect(Limits.size(1536) == "1.5 KiB")
    }

    @Test func readingStopsJustPastTheLimit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(count: 5000).write(to: URL(fileURLWithPath: folder + "/big.yaml"))
        let source = try SourceFile.read(folder + "/big.yaml", limit: 100)
        #expect(source.bytes.count == 101)
    }

    @Test func valueLength() {
        var limits = Limits()
        limits.scalarBytes = 16
        #expect(
            diagnostics(validOrg.replacingOccurrences(of: "project: acme", with: "project: a-very-long-project-name"), limits)
                == ["2:10: limit-exceeded: a value of 24 bytes is longer than the limit of 16 bytes"])
    }

    @Test func counts() {
        var limits = Limits()
        limits.users = 1
        limits.accounts = 1
        #expect(
            diagnostics(validOrg + "  dora:\n    groups: [developers]\n", limits) == [
                "6:1: limit-exceeded: org.yaml declares 2 accounts; the limit is 1",
                "21:3: limit-exceeded: org.yaml declares 2 users; the limit is 1",
            ])
    }

    @Test func profilesPerPrincipal() {
        var limits = Limits()
        limits.profilesPerPrincipal = 1
        #expect(diagnostics(validOrg, limits) == ["21:3: limit-exceeded: user 'bob' would get 2 profiles; the limit is 1"])
    }
}

@Suite struct AllowCommandsTests {
    let withProcess = validOrg.replacingOccurrences(
        of: "accounts:\n",
        with: "defaults:\n  settings:\n    credential_process: /usr/local/bin/helper --json\n    cli_pager: \"\"\naccounts:\n")

    @Test func commandsNeedTheirExactValueAllowed() {
        #expect(
            diagnostics(withProcess) == [
                "8:25: error[command-setting]: 'credential_process' in settings of defaults would run '/usr/local/bin/helper --json' on every member's machine; list that exact value under allow_commands to publish it anyway"
            ])
        #expect(diagnostics(withProcess + "allow_commands: [\"/usr/local/bin/helper --json\"]\n") == [])
        #expect(
            diagnostics(
                withProcess.replacingOccurrences(of: "cli_pager: \"\"", with: "cli_pager: less")
                    + "allow_commands: [\"/usr/local/bin/helper --json\", /bin/unused]\n") == [
                    "9:16: error[command-setting]: 'cli_pager' in settings of defaults would run 'less' on every member's machine; list that exact value under allow_commands to publish it anyway",
                    "30:50: warning[unused-allowed-command]: allow_commands lists '/bin/unused', but no setting uses it; remove it",
                ])
    }

    @Test func aChangedCommandIsAPrivilegedChange() throws {
        let allowed = withProcess + "allow_commands: [\"/usr/local/bin/helper --json\", /usr/local/bin/other]\n"
        let old = try model(
            allowed.replacingOccurrences(
                of: "allow_commands: [\"/usr/local/bin/helper --json\", /usr/local/bin/other]",
                with: "allow_commands: [\"/usr/local/bin/helper --json\"]"))
        let new = try model(
            allowed.replacingOccurrences(
                of: "credential_process: /usr/local/bin/helper --json", with: "credential_process: /usr/local/bin/other"
            )
            .replacingOccurrences(of: "[\"/usr/local/bin/helper --json\", /usr/local/bin/other]", with: "[/usr/local/bin/other]"))
        let diff = AccessDiff(old: old, new: new)
        let bob = try #require(diff.principals.first { $0.name == "bob" })
        #expect(bob.rows.allSatisfy { $0.isPrivileged })
        #expect(
            bob.rows.map { AccessDiffFormat.describe($0.change) }.first
                == "acme-infrastructure-readonly: infrastructure/ReadOnlyAccess, runs credential_process = /usr/local/bin/helper --json -> infrastructure/ReadOnlyAccess, runs credential_process = /usr/local/bin/other"
        )
    }
}

/// Thousands of entries with the same mistake: the first of each code are shown, then one
/// line counts the rest.
@Suite struct DiagnosticLimitTests {
    @Test func eachCodeStopsAtItsLimit() {
        let users = (0..<1_000).map { "  user\($0): {groups: [nope]}\n" }.joined()
        let yaml = validOrg.replacingOccurrences(of: "users:\n", with: "users:\n" + users)
        let found = diagnostics(yaml)
        let unknown = found.filter { $0.contains("error[unknown-group]") }
        #expect(unknown.count == 101, "\(found.count)")
        #expect(unknown.last == "error[unknown-group]: 900 more unknown-group errors not shown (the first 100 are)")
        #expect(
            unknown.first?.hasPrefix("\(validOrg.components(separatedBy: "\n").firstIndex(of: "users:")! + 2):") == true, "\(unknown[0])")
    }
}
