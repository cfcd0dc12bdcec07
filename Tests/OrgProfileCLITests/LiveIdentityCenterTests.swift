import Foundation
import TestSupport
import Testing

/// snapshot, import and drift against moto's server standing in for Organizations, sso-admin
/// and identitystore, through the real aws command, as an admin would run them. Each test has
/// servers of its own, on ports the kernel chose, so the tests run side by side.
@Suite(
    .enabled(
        if: MotoServer.isAvailable, "moto's server, the aws command or boto3 is not installed; the live Identity Center tests are skipped"))
struct LiveIdentityCenterTests {
    let seedScript = packageRoot.appendingPathComponent("Tests/OrgProfileCLITests/Fixtures/seed-identity-center.py").path

    /// A server with nothing in it but the Identity Center instance moto always has (a read
    /// makes eight calls), and a folder to work in: for what is about the calls, not the data.
    func empty() throws -> (MotoServer, String) {
        (try MotoServer(), try temporaryFolder())
    }

    /// A seeded server and a folder to work in.
    func seeded() throws -> (MotoServer, String) {
        let server = try MotoServer()
        let seed = try run("/usr/bin/env", ["python3", seedScript, server.endpoint], environment: server.environment)
        #expect(seed.status == 0, "\(seed.stderr)")
        return (server, try temporaryFolder())
    }

    /// orgprofile against the local Identity Center (moto behind its front), its calls made
    /// in-process (the default with the environment's credentials).
    func orgprofile(_ arguments: [String], _ server: MotoServer, in folder: String) throws -> RunResult {
        try run(binary, arguments, in: folder, environment: server.environment)
    }

