import Foundation
import IdentityCenterSnapshot
import TestSupport
import Testing

/// A snapshot whose names were edited in Identity Center or the identity provider by someone
/// hostile: nothing built from it carries them, and what shows them shows them as text.
@Suite struct HostileSnapshotTests {
    static let snapshotPath = packageRoot.appendingPathComponent("Tests/IdentityCenterSnapshotTests/Fixtures/example-snapshot.json").path

    /// The example's snapshot with bob's user name and a group's display name made hostile.
    static func hostileSnapshot(in folder: String) throws -> String {
        var text = try String(contentsOfFile: snapshotPath, encoding: .utf8)
        text = text.replacingOccurrences(of: #""user_name": "bob""#, with: #""user_name": "aaa-mallory\n<!--""#)
        text = text.replacingOccurrences(of: #""display_name": "platform""#, with: #""display_name": "plat\u001b]0;owned\u0007form\u202e""#)
        let path = folder + "/hostile.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func importAndAssignmentsRefuseNamingThePrincipal() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let snapshot = try Self.hostileSnapshot(in: folder)
        for arguments in [
            ["import", "--project", "acme", "--snapshot", snapshot, "--output", "imported.yaml"],
            ["assignments", examplePath, "--snapshot", snapshot, "--format", "terraform", "--output", "main.tf.json"],
        ] {
            let result = try orgprofile(arguments: arguments, in: folder)
            #expect(result.status == 1, "\(arguments[0]): \(result.stderr)")
            #expect(
                result.stderr.contains(
                    "orgprofile: error: the user name of user 90670002-a1b2-c3d4-e5f6-000000000002 'aaa-mallory\\u{A}<!--' contains U+000A (a line break)"
                ), "\(result.stderr)")
            #expect(result.stderr.contains("the display name of group"), "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{202E}"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/imported.yaml"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/main.tf.json"))
        }
    }

    /// drift reports on them, shown as text: no raw line break, HTML comment or escape.
    @Test func driftShowsThemAsText() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let snapshot = try Self.hostileSnapshot(in: folder)
        for format in ["text", "markdown", "json"] {
            let result = try orgprofile(arguments: ["drift", examplePath, "--snapshot", snapshot, "--format", format], in: folder)
            #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
            let output = result.stdout + result.stderr
            #expect(!output.contains("\u{1B}") && !output.contains("\u{07}"), "\(format)")
            // JSON carries the value as data; what a person reads shows it escaped.
            if format != "json" { #expect(!output.contains("\u{202E}"), "\(format)") }
            // Shown as text: escaped for a terminal, and for Markdown too.
            if format == "text" { #expect(output.contains("user aaa-mallory\\u{A}<!-- (not in org.yaml)"), "\(output)") }
            if format == "markdown" { #expect(output.contains("user aaa-mallory\\\\u{A}&lt;\\!-- (not in org.yaml)"), "\(output)") }
            if format == "markdown" {
                #expect(!output.contains("<!--"), "\(output)")
                for line in result.stdout.split(separator: "\n") where line.hasPrefix("| ") {
                    #expect(line.hasSuffix(" |"), "\(line)")
                }
            }
        }
    }
}

/// What orgprofile prints for a person quotes values as text: an escape sequence in org.yaml
/// is shown, never sent to the terminal.
@Suite struct TerminalTextTests {
    @Test func diagnosticsShowEscapesFromValues() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = try String(contentsOfFile: examplePath, encoding: .utf8).replacingOccurrences(
            of: "      - role: Developer\n", with: "      - role: \"Dev\\e]0;owned\\a\\e[2J\"\n")
        try yaml.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        for format in ["text", "github", "json"] {
            let result = try orgprofile(arguments: ["validate", "org.yaml", "--diagnostics-format", format], in: folder)
            #expect(result.status == 1)
            #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}"), "\(format): \(result.stderr)")
            #expect(result.stderr.contains("unsafe-value") || result.stderr.contains("U+001B"), "\(format): \(result.stderr)")
        }
        let text = try orgprofile(arguments: ["validate", "org.yaml"], in: folder)
        #expect(text.stderr.contains("'Dev\\u{1B}]0;owned\\u{7}\\u{1B}[2J'"), "\(text.stderr)")
    }

    /// check's diff shows what a planted file holds as text.
    @Test func checkShowsAPlantedFileAsText() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try orgprofile(arguments: ["compile", "org.yaml", "--out", "dist"], in: folder).status == 0)
        let config = folder + "/dist/users/bob/config"
        try (try text(config) + "# \u{1B}]0;owned\u{07}\u{1B}[2J\n").write(toFile: config, atomically: true, encoding: .utf8)
        let check = try orgprofile(arguments: ["check", "org.yaml", "--out", "dist"], in: folder)
        #expect(check.status == 1)
        #expect(!check.stdout.contains("\u{1B}") && !check.stdout.contains("\u{07}"), "\(check.stdout)")
        #expect(check.stdout.contains("-# \\u{1B}]0;owned\\u{7}\\u{1B}[2J"), "\(check.stdout)")
    }
}

