import Foundation
import TestSupport
import Testing

/// The exit codes as documented, once: the README's table is the help's, and every command
/// the table names returns the code it lists, case by case.
@Suite struct ExitCodeTests {
    let snapshotPath = packageRoot.appendingPathComponent("Tests/IdentityCenterSnapshotTests/Fixtures/example-snapshot.json").path

    /// `CODE meaning...` per code, with white space folded: the help wraps its lines.
    static func rows(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: " ").joined(separator: " ") }
    }

    @Test func theREADMEsTableIsTheHelps() throws {
        let help = try orgprofile("--help").stdout
        let section = try #require(help.components(separatedBy: "Exit codes:\n").dropFirst().first?.components(separatedBy: "\n\n").first)
        // Lines that start with a code begin a row; the others continue the row above.
        var helpRows: [String] = []
        for line in section.split(separator: "\n") {
            let words = line.split(separator: " ").joined(separator: " ")
            if let first = words.split(separator: " ").first, Int(first) != nil {
                helpRows.append(words)
            } else {
                helpRows[helpRows.count - 1] += " " + words
            }
        }
        let readme = try text(packageRoot.appendingPathComponent("README.md").path)
        let table = try #require(readme.components(separatedBy: "### Exit codes").dropFirst().first?.components(separatedBy: "\n## ").first)
        let readmeRows = table.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| code") && !$0.hasPrefix("| ---") }.map
        { row in
            row.dropFirst(2).dropLast(2).replacingOccurrences(of: " | ", with: " ")
        }
        #expect(helpRows.count == 4)
        #expect(helpRows == readmeRows)
    }

    /// One case per clause of the table; the clauses with their own tests elsewhere are named.
    @Test func everyCommandReturnsTheCodeTheTableLists() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let example = try text(folder + "/org.yaml")
        func write(_ name: String, _ contents: String) throws {
            try FileManager.default.createDirectory(
                atPath: (folder + "/" + name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        try write("bad.yaml", "version: 1\n")
        try write(
            "unexpirable.yaml",
            example.replacingOccurrences(
                of: "  dave:\n    groups: [platform]\n", with: "  dave: {groups: [platform],\n    super_admin: {until: 2026-01-01}}\n"))
        try write("templates/config.mustache", "{{nope}}\n")
        try write("changed.yaml", example.replacingOccurrences(of: "region: us-west-2", with: "region: us-east-1"))
        try write("hand.config", "[profile acme-infrastructure]\nregion = eu-west-1\n")
        try write("empty.config", "")
        try write(
            "lacking.yaml",
            example.replacingOccurrences(of: "  platform:\n", with: "  platform:\n    identity_center_name: Platform Team\n"))
        try write(
            "two-sessions.config",
            "[sso-session a]\nsso_start_url = https://a.awsapps.com/start\nsso_region = us-east-1\n"
                + "[sso-session b]\nsso_start_url = https://b.awsapps.com/start\nsso_region = us-east-1\n")
        var snapshot = try #require(try JSONSerialization.jsonObject(with: Data(text(snapshotPath).utf8)) as? [String: Any])
        var instance = try #require(snapshot["instance"] as? [String: Any])
        instance["region"] = nil
        snapshot["instance"] = instance
        try write("no-region.json", String(decoding: try JSONSerialization.data(withJSONObject: snapshot), as: UTF8.self))
        // 130 groups with ReadOnlyAccess on the snapshot's 4 accounts: 520 grants, more than
        // one CloudFormation stack holds, in an Identity Center that has every name.
        let accounts = try #require(snapshot["accounts"] as? [[String: Any]])
        var large = "version: 1\nproject: big\nsso_session:\n  start_url: https://big.awsapps.com/start\n  region: us-west-2\naccounts:\n"
        for (index, account) in accounts.enumerated() { large += "  account-\(index):\n    id: \"\(account["id"]!)\"\n" }
        large += "roles:\n  ReadOnlyAccess: {}\ngroups:\n"
        var groups = try #require(snapshot["groups"] as? [[String: Any]])
        for group in 0..<130 {
            large += "  team-\(group):\n    assignments:\n      - role: ReadOnlyAccess\n        accounts: \"*\"\n"
            groups.append(["display_name": "team-\(group)", "id": "group-\(group)"])
        }
        try write("large.yaml", large + "users: {}\n")
        snapshot["groups"] = groups
        instance["region"] = "us-west-2"
        snapshot["instance"] = instance
        try write("large.json", String(decoding: try JSONSerialization.data(withJSONObject: snapshot), as: UTF8.self))
        // A snapshot that did not read what the permission sets grant: Terraform cannot import their parts.
        snapshot["permission_sets"] = (snapshot["permission_sets"] as? [[String: Any]] ?? []).map {
            $0.filter { $0.key != "managed_policy_arns" }
        }
        try write("unread.json", String(decoding: try JSONSerialization.data(withJSONObject: snapshot), as: UTF8.self))
        let none = folder + "/none"

        let cases: [(clause: String, arguments: [String], code: Int32)] = [
            ("success", ["validate", "org.yaml"], 0),
            ("org.yaml has errors", ["validate", "bad.yaml"], 1),
            ("a template has errors", ["compile", "org.yaml", "--out", "out", "--templates", "templates"], 1),
            ("check: out of date", ["check", "org.yaml", "--out", "never-compiled"], 1),
            ("diff --exit-code: access changed", ["diff", "org.yaml", "changed.yaml", "--exit-code"], 1),
            ("drift --exit-code: differs", ["drift", "org.yaml", "--snapshot", snapshotPath, "--exit-code"], 1),
            (
                "install: a conflict",
                ["install", "org.yaml", "--user", "alice", "--config", "hand.config", "--credentials", none], 1
            ),
            ("uninstall: no block to remove", ["uninstall", "--config", "empty.config"], 1),
            ("doctor: a check failed", ["doctor", "org.yaml", "--user", "alice", "--config", "empty.config", "--credentials", none], 1),
            ("import: the output exists", ["import", "--project", "acme", "--snapshot", snapshotPath, "--output", "org.yaml"], 1),
            ("assignments: a name the snapshot lacks", ["assignments", "lacking.yaml", "--snapshot", snapshotPath, "--format", "text"], 1),
            (
                "assignments: what the format cannot deploy",
                ["assignments", "org.yaml", "--snapshot", "unread.json", "--format", "terraform", "--output", "never.tf.json"], 1
            ),
            ("expire: would leave an error", ["expire", "unexpirable.yaml", "--as-of", "2026-02-01"], 1),
            ("a bad option", ["validate", "--bogus"], 64),
            ("an unknown user", ["export", "org.yaml", "--user", "nobody"], 64),
            ("an unknown role", ["install", "org.yaml", "--user", "alice", "--role", "Nothing", "--config", "empty.config"], 64),
            ("no single project", ["install", "--from", "two-sessions.config", "--config", "empty.config", "--credentials", none], 64),
            ("import: no region", ["import", "--project", "acme", "--snapshot", "no-region.json"], 64),
            (
                "assignments: templates that need --output",
                ["assignments", "large.yaml", "--snapshot", "large.json", "--format", "cloudformation"], 64
            ),
            ("a file cannot be read", ["validate", "missing.yaml"], 74),
            ("diff --base outside git", ["diff", "--base", "HEAD", "org.yaml"], 74),
        ]
        // Elsewhere: uninstall with several blocks (64, InstallCommandTests), a held lock
        // (74, ConcurrencyTests), a failed aws call (74, LiveIdentityCenterTests).
        for (clause, arguments, code) in cases {
            let result = try run(binary, arguments, in: folder, environment: ["HOME": folder, "PATH": "/usr/bin:/bin"])
            #expect(result.status == code, "\(clause): \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/never.tf.json"))
    }
}
