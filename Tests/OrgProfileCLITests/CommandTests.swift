import Foundation
import TestSupport
import Testing

/// The built binary, end to end: exit codes, what it writes, and what it leaves alone.
@Suite struct CommandTests {
    @Test func versionAndHelp() throws {
        let version = try orgprofile("--version")
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0.1.0"))
        for command in HelpTests.commands.dropFirst() {
            let help = try orgprofile(command, "--help")
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example:"), "\(command) --help shows an example")
        }
    }

    @Test func validate() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clean = try orgprofile("validate", in: folder)
        #expect(clean.status == 0)
        #expect(clean.stderr == "")
        #expect(clean.stdout == "org.yaml: 4 users, 2 groups, 24 profiles, no problems\n")

        try "version: 1\nproject: Acme\nusers: {}\n".write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        let bad = try orgprofile("validate", "bad.yaml", in: folder)
        #expect(bad.status == 1)
        #expect(
            bad.stderr == """
                bad.yaml:1:1: error: org.yaml is missing the required key 'sso_session'
                bad.yaml:1:1: error: org.yaml is missing the required key 'accounts'
                bad.yaml:1:1: error: org.yaml is missing the required key 'roles'
                bad.yaml:2:10: error: project 'Acme' is not a valid name (lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen, at most 32 characters)
                4 errors

                """)
        #expect(bad.stdout == "")

        let missing = try orgprofile("validate", "nope.yaml", in: folder)
        #expect(missing.status == 74)
        #expect(missing.stderr == "orgprofile: error: cannot read nope.yaml: No such file or directory\n1 error\n")

        let usage = try orgprofile("validate", "--bogus", in: folder)
        #expect(usage.status == 64)
        #expect(!usage.stderr.contains("Stack"))
    }

    @Test func compileWritesTheGoldenTreeAndNothingOnError() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try orgprofile("compile", "org.yaml.example", "--out", "out", in: folder)
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "compiled org.yaml.example into out: 4 users, 2 groups, 24 profiles; 13 files written, 0 unchanged, 0 removed\n")
        let golden = tree(goldenFolder)
        #expect(tree(folder + "/out").keys.sorted() == golden.keys.sorted())
        #expect(tree(folder + "/out") == golden, "the binary's output differs from examples/dist")

        try "version: 1\nproject: acme\n".write(toFile: folder + "/org.yaml.example", atomically: true, encoding: .utf8)
        let failed = try orgprofile("compile", "org.yaml.example", "--out", "fresh", in: folder)
        #expect(failed.status == 1)
        #expect(failed.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: folder + "/fresh"))
        let again = try orgprofile("compile", "org.yaml.example", "--out", "out", in: folder)
        #expect(again.status == 1)
        #expect(tree(folder + "/out") == golden)
    }

    @Test func recompilingRewritesOnlyWhatChangedAndRemovesOnlyWhatItOwned() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try orgprofile("compile", in: folder).status == 0)
        let aliceConfig = folder + "/dist/users/alice/config"
        let bobConfig = folder + "/dist/users/bob/config"
        let aliceInode = try inode(aliceConfig)
        let bobInode = try inode(bobConfig)

        let unchanged = try orgprofile("compile", in: folder)
        #expect(unchanged.stdout.hasSuffix("0 files written, 13 unchanged, 0 removed\n"))
        #expect(try inode(aliceConfig) == aliceInode)

        // Files compile does not own stay, even inside its folders.
        try "mine".write(toFile: folder + "/dist/notes.txt", atomically: true, encoding: .utf8)
        try "mine".write(toFile: folder + "/dist/users/bob/notes.txt", atomically: true, encoding: .utf8)

        // Drop dave; change bob's access.
        var yaml = try text(folder + "/org.yaml")
        yaml = yaml.replacingOccurrences(of: "  dave:\n    groups: [platform]\n", with: "")
        yaml = yaml.replacingOccurrences(
            of: "        accounts: [infrastructure]\n", with: "        accounts: [infrastructure, organization-management]\n")
        try yaml.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let changed = try orgprofile("compile", in: folder)
        #expect(changed.status == 0)
        #expect(changed.stdout == "compiled org.yaml into dist: 3 users, 2 groups, 20 profiles; 3 files written, 8 unchanged, 2 removed\n")
        #expect(try inode(aliceConfig) == aliceInode)
        #expect(try inode(bobConfig) != bobInode)
        #expect(try text(bobConfig).contains("[profile acme-organization-management-readonly]"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/dist/users/dave"))
        #expect(try text(folder + "/dist/notes.txt") == "mine")
        #expect(try text(folder + "/dist/users/bob/notes.txt") == "mine")
        #expect(!(try text(folder + "/dist/manifest.json")).contains("dave"))
    }

    /// A workspace whose dist/ holds a manifest.json orgprofile did not write.
    func workspaceWithForeignManifest() throws -> String {
        let folder = try workspace()
        try FileManager.default.createDirectory(atPath: folder + "/dist", withIntermediateDirectories: true)
        try "{\"files\": \"mine\"}".write(toFile: folder + "/dist/manifest.json", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aForeignManifestStopsCompileBeforeAnyWrite() throws {
        let folder = try workspaceWithForeignManifest()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try orgprofile("compile", in: folder)
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("orgprofile: error: cannot write dist/manifest.json: not a manifest written by orgprofile"))
        #expect(tree(folder + "/dist").keys.sorted() == ["manifest.json"])
    }

    /// check reads the previous manifest beside the rendering; a foreign one is still the
    /// error, and no difference is reported before it.
    @Test func aForeignManifestStopsCheckBeforeAnyDifference() throws {
        let folder = try workspaceWithForeignManifest()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try orgprofile("check", in: folder)
        #expect(result.status == 74)
        #expect(result.stderr.contains("not a manifest written by orgprofile"))
        #expect(!result.stdout.contains("missing") && !result.stdout.contains("+++"), "\(result.stdout)")
    }

    @Test func anUnwritableOutputFolderExits74() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a file".write(toFile: folder + "/dist", atomically: true, encoding: .utf8)
        let result = try orgprofile("compile", in: folder)
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("orgprofile: error: cannot write dist"))
        #expect(try text(folder + "/dist") == "a file")
    }

    @Test func export() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func golden(_ path: String) throws -> String {
            try text(goldenFolder + "/" + path).replacingOccurrences(of: "org.yaml.example", with: "org.yaml")
        }
        let bob = try orgprofile("export", "--user", "bob", in: folder)
        #expect(bob.status == 0)
        #expect(bob.stdout == (try golden("users/bob/config")))
        let team = try orgprofile("export", "org.yaml", "--group", "developers", in: folder)
        #expect(team.stdout == (try golden("groups/developers/config")))

        let readonly = try orgprofile("export", "--user", "bob", "--role", "ReadOnlyAccess", in: folder)
        #expect(readonly.status == 0)
        #expect(readonly.stdout.contains("[sso-session acme]"))
        #expect(readonly.stdout.components(separatedBy: "[profile ").count - 1 == 3)
        #expect(!readonly.stdout.contains("sso_role_name = Developer"))

        let written = try orgprofile("export", "--user", "alice", "--output", "alice.config", in: folder)
        #expect(written.status == 0 && written.stdout == "")
        #expect(try text(folder + "/alice.config") == (try golden("users/alice/config")))
    }

    @Test func exportErrors() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let unknown = try orgprofile("export", "--user", "bbo", in: folder)
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "orgprofile: error: unknown user 'bbo'; did you mean 'bob'?\n1 error\n")
        let role = try orgprofile("export", "--user", "bob", "--role", "ReadOnly", in: folder)
        #expect(role.status == 64)
        #expect(
            role.stderr
                == "orgprofile: error: unknown role 'ReadOnly'; a role (a permission set) is declared under 'roles:' in org.yaml (declared: AdministratorAccess, Developer, ReadOnlyAccess, UserManagement); did you mean 'ReadOnlyAccess'?\n1 error\n"
        )
        // A truncated user name, and a command with a typo.
        let frank = try orgprofile("export", "--user", "ali", in: folder)
        #expect(frank.stderr == "orgprofile: error: unknown user 'ali'; did you mean 'alice'?\n1 error\n")
        let command = try orgprofile("compil", in: folder)
        #expect(command.status == 64)
        #expect(
            command.stderr
                == "orgprofile: error: unknown command 'compil'; did you mean 'compile'?\ncommands: validate, compile, check, export, diff, report, install, uninstall, doctor, expire, snapshot, import, drift, assignments, schema; see 'orgprofile --help'\n"
        )
        let group = try orgprofile("export", "--group", "developer", in: folder)
        #expect(group.stderr == "orgprofile: error: unknown group 'developer'; did you mean 'developers'?\n1 error\n")
        let disabled = try orgprofile("export", "--user", "carol", in: folder)
        #expect(disabled.status == 64)
        #expect(disabled.stderr == "orgprofile: error: user 'carol' is disabled in org.yaml and gets no config\n1 error\n")
        let neither = try orgprofile("export", in: folder)
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("Give exactly one of --user NAME and --group NAME."))
        let held = try orgprofile("export", "--user", "erin", "--role", "Developer", in: folder)
        #expect(held.status == 0)
        #expect(
            held.stderr
                == "orgprofile: warning: user 'erin' holds no profile with role 'Developer'; only the sso-session is exported\n1 warning\n")
        #expect(!held.stdout.contains("[profile "))
    }

    @Test(.enabled(if: python3WithBotocore, "python3 with botocore is not installed; the AWS CLI parser check is skipped"))
    func theAWSCLIReadsEveryCompiledConfig() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try orgprofile("compile", in: folder).status == 0)
        let check = try run(
            "/usr/bin/env", ["python3", packageRoot.appendingPathComponent("scripts/botocore-check.py").path, folder + "/dist"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "botocore read 6 configs: all agree with manifest.json\n")

        var environment = ProcessInfo.processInfo.environment
        environment["AWS_CONFIG_FILE"] = folder + "/dist/users/bob/config"
        let script = """
            import botocore.session
            c = botocore.session.Session().full_config
            print(sorted(c["profiles"]), sorted(c["sso_sessions"]))
            """
        let full = try run("/usr/bin/env", ["python3", "-c", script], environment: environment)
        #expect(
            full.stdout
                == "['acme-infrastructure-readonly', 'acme-workload-development', 'acme-workload-development-readonly', 'acme-workload-production-readonly'] ['acme']\n"
        )
        if let aws = try? run("/usr/bin/env", ["aws", "--version"]), aws.status == 0 {
            let get = try run(
                "/usr/bin/env", ["aws", "configure", "get", "sso_account_id", "--profile", "acme-workload-development"],
                environment: environment)
            #expect(get.stdout == "333333333333\n")
        }
    }
}