/// import --selectors says why it wrote no selector (issue 31, item 5).
@Suite struct ImportSelectorsTests {
    @Test func noSelectorIsExplained() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let unplaced = try orgprofile(
            arguments: [
                "import", "--project", "acme", "--snapshot", HostileSnapshotTests.snapshotPath, "--selectors", "--output", "a.yaml",
            ],
            in: folder)
        #expect(unplaced.status == 0, "\(unplaced.stderr)")
        #expect(unplaced.stderr.contains("--selectors: the snapshot does not say which OU each account is in"), "\(unplaced.stderr)")
        // Every account in one OU: no grant covers exactly it (a grant of all of them is "*").
        let placed = try String(contentsOfFile: HostileSnapshotTests.snapshotPath, encoding: .utf8).replacingOccurrences(
            of: #""status": "ACTIVE""#, with: #""ou": "Main", "status": "ACTIVE""#)
        try placed.write(toFile: folder + "/placed.json", atomically: true, encoding: .utf8)
        let result = try orgprofile(
            arguments: ["import", "--project", "acme", "--snapshot", "placed.json", "--selectors", "--output", "b.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("--selectors: no group grant covers exactly the accounts at or below one OU (two or more)"),
            "\(result.stderr)")
    }
}

/// A role given one definition key against a snapshot that shows the rest set: every command
/// that has both says, at the role, what deploying would clear.
@Suite struct DefinitionGapCommandTests {
    @Test func validateDriftAndAssignmentsWarnAndStrictRefuses() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = try text(folder + "/org.yaml").replacingOccurrences(
            of: "  AdministratorAccess: {}\n", with: "  AdministratorAccess:\n    description: Everything\n")
        try yaml.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "  AdministratorAccess:")! + 1
        let snapshot = HostileSnapshotTests.snapshotPath
        let expected = [
            "org.yaml:\(line):3: warning: role 'AdministratorAccess' defines its permission set without session_duration, while Identity Center's has sessions of PT8H: deploying would cut them to PT1H, Identity Center's default; add session_duration: PT8H to keep it",
            "org.yaml:\(line):3: warning: role 'AdministratorAccess' defines its permission set without managed_policies, while Identity Center's has AdministratorAccess attached: deploying would detach it; add managed_policies: [AdministratorAccess] to keep it",
        ]
        let validate = try orgprofile(arguments: ["validate", "org.yaml", "--snapshot", snapshot], in: folder)
        #expect(validate.status == 0, "\(validate.stderr)")
        for warning in expected { #expect(validate.stderr.contains(warning), "\(validate.stderr)") }
        #expect(validate.stdout.hasSuffix(", 2 warnings\n"), "\(validate.stdout)")
        let strict = try orgprofile(arguments: ["validate", "org.yaml", "--snapshot", snapshot, "--strict"], in: folder)
        #expect(strict.status == 1 && strict.stderr.contains("error: role 'AdministratorAccess' defines its permission set without"))
        for command in [["drift"], ["assignments", "--format", "text"]] {
            let result = try orgprofile(arguments: command + ["org.yaml", "--snapshot", snapshot], in: folder)
            for warning in expected { #expect(result.stderr.contains(warning), "\(command): \(result.stderr)") }
        }
        // Without the snapshot, validate cannot know: no warning.
        #expect(try orgprofile(arguments: ["validate", "org.yaml"], in: folder).stderr.isEmpty)
    }
}

/// `diff --snapshot`: a role becoming defined lists what deploying it would change in the
/// Identity Center the snapshot shows, in every format.
@Suite struct DiffAgainstSnapshotTests {
    @Test func aRoleBecomingDefinedListsWhatDeployingChanges() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = try text(folder + "/org.yaml").replacingOccurrences(
            of: "  AdministratorAccess: {}\n",
            with:
                "  AdministratorAccess:\n    inline_policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\"}]}\n"
        )
        try yaml.write(toFile: folder + "/new.yaml", atomically: true, encoding: .utf8)
        let arguments = ["diff", "org.yaml", "new.yaml", "--snapshot", HostileSnapshotTests.snapshotPath, "--exit-code"]
        let text = try orgprofile(arguments: arguments, in: folder)
        #expect(text.status == 1)
        #expect(
            text.stdout.contains(
                """
                  deploying it changes in Identity Center (per the snapshot):
                    ~ the session duration is 'PT8H' in Identity Center, 'PT1H' in org.yaml
                    ~ managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached in Identity Center but not in org.yaml
                    ~ the inline policy differs (Identity Center's, then org.yaml's, as IAM reads them):
                        --- /dev/null
                        +++ b/inline-policy.json
                """), "\(text.stdout)")
        let markdown = try orgprofile(arguments: arguments + ["--format", "markdown"], in: folder)
        #expect(
            markdown.stdout.contains("\nDeploying it changes in Identity Center (per the snapshot):\n\n- the session duration is 'PT8H'"))
        #expect(
            markdown.stdout.contains("as IAM reads them):\n\n```diff\n--- /dev/null\n+++ b/inline-policy.json\n"), "\(markdown.stdout)")
        let json = try orgprofile(arguments: arguments + ["--format", "json"], in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let role = try #require((document["roles"] as? [[String: Any]])?.first)
        let deployment = try #require(role["deployment"] as? [String])
        #expect(deployment.count == 3 && deployment[0] == "the session duration is 'PT8H' in Identity Center, 'PT1H' in org.yaml")
        // --output writes the same document, atomically, and the exit code still says what changed.
        let written = try orgprofile(arguments: arguments + ["--output", "diff.txt"], in: folder)
        #expect(written.status == 1 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: folder + "/diff.txt", encoding: .utf8) == text.stdout)
        let drift = try orgprofile(arguments: ["drift", "org.yaml", "--snapshot", HostileSnapshotTests.snapshotPath], in: folder)
        #expect(
            try orgprofile(
                arguments: ["drift", "org.yaml", "--snapshot", HostileSnapshotTests.snapshotPath, "--output", "drift.txt"], in: folder
            )
            .stdout.isEmpty)
        #expect(try String(contentsOfFile: folder + "/drift.txt", encoding: .utf8) == drift.stdout)
        // Without --snapshot, no deployment list: the diff of org.yaml alone.
        let plain = try orgprofile(arguments: ["diff", "org.yaml", "new.yaml", "--format", "json"], in: folder)
        #expect(!plain.stdout.contains("\"deployment\""))
    }
}