    @Test func snapshotImportAndTheRoundTrip() throws {
        let (server, folder) = try seeded()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        // Read in-process and through the aws command, one process per call: the same bytes,
        // the same words on standard error.
        var seconds: [String: Double] = [:]
        var results: [String: RunResult] = [:]
        for path in ["aws-cli", "in-process"] {
            let started = Date()
            results[path] = try orgprofile(["snapshot", "--calls", path, "--output", "\(path).json"], server, in: folder)
            seconds[path] = Date().timeIntervalSince(started)
            #expect(results[path]?.status == 0, "\(results[path]?.stderr ?? "")")
            #expect(
                results[path]?.stderr.contains("wrote \(path).json: 5 accounts, 4 permission sets, 4 users, 3 groups, 15 assignments")
                    == true,
                "\(results[path]?.stderr ?? "")")
        }
        #expect(try text(folder + "/aws-cli.json") == (try text(folder + "/in-process.json")))
        // (The AWS CLI adds how often it retried to an error's words.)
        #expect(
            results["aws-cli"]?.stderr.replacingOccurrences(of: "aws-cli.json", with: "x").replacingOccurrences(
                of: " (reached max retries: 0)", with: "")
                == results["in-process"]?.stderr.replacingOccurrences(of: "in-process.json", with: "x"))
        print(
            "snapshot of the seeded organisation: \(seconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f", $0.value)) s" })"
        )
        try FileManager.default.moveItem(atPath: folder + "/in-process.json", toPath: folder + "/snapshot.json")
        let first = try text(folder + "/snapshot.json")
        let state = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(state["snapshot_version"] as? Int == 2)

        // The same state gives the same bytes, read twice, and imported live or from the file.
        let again = try orgprofile(["snapshot"], server, in: folder)
        #expect(again.stdout == first)
        let fromFile = try orgprofile(
            ["import", "--project", "acme", "--snapshot", "snapshot.json", "--output", "org.yaml"], server, in: folder)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let live = try orgprofile(["import", "--project", "acme"], server, in: folder)
        #expect(live.stdout == (try text(folder + "/org.yaml")))
        // An existing file is not overwritten.
        let refused = try orgprofile(
            ["import", "--project", "acme", "--snapshot", "snapshot.json", "--output", "org.yaml"], server, in: folder)
        #expect(refused.status == 1)

        let yaml = try text(folder + "/org.yaml")
        #expect(yaml.contains("  workload-production-eu:\n    id: \""))
        #expect(yaml.contains("    name: \"Data & Analytics\"\n"))
        #expect(yaml.contains("  platform-team:\n    identity_center_name: Platform Team\n"))
        #expect(yaml.contains("  carol@acme.example:\n"))
        let validate = try orgprofile(["validate", "org.yaml"], server, in: folder)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.hasSuffix("no problems\n"), "\(validate.stdout)")

        // Every user's compiled profiles are exactly their live access.
        let report = try orgprofile(["report", "org.yaml", "--format", "json"], server, in: folder)
        let matrix = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let accountIDs = Dictionary(
            uniqueKeysWithValues: (matrix["accounts"] as? [[String: Any]] ?? []).map { ($0["key"] as! String, $0["id"] as! String) })
        var compiled: [String: Set<String>] = [:]
        for user in matrix["users"] as? [[String: Any]] ?? [] {
            var access = Set<String>()
            for (account, cells) in user["access"] as? [String: [[String: Any]]] ?? [:] {
                for cell in cells { access.insert("\(accountIDs[account]!) \(cell["role"] as! String)") }
            }
            compiled[user["name"] as! String] = access
        }
        #expect(compiled == Self.liveAccess(state))
        #expect(compiled["bob@acme.example"]?.count == 6)  // read-only on all 5 accounts, Developer on one

        // A fresh import has no drift.
        let drift = try orgprofile(["drift", "org.yaml", "--snapshot", "snapshot.json", "--exit-code"], server, in: folder)
        #expect(drift.status == 0, "\(drift.stdout)")
        #expect(drift.stdout == "no drift: IAM Identity Center holds exactly what org.yaml declares\n")
    }

    /// Permission sets as code against the local Identity Center: snapshot, import, then drift
    /// finds nothing; an inline policy written otherwise, still nothing; its meaning changed,
    /// a managed policy attached and a session duration changed in the console: exactly those
    /// three, at their roles' places.
    @Test func definitionsRoundTrip() throws {
        let (server, folder) = try seeded()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let define = try run("/usr/bin/env", ["python3", seedScript, server.endpoint, "define"], environment: server.environment)
        #expect(define.status == 0, "\(define.stderr)")
        let environment = server.environment
        func orgprofile(_ arguments: [String]) throws -> RunResult { try run(binary, arguments, in: folder, environment: environment) }
        let snapshot = try orgprofile(["snapshot", "--output", "snapshot.json"])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(try orgprofile(["import", "--project", "acme", "--snapshot", "snapshot.json", "--output", "org.yaml"]).status == 0)
        let yaml = try text(folder + "/org.yaml")
        #expect(
            yaml.contains(
                "    managed_policies: [PowerUserAccess]\n    customer_managed_policies:\n      - {name: deploy, path: \"/ci/\"}\n"),
            "\(yaml)")
        #expect(yaml.contains("    inline_policy:\n"), "\(yaml)")
        let fresh = try orgprofile(["drift", "org.yaml", "--snapshot", "snapshot.json", "--exit-code"])
        #expect(fresh.status == 0, "\(fresh.stdout)\(fresh.stderr)")
        // Deploying the import changes nothing: Terraform imports every resource it declares,
        // permission sets part by part, the directory too; the plan has nothing to do.
        let terraform = try orgprofile(["assignments", "org.yaml", "--snapshot", "snapshot.json", "--format", "terraform", "--directory"])
        #expect(terraform.status == 0, "\(terraform.stderr)")
        let config = try #require(try JSONSerialization.jsonObject(with: Data(terraform.stdout.utf8)) as? [String: Any])
        let declared = (config["resource"] as? [String: [String: Any]] ?? [:]).flatMap { type, named in named.keys.map { "\(type).\($0)" } }
        #expect(Set(declared) == Set((config["import"] as? [[String: String]] ?? []).compactMap(\.["to"])), "\(terraform.stdout)")
        for type in [
            "aws_ssoadmin_permission_set", "aws_ssoadmin_managed_policy_attachment", "aws_ssoadmin_customer_managed_policy_attachment",
            "aws_ssoadmin_permission_set_inline_policy", "aws_identitystore_user", "aws_identitystore_group_membership",
        ] {
            #expect(declared.contains { $0.hasPrefix(type + ".") }, "\(type)")
        }
        let plan = try orgprofile(["assignments", "org.yaml", "--snapshot", "snapshot.json", "--format", "text"])
        #expect(plan.stdout.hasPrefix("0 to create, 0 to change, 0 existing but not declared (left alone)\n"), "\(plan.stdout)")

        // The same policy, written otherwise: the actions' order swapped.
        var edited = yaml.components(separatedBy: "\n")
        let first = try #require(edited.firstIndex { $0.contains("account:*") })
        let second = try #require(edited.firstIndex { $0.contains("iam:CreateUser") })
        edited.swapAt(first, second)
        let reformatted = edited.joined(separator: "\n")
        #expect(reformatted != yaml)
        try reformatted.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        #expect(try orgprofile(["drift", "org.yaml", "--snapshot", "snapshot.json", "--exit-code"]).status == 0)

        let redefine = try run("/usr/bin/env", ["python3", seedScript, server.endpoint, "redefine"], environment: server.environment)
        #expect(redefine.status == 0, "\(redefine.stderr)")
        // Read live once more; drift reads that snapshot (each live read is some 60 aws processes).
        #expect(try orgprofile(["snapshot", "--output", "changed.json"]).status == 0)
        let drift = try orgprofile(["drift", "org.yaml", "--snapshot", "changed.json", "--format", "json", "--exit-code"])
        #expect(drift.status == 1, "\(drift.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        let findings = (document["subjects"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let lines = reformatted.components(separatedBy: "\n")
        let developer = try #require(lines.firstIndex(of: "  Developer:")) + 1
        let readOnly = try #require(lines.firstIndex { $0.hasPrefix("  ReadOnlyAccess:") }) + 1
        #expect(
            findings.map { "\($0["kind"] as! String) \($0["role"] as? String ?? "") \($0["line"] as? Int ?? 0)" }.sorted() == [
                "permission_set_definition Developer \(developer)", "permission_set_definition Developer \(developer)",
                "permission_set_definition ReadOnlyAccess \(readOnly)",
            ], "\(drift.stdout)")
        // The plan: those three to change, and where applying provisions the permission sets again.
        let changed = try orgprofile(["assignments", "org.yaml", "--snapshot", "changed.json", "--format", "text"])
        #expect(changed.stdout.hasPrefix("0 to create, 3 to change, "), "\(changed.stdout)")
        #expect(
            changed.stdout.contains("  ~ role 'Developer': its definition changes; applying provisions it again on "), "\(changed.stdout)")
    }

    /// Accounts by OU and tag against the local Identity Center with an OU tree: import with
    /// --selectors writes each account's ou and tags and an OU selector for the grant that
    /// covers exactly Workloads, and compiles to the very configs of the plain import; drift
    /// finds nothing, and after an account moves live, that account, with the grant that
    /// would follow it, at its ou line.
    @Test func selectorsRoundTrip() throws {
        let (server, folder) = try seeded()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let placed = try run("/usr/bin/env", ["python3", seedScript, server.endpoint, "place"], environment: server.environment)
        #expect(placed.status == 0, "\(placed.stderr)")
        #expect(try orgprofile(["snapshot", "--output", "snapshot.json"], server, in: folder).status == 0)
        for (name, flags) in [("plain", [String]()), ("selected", ["--selectors"])] {
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
            let imported = try orgprofile(
                ["import", "--project", "acme", "--snapshot", "../snapshot.json", "--output", "org.yaml"] + flags, server,
                in: folder + "/" + name)
            #expect(imported.status == 0, "\(imported.stderr)")
            // --selectors says how many grants it wrote as selectors (issue 31, item 5).
            #expect(
                imported.stderr.contains("--selectors: 1 group grant written as {ou: PATH}\n") == (name == "selected"), "\(imported.stderr)"
            )
            let compiled = try orgprofile(["compile", "org.yaml", "--out", "dist"], server, in: folder + "/" + name)
            #expect(compiled.status == 0, "\(compiled.stderr)")
        }
        let yaml = try text(folder + "/selected/org.yaml")
        #expect(yaml.contains("    ou: Workloads/Dev\n    tags:\n      team: apps\n"), "\(yaml)")
        #expect(yaml.contains("      - role: ReadOnlyAccess\n        accounts: [{ou: Workloads}]\n"), "\(yaml)")
        #expect(!(try text(folder + "/plain/org.yaml")).contains("{ou:"))
        // Every config and onboarding page alike; the access page (and the manifest's digest of it)
        // says where access comes from, and so names the OU (AccountSelectorTests compares the rest of it).
        func compiled(_ name: String) -> [String: Data] {
            var files = tree(folder + "/\(name)/dist")
            files["index.html"] = nil
            files["manifest.json"] = files["manifest.json"].map {
                Data(
                    String(decoding: $0, as: UTF8.self).replacingOccurrences(
                        of: #""path" : "index.html",\s*"sha256" : "[0-9a-f]+""#, with: "", options: .regularExpression
                    ).utf8)
            }
            return files
        }
        #expect(compiled("selected") == compiled("plain"))
        #expect(compiled("plain").count > 5)
        #expect(try text(folder + "/selected/dist/index.html").contains("group app-developers, OU Workloads"))

        let fresh = try orgprofile(
            ["drift", "org.yaml", "--snapshot", "../snapshot.json", "--exit-code"], server, in: folder + "/selected")
        #expect(fresh.status == 0, "\(fresh.stdout)\(fresh.stderr)")
        let moved = try run("/usr/bin/env", ["python3", seedScript, server.endpoint, "move-account"], environment: server.environment)
        #expect(moved.status == 0, "\(moved.stderr)")
        let drift = try orgprofile(["drift", "org.yaml", "--format", "json", "--exit-code"], server, in: folder + "/selected")
        #expect(drift.status == 1, "\(drift.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        let findings = (document["subjects"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let line = try #require(yaml.components(separatedBy: "\n").firstIndex(of: "    ou: Workloads/Dev")) + 1
        #expect(findings.map { "\($0["kind"] as! String) \($0["line"] as? Int ?? 0)" } == ["account_placement \(line)"], "\(drift.stdout)")
        #expect(
            findings.first?["message"] as? String
                == "account 'workload-development' (\(try accountID("Workload Development", in: folder + "/snapshot.json"))) is in OU Infrastructure in Organizations, Workloads/Dev in org.yaml; placed as Organizations has it, group app-developers would lose ReadOnlyAccess"
        )
    }

    /// An account's ID in a snapshot, by its name.
    func accountID(_ name: String, in path: String) throws -> String {
        let state = try #require(try JSONSerialization.jsonObject(with: Data(text(path).utf8)) as? [String: Any])
        return try #require((state["accounts"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["id"] as? String)
    }

    /// Each user's access in a snapshot: "ACCOUNT_ID ROLE" for their own assignments and
    /// those of their groups.
    static func liveAccess(_ state: [String: Any]) -> [String: Set<String>] {
        let roles = Dictionary(
            uniqueKeysWithValues: (state["permission_sets"] as? [[String: Any]] ?? []).map { ($0["arn"] as! String, $0["name"] as! String) }
        )
        let users = Dictionary(
            uniqueKeysWithValues: (state["users"] as? [[String: Any]] ?? []).map { ($0["id"] as! String, $0["user_name"] as! String) })
        var groupsOf: [String: [String]] = [:]
        for membership in state["memberships"] as? [[String: Any]] ?? [] {
            groupsOf[membership["user_id"] as! String, default: []].append(membership["group_id"] as! String)
        }
        var access: [String: Set<String>] = [:]
        for (id, name) in users {
            let principals = Set([id] + (groupsOf[id] ?? []))
            access[name] = Set(
                (state["assignments"] as? [[String: Any]] ?? []).filter { principals.contains($0["principal_id"] as! String) }.map {
                    "\($0["account_id"] as! String) \(roles[$0["permission_set_arn"] as! String]!)"
                })
        }
        return access
    }

    /// Grants that ended in org.yaml but are still live: drift names each as expired_access,
    /// with the command that removes it; the day before, there is no drift; expire then leaves
    /// them to drift as access nobody reviewed.
    @Test func driftNamesLapsedGrantsStillLive() throws {
        let (server, folder) = try seeded()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(try orgprofile(["import", "--project", "acme", "--output", "org.yaml"], server, in: folder).status == 0)
        let imported = try String(contentsOfFile: folder + "/org.yaml", encoding: .utf8)
        let temporary = imported.replacingOccurrences(
            of: "      - role: Developer\n        accounts: [data-analytics]\n",
            with: "      - role: Developer\n        accounts: [data-analytics]\n        until: 2026-12-01\n"
        ).replacingOccurrences(of: "    groups: [platform-team]\n", with: "    groups: [{group: platform-team, until: 2026-12-01}]\n")
        #expect(temporary.components(separatedBy: "until: 2026-12-01").count == 4, "\(imported)")
        try temporary.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let before = try orgprofile(["drift", "org.yaml", "--as-of", "2026-12-01", "--exit-code"], server, in: folder)
        #expect(before.status == 0, "\(before.stdout)\(before.stderr)")
        let after = try orgprofile(["drift", "org.yaml", "--as-of", "2026-12-02", "--format", "json", "--exit-code"], server, in: folder)
        #expect(after.status == 1, "\(after.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        var found: [String] = []
        for subject in document["subjects"] as? [[String: Any]] ?? [] {
            for finding in subject["findings"] as? [[String: Any]] ?? [] {
                found.append(
                    "\(subject["name"] as? String ?? "") \(finding["kind"] as! String) \(finding["role"] as? String ?? finding["group"] as? String ?? "")"
                )
            }
        }
        #expect(
            found.sorted() == [
                "alice@acme.example expired_access platform-team", "carol@acme.example expired_access Developer",
                "dave.ops@acme.example expired_access platform-team",
            ], "\(after.stdout)")
        let text = try orgprofile(["drift", "org.yaml", "--as-of", "2026-12-02"], server, in: folder)
        #expect(text.stdout.contains("Developer on data-analytics ("), "\(text.stdout)")
        #expect(
            text.stdout.contains(
                "ended (until 2026-12-01); remove it: aws sso-admin delete-account-assignment --instance-arn arn:aws:sso:::instance/"))
        // After expire, the live grants are access org.yaml does not declare.
        #expect(try orgprofile(["expire", "org.yaml", "--as-of", "2026-12-02"], server, in: folder).status == 0)
        let expired = try String(contentsOfFile: folder + "/org.yaml", encoding: .utf8)
        #expect(!expired.contains("until:"))
        let undeclared = try orgprofile(["drift", "org.yaml", "--as-of", "2026-12-02", "--format", "json"], server, in: folder)
        #expect(undeclared.stdout.contains("\"undeclared_assignment\"") && !undeclared.stdout.contains("\"expired_access\""))
    }

    @Test func driftFindsEveryKindOfChange() throws {
        let (server, folder) = try seeded()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(try orgprofile(["import", "--project", "acme", "--output", "org.yaml"], server, in: folder).status == 0)
        for change in ["grant-direct", "revoke-group", "add-member", "remove-member", "delete-user"] {
            let applied = try run("/usr/bin/env", ["python3", seedScript, server.endpoint, change], environment: server.environment)
            #expect(applied.status == 0, "\(change): \(applied.stderr)")
        }
        let drift = try orgprofile(["drift", "org.yaml", "--format", "json", "--exit-code"], server, in: folder)
        #expect(drift.status == 1, "\(drift.stderr)")
        // (Drift reads through the same reader as snapshot, whose two call paths give the same
        // bytes: snapshotImportAndTheRoundTrip.)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        var found: [String: [String]] = [:]  // "kind name" -> finding kinds
        for subject in document["subjects"] as? [[String: Any]] ?? [] {
            let key = "\(subject["kind"] as? String ?? "org") \(subject["name"] as? String ?? "")"
            found[key] = (subject["findings"] as? [[String: Any]] ?? []).map { $0["kind"] as! String }
        }
        #expect(found["user bob@acme.example"]?.sorted() == ["missing_membership", "undeclared_assignment"], "\(found)")
        #expect(found["group app-developers"] == ["missing_assignment"], "\(found)")
        #expect(found["user carol@acme.example"] == ["undeclared_membership"], "\(found)")
        #expect(found["user dave.ops@acme.example"] == ["missing_principal"], "\(found)")
        // Privileged first: access nobody reviewed.
        let first = (document["subjects"] as? [[String: Any]])?.first
        #expect(first?["privileged"] as? Bool == true)

        let text = try orgprofile(["drift", "org.yaml"], server, in: folder)
        #expect(text.stdout.contains("  ! AdministratorAccess on workload-production-eu ("), "\(text.stdout)")
        #expect(
            text.stdout.contains("is declared but not assigned in Identity Center; the profile fails at sign-in (org.yaml:"),
            "\(text.stdout)")
        let markdown = try orgprofile(["drift", "org.yaml", "--format", "markdown"], server, in: folder)
        #expect(markdown.stdout.hasPrefix("**Drift:** "))

        // assignments: one resource per declared grant; Terraform imports each that exists and
        // creates only the one that was revoked. dave, deleted, holds no grant of his own (only
        // his group's), so nothing the output holds needs him.
        #expect(try orgprofile(["snapshot", "--output", "snapshot.json"], server, in: folder).status == 0)
        let unneeded = try orgprofile(
            ["assignments", "org.yaml", "--snapshot", "snapshot.json", "--format", "terraform"], server, in: folder)
        #expect(unneeded.status == 0, "\(unneeded.stderr)")
        #expect(!unneeded.stderr.contains("dave.ops"), "\(unneeded.stderr)")
        #expect(!unneeded.stdout.contains("dave.ops"))
        let yaml = try String(contentsOfFile: folder + "/org.yaml", encoding: .utf8).replacingOccurrences(
            of: "  dave.ops@acme.example:\n    name: Dave Ops\n    email: dave.ops@acme.example\n    groups: [platform-team]\n", with: "")
        try yaml.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let terraform = try orgprofile(
            ["assignments", "org.yaml", "--snapshot", "snapshot.json", "--format", "terraform"], server, in: folder)
        #expect(terraform.status == 0, "\(terraform.stderr)")
        let config = try #require(try JSONSerialization.jsonObject(with: Data(terraform.stdout.utf8)) as? [String: Any])
        let resources = (config["resource"] as? [String: Any])?["aws_ssoadmin_account_assignment"] as? [String: Any] ?? [:]
        let imports = config["import"] as? [[String: String]] ?? []
        #expect(resources.count == 15)
        #expect(imports.filter { $0["to"]?.hasPrefix("aws_ssoadmin_account_assignment.") == true }.count == 14)
        #expect(!imports.contains { $0["to"] == "aws_ssoadmin_account_assignment.group_app-developers__Developer__workload-development" })
        let template = try orgprofile(
            ["assignments", "org.yaml", "--snapshot", "snapshot.json", "--format", "cloudformation"], server, in: folder)
        #expect(template.stdout.components(separatedBy: "\"AWS::SSO::Assignment\"").count - 1 == 15)

        // cfn-lint refuses moto's permission-set ARNs (arn:aws:sso:::instance/ssoins-.../ps-...); with
        // the ARNs in AWS's shape (arn:aws:sso:::permissionSet/ssoins-.../ps-...), the template passes.
        guard let lint = try? run("/usr/bin/env", ["sh", "-c", "command -v cfn-lint"]), lint.status == 0 else { return }
        let realShape = try String(contentsOfFile: folder + "/snapshot.json", encoding: .utf8)
            .replacingOccurrences(
                of: #"("permission_set_arn" : |"arn" : )"arn:aws:sso:::instance/(ssoins-[0-9a-z]+)/(ps-[0-9a-z]+)""#,
                with: "$1\"arn:aws:sso:::permissionSet/$2/$3\"", options: .regularExpression)
        #expect(realShape.contains("arn:aws:sso:::permissionSet/ssoins-"))
        try realShape.write(toFile: folder + "/snapshot-aws.json", atomically: true, encoding: .utf8)
        #expect(
            try orgprofile(
                ["assignments", "org.yaml", "--snapshot", "snapshot-aws.json", "--format", "cloudformation", "--output", "template.json"],
                server, in: folder
            ).status == 0)
        let linted = try run("/usr/bin/env", ["cfn-lint", folder + "/template.json"])
        #expect(linted.status == 0, "\(linted.stdout)\(linted.stderr)")
    }

    /// Throttled above 10 calls a second, or a fifth of the calls throttled and a tenth failing
    /// with 500: the snapshot completes, equal to the one read without either. With
    /// `--max-rate 5`, the server never sees more than 5 calls arrive in a second (less 50 ms
    /// for the loopback's and the threads' jitter on the arrival times).
    @Test func throttledAndFailingReadsCompleteAlike() throws {
        let (server, folder) = try seeded()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(try orgprofile(["snapshot", "--output", "plain.json"], server, in: folder).status == 0)
        let plain = try text(folder + "/plain.json")
        let cases = [
            ("rate", ["--throttle-rate", "10"], [String]()), ("share", ["--throttle-share", "0.2", "--error-share", "0.1"], []),
            ("capped", ["--throttle-rate", "10"], ["--max-rate", "5"]),
        ]
        // The three reads at once, each through a front of its own: most of each is waiting
        // (backing off, or held to its rate), so together they take about as long as the longest.
        DispatchQueue.concurrentPerform(iterations: cases.count) { index in
            let (name, arguments, flags) = cases[index]
            do {
                let (front, endpoint) = try MotoServer.front(for: server.endpoint, arguments + ["--log", folder + "/\(name).log"])
                defer { front.stop() }
                var environment = server.environment
                environment["AWS_ENDPOINT_URL"] = endpoint
                environment["AWS_MAX_ATTEMPTS"] = "10"
                environment["AWS_SECRET_ACCESS_KEY"] = "secret-NEVER-SHOWN"
                environment["AWS_SESSION_TOKEN"] = "token-NEVER-SHOWN"
                let result = try run(binary, ["snapshot", "--output", "\(name).json"] + flags, in: folder, environment: environment)
                #expect(result.status == 0, "\(name): \(result.stderr)")
                #expect(try text(folder + "/\(name).json") == plain, "\(name)")
                #expect(!(result.stdout + result.stderr + (try text(folder + "/\(name).json"))).contains("NEVER-SHOWN"))
                let log = try text(folder + "/\(name).log").split(separator: "\n").map { $0.split(separator: " ") }
                let refused = log.filter { $0[2] == "throttled" || $0[2] == "failed" }.count
                let arrivals = log.compactMap { Double($0[0]) }.sorted()
                let busiest = arrivals.indices.map { start in arrivals[start...].prefix { $0 < arrivals[start] + 0.95 }.count }.max() ?? 0
                print("\(name): \(log.count) requests, \(refused) throttled or failed, at most \(busiest) in a second")
                if name == "capped" {
                    #expect(busiest <= 5, "\(busiest) calls in a second")
                } else {
                    #expect(refused > 0, "\(name): nothing was throttled or failed")
                }
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    /// With `--profile`, the profile's credentials come from the AWS CLI version 2's `aws
    /// configure export-credentials` and every call is made in-process; with version 1, which
    /// cannot export them, every call goes through the aws command. Either way the endpoints
    /// are the config file's (sso-admin's from the `services` section the profile names, the
    /// others from the profile's `endpoint_url`). The same snapshot (of an empty Identity Center:
    /// this is about the calls; reading an organisation through the aws command is
    /// `snapshotImportAndTheRoundTrip`'s).
    @Test(.enabled(if: Self.awsCLIVersion2 != nil, "Debian's awscli (AWS CLI v2) is not installed at /usr/bin/aws"))
    func aProfilesCredentialsComeFromTheAWSCLI() throws {
        let (server, folder) = try empty()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        try FileManager.default.createDirectory(atPath: folder + "/v2", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/v2/aws", withDestinationPath: Self.awsCLIVersion2!)
        var plain = [String: String]()
        for (version, first) in [("v2", folder + "/v2:"), ("v1", "")] {
            // Two fronts: sso-admin's calls reach one, every other call the other.
            let (ssoFront, ssoEndpoint) = try MotoServer.front(for: server.endpoint, ["--log", folder + "/\(version)-sso.log"])
            let (front, endpoint) = try MotoServer.front(for: server.endpoint, ["--log", folder + "/\(version).log"])
            defer { for running in [ssoFront, front] { running.stop() } }
            try """
            [profile admin]
            aws_access_key_id = AKIAPROFILE
            aws_secret_access_key = secret-NEVER-SHOWN
            region = us-east-1
            endpoint_url = \(endpoint)
            services = local

            [services local]
            sso_admin =
              endpoint_url = \(ssoEndpoint)

            """.write(toFile: folder + "/config", atomically: true, encoding: .utf8)
            var environment = MotoServer.baseEnvironment
            for key in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"] { environment[key] = nil }
            environment["AWS_CONFIG_FILE"] = folder + "/config"
            environment["PATH"] = first + (environment["PATH"] ?? "/usr/bin:/bin")
            let result = try run(binary, ["snapshot", "--profile", "admin"], in: folder, environment: environment)
            #expect(result.status == 0, "\(version): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("NEVER-SHOWN"))
            plain[version] = result.stdout
            for (log, prefix) in [("\(version)-sso.log", "SWBExternalService."), ("\(version).log", "AWS")] {
                let lines = try text(folder + "/" + log).split(separator: "\n").map { $0.split(separator: " ") }
                #expect(!lines.isEmpty && lines.allSatisfy { $0[1].hasPrefix(prefix) }, "\(version): \(log)")
                let agents = Set(lines.map { String($0[3]) })
                #expect(agents == [version == "v2" ? "orgprofile" : "aws-cli"], "\(version): \(agents)")
            }
        }
        #expect(plain["v2"] == plain["v1"])
        #expect(plain["v2"]?.contains("\"snapshot_version\" : 2") == true)
    }

    /// `/usr/bin/aws` when it is the AWS CLI version 2 (Debian's awscli package).
    static let awsCLIVersion2: String? = {
        guard let found = try? run("/usr/bin/aws", ["--version"]), found.status == 0, found.stdout.hasPrefix("aws-cli/2") else {
            return nil
        }
        return "/usr/bin/aws"
    }()

    /// The in-process path honours the AWS CLI's proxy settings: every call tunnels through
    /// HTTP_PROXY (lower case first), the proxy's credentials sent to it alone, and a host
    /// NO_PROXY names goes direct. The snapshot is the same bytes every way.
    @Test func callsGoThroughTheProxyTheEnvironmentNames() throws {
        let (server, folder) = try seeded()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let (proxy, proxyEndpoint) = try fixtureServer("forward-proxy.py", ["--log", folder + "/proxy.log"])
        defer { proxy.stop() }
        let front = try #require(URL(string: server.frontEndpoint))
        let proxyPort = try #require(URL(string: proxyEndpoint)?.port)
        func snapshot(_ name: String, _ settings: [String: String]) throws -> String {
            let result = try run(
                binary, ["snapshot", "--calls", "in-process", "--output", name], in: folder,
                environment: server.environment.merging(settings) { _, new in new })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("NEVER-SHOWN"))
            return try text(folder + "/" + name)
        }
        func proxied() -> [String] {
            ((try? String(contentsOfFile: folder + "/proxy.log", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        let direct = try snapshot("direct.json", [:])
        #expect(proxied().isEmpty)
        let through = try snapshot(
            "proxied.json", ["http_proxy": "http://ops:pass-NEVER-SHOWN@127.0.0.1:\(proxyPort)", "HTTP_PROXY": "http://127.0.0.1:9"])
        #expect(through == direct)
        let lines = proxied()
        #expect(!lines.isEmpty)
        // Basic ops:pass-NEVER-SHOWN, to the proxy only.
        let expected = "CONNECT 127.0.0.1:\(front.port!) Basic b3BzOnBhc3MtTkVWRVItU0hPV04="
        #expect(lines.allSatisfy { $0 == expected }, "\(lines.prefix(3))")
        let bypassed = try snapshot(
            "bypassed.json", ["HTTP_PROXY": "http://127.0.0.1:\(proxyPort)", "NO_PROXY": "example.com, 127.0.0.1:\(front.port!)"])
        #expect(bypassed == direct)
        #expect(proxied().count == lines.count)
        // A CA bundle that holds no certificate is one clear error (checked before any call).
        let bundle = try run(
            binary, ["snapshot", "--calls", "in-process", "--output", "never.json"], in: folder,
            environment: server.environment.merging(["AWS_CA_BUNDLE": folder + "/proxy.log"]) { _, new in new })
        #expect(bundle.status == 74)
        #expect(bundle.stderr.contains("holds no readable PEM certificate"), "\(bundle.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/never.json"))
    }

    /// AWS_REGION alone names the region for the aws command too (AWS CLI v1 reads only
    /// AWS_DEFAULT_REGION), as for the in-process path (issue 31, item 7).
    @Test func awsRegionAloneServesTheAWSCommand() throws {
        let (server, folder) = try empty()
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        var environment = server.environment
        environment.removeValue(forKey: "AWS_DEFAULT_REGION")
        environment["AWS_REGION"] = "us-east-1"
        let result = try run(binary, ["snapshot", "--calls", "aws-cli", "--output", "snapshot.json"], in: folder, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("You must specify a region"))
    }

    @Test func anUnreachableEndpointIsAClearErrorAndWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var environment = MotoServer.baseEnvironment
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"
        environment["AWS_SECRET_ACCESS_KEY"] = "secret-NEVER-SHOWN"
        environment["AWS_SESSION_TOKEN"] = "token-NEVER-SHOWN"
        for path in ["in-process", "aws-cli"] {
            let result = try run(binary, ["snapshot", "--calls", path, "--output", "snapshot.json"], in: folder, environment: environment)
            #expect(result.status == 74)
            #expect(result.stderr.hasPrefix("orgprofile: error: aws sso-admin list-instances failed: "), "\(result.stderr)")
            #expect(result.stderr.contains("127.0.0.1:9"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("NEVER-SHOWN"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/snapshot.json"))
        }
    }
}

/// A moto_server on a free loopback port, for one test, behind the front that answers what
/// moto lacks and throttles or fails on request (Fixtures/identity-center-front.py).
struct MotoServer {
    let process: Process
    let front: Process
    /// moto itself, which the seed script talks to.
    let endpoint: String
    /// The front, which orgprofile talks to.
    let frontEndpoint: String

    /// moto's server, the aws command and boto3 are there.
    static let isAvailable: Bool = {
        guard let found = try? run("/usr/bin/env", ["sh", "-c", "command -v aws && python3 -c 'import boto3, moto.server'"])
        else { return false }
        return found.status == 0
    }()

    /// Dummy credentials, a region, no config files of the person running the tests, and one
    /// attempt per call (the AWS CLI would otherwise retry an unreachable endpoint for long).
    static var baseEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("AWS_") { environment.removeValue(forKey: key) }
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_CONFIG_FILE"] = "/nonexistent/config"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["AWS_RETRY_MODE"] = "standard"
        return environment
    }

    var environment: [String: String] {
        var environment = Self.baseEnvironment
        environment["AWS_ENDPOINT_URL"] = frontEndpoint
        return environment
    }

    /// `frontArguments`: the front's throttling and failures (see the script). Each server
    /// says its port once it listens, so nothing waits on a clock.
    init(frontArguments: [String] = []) throws {
        (process, endpoint) = try fixtureServer("moto-server.py", [])
        do {
            (front, frontEndpoint) = try Self.front(for: endpoint, frontArguments)
        } catch {
            process.stop()
            throw error
        }
    }

    /// A front (Fixtures/identity-center-front.py) for moto at `endpoint`, and its own endpoint.
    static func front(for endpoint: String, _ arguments: [String]) throws -> (Process, String) {
        try fixtureServer("identity-center-front.py", [endpoint] + arguments)
    }

    func stop() {
        for running in [process, front] { running.stop() }
    }
}

/// A Python server of Fixtures/ that prints its port once it listens on 127.0.0.1: the
/// process, and its endpoint.
func fixtureServer(_ script: String, _ arguments: [String]) throws -> (Process, String) {
    let server = Process()
    let port = Pipe()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["python3", packageRoot.appendingPathComponent("Tests/OrgProfileCLITests/Fixtures/\(script)").path] + arguments
    server.standardOutput = port
    server.standardError = FileHandle.nullDevice
    server.standardInput = FileHandle.nullDevice
    try server.run()
    var line: [UInt8] = []
    while let byte = try port.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { line.append(byte) }
    try #require(!line.isEmpty, "\(script) did not start")
    return (server, "http://127.0.0.1:\(String(decoding: line, as: UTF8.self))")
}

extension Process {
    /// SIGKILL (moto_server catches SIGTERM and does not always exit on it), then waits for it.
    func stop() {
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