/// What `--help` shows: readable at 80 columns, only options that do something, and never a
/// command that overwrites a person's whole config.
@Suite struct HelpTests {
    static let commands = [
        "", "validate", "compile", "check", "export", "diff", "report", "install", "uninstall", "doctor", "snapshot", "import", "drift",
        "assignments", "schema",
    ]

    func help(_ command: String) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        return try run(binary, command.isEmpty ? ["--help"] : [command, "--help"], environment: environment).stdout
    }

    /// A shell redirect into ~/.aws/config replaces a person's whole config with no backup.
    static func redirectsIntoConfig(_ text: String) -> Bool {
        text.firstMatch(of: #/>\s*"?(~|\$HOME|\$env:USERPROFILE|%USERPROFILE%)[/\\]\.aws[/\\]config/#) != nil
    }

    @Test func fitsIn80ColumnsAndRedirectsNothingIntoTheConfig() throws {
        for command in Self.commands {
            let text = try help(command)
            #expect(text.contains("USAGE:"), "\(command)")
            for line in text.split(separator: "\n") {
                #expect(line.count <= 80, "orgprofile \(command) --help: \(line)")
            }
            #expect(!Self.redirectsIntoConfig(text), "orgprofile \(command) --help")
        }
        #expect(try help("").contains("orgprofile install org.yaml --user alice"))
    }

    @Test func noDocumentRedirectsIntoTheConfig() throws {
        let root = packageRoot.path
        var documents = ["README.md", "Templates/README.md.mustache"]
        documents += try FileManager.default.contentsOfDirectory(atPath: root + "/docs").filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        for document in documents {
            let text = try String(contentsOfFile: root + "/" + document, encoding: .utf8)
            #expect(!Self.redirectsIntoConfig(text), "\(document)")
        }
        #expect(Self.redirectsIntoConfig("orgprofile export org.yaml --user alice > ~/.aws/config"))
    }

    @Test func uninstallOffersOnlyWhatItUses() throws {
        let text = try help("uninstall")
        for option in ["--project", "--config", "--diagnostics-format"] { #expect(text.contains(option)) }
        for option in ["--strict", "--credentials", "--templates", "--user"] { #expect(!text.contains(option), "\(option)") }
    }
}

@Suite struct VersionTests {
    /// Built from a checkout, --version names the commit (the build reads .git itself).
    @Test func versionNamesTheCommit() throws {
        let version = try orgprofile("--version").stdout
        guard FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(".git").path),
            let head = try? run("/usr/bin/env", ["git", "-C", packageRoot.path, "rev-parse", "HEAD"]), head.status == 0
        else {
            #expect(version == "0.1.0\n")
            return
        }
        // The binary may be a commit behind a checkout with uncommitted work: compare shapes, and the commit when the tree is clean.
        #expect(version.range(of: #"^0\.1\.0 \(git [0-9a-f]{12}\)\n$"#, options: .regularExpression) != nil, "\(version)")
        let status = try run("/usr/bin/env", ["git", "-C", packageRoot.path, "status", "--porcelain", "--untracked-files=no"])
        if status.stdout.isEmpty { #expect(version.contains(String(head.stdout.prefix(12)))) }
    }
}

@Suite struct CompletionTests {
    /// --user, --group and --role complete with the names of the org.yaml on the command line.
    @Test func namesComeFromTheOrgYAMLOnTheCommandLine() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func complete(_ option: String, _ words: [String]) throws -> [String] {
            let result = try orgprofile(
                arguments: ["---completion", "export", "--", option, String(words.count - 1), String(words.last!.count)] + words, in: folder
            )
            return result.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete("--user", ["orgprofile", "export", "org.yaml.example", "--user", ""]) == ["alice", "bob", "dave", "erin"])
        #expect(try complete("--user", ["orgprofile", "export", "--user", "a"]) == ["alice"])
        #expect(try complete("--group", ["orgprofile", "export", "--group", ""]) == ["developers", "platform"])
        #expect(try complete("--role", ["orgprofile", "export", "--role", "Rea"]) == ["ReadOnlyAccess"])
        #expect(try complete("--user", ["orgprofile", "export", "missing.yaml", "--user", ""]) == [])
        let script = try orgprofile(arguments: ["--generate-completion-script", "bash"], in: folder).stdout
        #expect(script.contains("---completion export -- --user"))
    }

    /// The README's bash and fish lines work as written in a home that has none of their
    /// folders yet (zsh's needs a zsh and a folder on its $fpath).
    @Test func theREADMEsCommandsWorkOnACleanHome() throws {
        let home = try workspace()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let readme = try text(packageRoot.appendingPathComponent("README.md").path)
        let block = try #require(readme.components(separatedBy: "Shell completion").dropFirst().first?.components(separatedBy: "```")[1])
        let lines = block.split(separator: "\n").map(String.init).filter { !$0.contains("zsh") && $0 != "sh" }
        #expect(lines.count == 4)
        let script = "set -e\norgprofile() { \"$ORGPROFILE\" \"$@\"; }\n" + lines.joined(separator: "\n")
        let result = try run("/bin/bash", ["-c", script], environment: ["HOME": home, "ORGPROFILE": binary, "PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        for path in [".local/share/bash-completion/completions/orgprofile", ".config/fish/completions/orgprofile.fish"] {
            #expect(try text(home + "/" + path).contains("orgprofile"), "\(path)")
        }
    }
}

@Suite struct ProgressLineTests {
    /// On a terminal, a live read's progress line is cleared before a warning is printed, and
    /// the warning quotes the aws command's own words.
    @Test func aWarningStartsOnALineOfItsOwn() throws {
        let (folder, environment) = try FakeAWS.make(organizationReadable: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var terminal = environment
        terminal["NO_COLOR"] = "1"
        // script(1) runs the command on a pseudo-terminal and copies what it shows to stdout.
        let result = try run(
            "/usr/bin/script", ["-qec", "'\(binary)' snapshot --output snapshot.json", "/dev/null"], in: folder, environment: terminal)
        #expect(result.status == 0, "\(result.stdout)")
        let shown = result.stdout
        // The fake aws command cannot export credentials: the calls go through it.
        #expect(shown.contains("\rreading IAM Identity Center through the aws command: 1/1 calls\u{1B}[K"), "\(shown.debugDescription)")
        #expect(
            shown.contains(
                "\r\u{1B}[Korgprofile: warning: the management account is unknown: the organisation could not be described (organizations:DescribeOrganization); aws organizations describe-organization failed: An error occurred (AccessDeniedException) when calling the DescribeOrganization operation: no"
            ), "\(shown.debugDescription)")
        #expect(!shown.contains("calls\u{1B}[Korgprofile"), "\(shown.debugDescription)")
    }
}
