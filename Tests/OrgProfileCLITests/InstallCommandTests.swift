import Foundation
import TestSupport
import Testing

/// install, uninstall and doctor through the built binary, in a temporary HOME.
@Suite struct InstallCommandTests {
    /// A temporary HOME with the example compiled in it, a fake `aws` of the given major
    /// version on PATH, and the environment to run orgprofile with.
    struct Home {
        var folder: String
        var environment: [String: String]
        var config: String { folder + "/home/.aws/config" }
        var credentials: String { folder + "/home/.aws/credentials" }
        var bob: String { folder + "/dist/users/bob/config" }

        init(awsMajorVersion: Int? = 2) throws {
            folder = try workspace()
            try FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
            if let awsMajorVersion {
                let script = "#!/bin/sh\necho 'aws-cli/\(awsMajorVersion).15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12'\n"
                try writeExecutable(script, to: folder + "/bin/aws")
            }
            environment = ProcessInfo.processInfo.environment
            environment["HOME"] = folder + "/home"
            // Without an aws command, the system's folders are left off PATH too: Debian's awscli
            // puts one in /usr/bin.
            environment["PATH"] = folder + (awsMajorVersion == nil ? "/bin" : "/bin:/usr/bin:/bin")
            environment.removeValue(forKey: "AWS_CONFIG_FILE")
            environment.removeValue(forKey: "AWS_SHARED_CREDENTIALS_FILE")
            #expect(try run(binary, ["compile"], in: folder).status == 0)
        }

        func orgprofile(_ arguments: String...) throws -> RunResult {
            try run(binary, arguments, in: folder, environment: environment)
        }

        /// Writes `~/.aws/config`, creating `~/.aws`.
        func writeConfig(_ text: String) throws {
            try FileManager.default.createDirectory(atPath: folder + "/home/.aws", withIntermediateDirectories: true)
            try text.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func signIn(expiresAt: String) throws {
            let cache = folder + "/home/.aws/sso/cache"
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            try
                "{\"startUrl\": \"https://acme.awsapps.com/start\", \"region\": \"us-west-2\", \"accessToken\": \"x\", \"expiresAt\": \"\(expiresAt)\"}"
                .write(toFile: cache + "/293abb6b76d7791c0732cc517d38c4b5c734b87f.json", atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// The first command install suggests runs with the least privileged profile, not the
    /// first in alphabetical order (for alice an administrator of the delegated-admin account).
    @Test func theNextStepsUseTheLeastPrivilegedProfile() throws {
        let home = try Home()
        defer { home.remove() }
        let alice = try home.orgprofile("install", "org.yaml", "--user", "alice")
        #expect(alice.stdout.hasSuffix("  aws sts get-caller-identity --profile acme-workload-development\n"), "\(alice.stdout)")
        // From a published file, read-only roles come first.
        let readOnly = try home.orgprofile("install", "--from", "dist/users/erin/config", "--config", home.folder + "/erin-config")
        #expect(
            readOnly.stdout.hasSuffix("  aws sts get-caller-identity --profile acme-organization-management-readonly\n"),
            "\(readOnly.stdout)")
    }

    @Test func firstInstallCreatesThePrivateFolderAndFile() throws {
        let home = try Home()
        defer { home.remove() }
        let result = try home.orgprofile("install", "--from", "dist/users/bob/config")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                installed the orgprofile acme block into \(home.config): 4 profiles, sso-session acme
                next:
                  aws sso login --sso-session acme
                  aws sts get-caller-identity --profile acme-infrastructure-readonly

                """)
        #expect(try mode(home.folder + "/home/.aws") == 0o700)
        #expect(try mode(home.config) == 0o600)
        #expect(try text(home.config) == ManagedBlock.begin + "\n" + (try text(home.bob)) + ManagedBlock.end + "\n")

        let again = try home.orgprofile("install", "--from", "dist/users/bob/config")
        #expect(again.stdout == "the orgprofile acme block in \(home.config) is already up to date; nothing changed\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: home.folder + "/home/.aws") == ["config"],
            "no backup for a change of nothing")
    }

    @Test func installFromOrgYamlForOneRoleKeepsTheRestAndPermissions() throws {
        let home = try Home()
        defer { home.remove() }
        let mine = "[default]\r\nregion = eu-west-1\r\n; mine\r\n[profile other]\r\ns3 =\r\n  max_concurrent_requests = 20\r\n"
        try home.writeConfig(mine)
        chmod(home.config, 0o640)
        let result = try home.orgprofile("install", "org.yaml", "--user", "bob", "--role", "ReadOnlyAccess")
        #expect(result.status == 0, "\(result.stderr)")
        let installed = try text(home.config)
        #expect(installed.hasPrefix(mine + ManagedBlock.begin + "\r\n"))
        #expect(installed.components(separatedBy: "[profile ").count - 1 == 4)
        #expect(try mode(home.config) == 0o640)
        let backups = try FileManager.default.contentsOfDirectory(atPath: home.folder + "/home/.aws").filter {
            $0.hasPrefix("config.orgprofile-backup-")
        }
        #expect(backups.count == 1)
        #expect(try text(home.folder + "/home/.aws/" + backups[0]) == mine)

        let removed = try home.orgprofile("uninstall", "--project", "acme")
        #expect(removed.status == 0)
        #expect(removed.stdout.hasPrefix("removed the orgprofile acme block from \(home.config) (backup: "))
        #expect(try text(home.config) == mine)
        let again = try home.orgprofile("uninstall", "--project", "acme")
        #expect(again.status == 1)
        #expect(again.stderr == "orgprofile: error: \(home.config) has no orgprofile acme block (none is installed)\n1 error\n")
        let nothing = try home.orgprofile("uninstall")
        #expect(nothing.status == 1)
        #expect(nothing.stderr == "orgprofile: error: \(home.config) has no orgprofile block to remove\n1 error\n")
    }

    @Test func uninstallFindsTheOnlyBlockAndListsTheInstalledOnes() throws {
        let home = try Home()
        defer { home.remove() }
        try ConcurrencyTests.betaOrg(in: home.folder)
        #expect(try home.orgprofile("compile", "beta.yaml", "--out", "beta").status == 0)
        try home.writeConfig("[default]\nregion = x\n")
        #expect(try home.orgprofile("install", "--from", "dist/users/bob/config").status == 0)
        #expect(try home.orgprofile("install", "--from", "beta/users/bob/config").status == 0)
        let installed = try text(home.config)

        let ambiguous = try home.orgprofile("uninstall")
        #expect(ambiguous.status == 64)
        #expect(
            ambiguous.stderr
                == "orgprofile: error: \(home.config) has 2 orgprofile blocks (installed: acme, beta); name one with --project NAME\n1 error\n"
        )
        let unknown = try home.orgprofile("uninstall", "--project", "acne")
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "orgprofile: error: \(home.config) has no orgprofile acne block (installed: acme, beta); did you mean 'acme'?\n1 error\n"
        )
        #expect(try text(home.config) == installed)

        #expect(try home.orgprofile("uninstall", "--project", "beta").status == 0)
        let only = try home.orgprofile("uninstall")
        #expect(only.status == 0)
        #expect(only.stdout.hasPrefix("removed the orgprofile acme block from \(home.config) (backup: "))
        #expect(try text(home.config) == "[default]\nregion = x\n")
    }

    @Test func conflictsRefuseAndChangeNothing() throws {
        let home = try Home()
        defer { home.remove() }
        let mine = "[profile acme-workload-development]\nsso_session = old\noutput = yaml\n"
        try home.writeConfig(mine)
        try "[acme-infrastructure-readonly]\naws_access_key_id = AKIA\n".write(toFile: home.credentials, atomically: true, encoding: .utf8)
        let result = try home.orgprofile("install", "--from", "dist/users/bob/config")
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                \(home.config):1:1: error: [profile acme-workload-development] already defines the profile acme-workload-development outside the orgprofile acme block; remove it, or run again with --adopt to take it over
                \(home.credentials):1:1: error: [acme-infrastructure-readonly] has the name of the profile acme-infrastructure-readonly that would be installed; the AWS CLI would mix the two, so rename or remove it (orgprofile never edits credentials)
                orgprofile: note: nothing was changed; resolve the problems above and run install again
                2 errors

                """)
        #expect(try text(home.config) == mine)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.folder + "/home/.aws").sorted() == ["config", "credentials"])

        try FileManager.default.removeItem(atPath: home.credentials)
        // Every value that changes is shown, old and new, in the dry run and in the real run.
        let expected = """
            adopting [profile acme-workload-development] (\(home.config) line 1):
              changes sso_session: old -> acme
              changes output: yaml -> json
              the section as it was is kept in the block: orgprofile uninstall puts it back

            """
        let dryRun = try home.orgprofile("install", "--from", "dist/users/bob/config", "--adopt", "--dry-run")
        #expect(dryRun.status == 0)
        #expect(dryRun.stdout.hasPrefix(expected), "\(dryRun.stdout)")
        #expect(try text(home.config) == mine)
        let adopted = try home.orgprofile("install", "--from", "dist/users/bob/config", "--adopt")
        #expect(adopted.status == 0)
        #expect(adopted.stdout.hasPrefix(expected), "\(adopted.stdout)")
        #expect(!(try text(home.config)).contains("\nsso_session = old"))
    }

    /// A hand-written legacy profile (start URL and region in the profile) adopted: install
    /// says where each value went, the block keeps the section, doctor still finds the block
    /// current, a second install keeps the record, and uninstall puts the section back.
    @Test func uninstallPutsBackWhatAdoptReplaced() throws {
        let home = try Home()
        defer { home.remove() }
        let mine = """
            [default]
            region = x

            [profile acme-workload-development]
            sso_start_url = https://acme.awsapps.com/start
            sso_region = us-west-2
            sso_account_id = 333333333333
            sso_role_name = Developer
            cli_pager = less

            """
        try home.writeConfig(mine)
        let adopted = try home.orgprofile("install", "--from", "dist/users/bob/config", "--adopt")
        #expect(adopted.status == 0, "\(adopted.stderr)")
        let url = try #require(
            try text(home.folder + "/dist/users/bob/config").components(separatedBy: "sso_start_url = ").dropFirst().first?
                .prefix { $0 != "\n" })
        #expect(
            adopted.stdout.contains(
                "  moves   sso_start_url = https://acme.awsapps.com/start to [sso-session acme]\(url == "https://acme.awsapps.com/start" ? "" : ", where it is \(url)")\n"
            ), "\(adopted.stdout)")
        #expect(adopted.stdout.contains("  moves   sso_region = us-west-2 to [sso-session acme]"), "\(adopted.stdout)")
        #expect(adopted.stdout.contains("  drops   cli_pager = less (the generated profile has no such setting)\n"))
        #expect(!adopted.stdout.contains("drops   sso_start_url"))
        let installed = try text(home.config)
        #expect(installed.contains("\n#< [profile acme-workload-development]\n#< sso_start_url = https://acme.awsapps.com/start\n"))
        // The AWS CLI reads the recorded lines as comments: the profile is the generated one.
        #expect(installed.components(separatedBy: "\n[profile acme-workload-development]\n").count == 2)
        let doctor = try home.orgprofile("doctor", "--from", "dist/users/bob/config")
        #expect(doctor.stdout.contains("the orgprofile acme block is current"), "\(doctor.stdout)")
        // Installed again (the block replaced in place), the record stays.
        #expect(try home.orgprofile("install", "--from", "dist/users/bob/config").status == 0)
        #expect(try text(home.config).contains("#< cli_pager = less\n"))
        let removed = try home.orgprofile("uninstall")
        #expect(removed.status == 0)
        #expect(
            removed.stdout.contains("restored [profile acme-workload-development], which install --adopt had replaced\n"),
            "\(removed.stdout)")
        let restored = try text(home.config)
        #expect(restored == mine, "\(restored)")
    }

    @Test func dryRunPrintsTheDiffAndWritesNothing() throws {
        let home = try Home()
        defer { home.remove() }
        let result = try home.orgprofile("install", "--from", "dist/users/bob/config", "--dry-run")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("--- /dev/null\n+++ b/config\n@@ -0,0 +1,"))

        // Against an existing file, both sides are named as git names them.
        try home.writeConfig("[default]\nregion = x\n")
        let changed = try home.orgprofile("install", "--from", "dist/users/bob/config", "--dry-run")
        #expect(changed.stdout.hasPrefix("--- a/config\n+++ b/config\n@@ -1,2 +1,"), "\(changed.stdout)")
        try FileManager.default.removeItem(atPath: home.folder + "/home/.aws")
        #expect(result.stdout.hasSuffix("dry run: \(home.config) was not changed\n"))
        #expect(!FileManager.default.fileExists(atPath: home.folder + "/home/.aws"))
    }

    @Test func aReadOnlyConfigFailsWith74AndStaysIntact() throws {
        let home = try Home()
        defer { home.remove() }
        try home.writeConfig("[default]\nregion = x\n")
        chmod(home.config, 0o444)
        let result = try home.orgprofile("install", "--from", "dist/users/bob/config")
        #expect(result.status == 74)
        #expect(
            result.stderr
                == "orgprofile: error: cannot write \(home.config): the file is read-only (mode 444); make it writable to let orgprofile change it\n1 error\n"
        )
        #expect(try text(home.config) == "[default]\nregion = x\n")
    }

    @Test func aSymlinkedConfigIsEditedWhereItLives() throws {
        let home = try Home()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.folder + "/home/.aws", withIntermediateDirectories: true)
        try "[default]\nregion = x\n".write(toFile: home.folder + "/dotfiles-config", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: home.config, withDestinationPath: home.folder + "/dotfiles-config")
        #expect(try home.orgprofile("install", "--from", "dist/users/bob/config").status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: home.config) == home.folder + "/dotfiles-config")
        #expect(try text(home.folder + "/dotfiles-config").hasPrefix("[default]\nregion = x\n" + ManagedBlock.begin))
    }

    @Test func keepsTheNewestFiveBackups() throws {
        let home = try Home()
        defer { home.remove() }
        for user in ["bob", "alice", "bob", "alice", "bob", "alice", "bob", "alice"] {
            #expect(try home.orgprofile("install", "--from", "dist/users/\(user)/config").status == 0)
        }
        let backups = try FileManager.default.contentsOfDirectory(atPath: home.folder + "/home/.aws").filter {
            $0.contains("orgprofile-backup")
        }
        #expect(backups.count == 5)
    }

    /// A published config that runs a program (credential_process) is installed only with
    /// --allow-commands, and doctor then names the setting.
    @Test func commandsInAPublishedConfigNeedAllowCommands() throws {
        let home = try Home()
        defer { home.remove() }
        let planted = try String(contentsOfFile: home.bob, encoding: .utf8).replacingOccurrences(
            of: "sso_role_name = Developer\n", with: "sso_role_name = Developer\ncredential_process = /tmp/evil --steal\n")
        #expect(planted.contains("credential_process"))
        try planted.write(toFile: home.folder + "/planted.config", atomically: true, encoding: .utf8)
        let refused = try home.orgprofile("install", "--from", "planted.config")
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(
            refused.stderr.contains(
                "error: 'credential_process' in [profile acme-workload-development] would run '/tmp/evil --steal' on this machine whenever the AWS CLI uses it"
            ), "\(refused.stderr)")
        #expect(refused.stderr.contains("planted.config:"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.config))
        let allowed = try home.orgprofile("install", "--from", "planted.config", "--allow-commands")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let doctor = try home.orgprofile("doctor")
        #expect(
            doctor.stdout.contains(
                "'credential_process' in [profile acme-workload-development] of the orgprofile acme block runs '/tmp/evil --steal'"),
            "\(doctor.stdout)")
    }

    /// install, uninstall and doctor agree on which project a published config belongs to:
    /// its only sso-session; a file with several asks each of them for --project.
    @Test func oneRuleNamesThePublishedConfigsProject() throws {
        let home = try Home()
        defer { home.remove() }
        try home.writeConfig("[default]\nregion = x\n")
        #expect(try home.orgprofile("install", "--from", "dist/users/bob/config").status == 0)
        let doctor = try home.orgprofile("doctor", "--from", "dist/users/bob/config")
        #expect(doctor.stdout.contains("[ok  ] the orgprofile acme block is current\n"), "\(doctor.stdout)")

        let two = home.folder + "/two-sessions.config"
        try (try text(home.bob) + "\n[sso-session zeta]\nsso_start_url = https://zeta.awsapps.com/start\nsso_region = us-east-1\n")
            .write(toFile: two, atomically: true, encoding: .utf8)
        let expected = "orgprofile: error: \(two) has 2 sso-sessions; name the block with --project NAME\n1 error\n"
        for command in [["install"], ["uninstall"], ["doctor"]] {
            let result = try run(binary, command + ["--from", two], in: home.folder, environment: home.environment)
            #expect(result.status == 64, "\(command)")
            #expect(result.stderr == expected, "\(command)")
        }
        // Named with --project, doctor compares it with the acme block (it has one more sso-session).
        let named = try home.orgprofile("doctor", "--from", two, "--project", "acme")
        #expect(named.stdout.contains("[FAIL] the orgprofile acme block"), "\(named.stdout)")

        let removed = try home.orgprofile("uninstall", "--from", "dist/users/bob/config")
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.hasPrefix("removed the orgprofile acme block from \(home.config)"))
        #expect(try text(home.config) == "[default]\nregion = x\n")
    }

    @Test func doctorOnAGoodSetup() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try home.orgprofile("install", "--from", "dist/users/bob/config").status == 0)
        try home.signIn(expiresAt: "2099-01-01T00:00:00Z")
        let result = try home.orgprofile("doctor", "--from", "dist/users/bob/config")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stdout.hasPrefix(
                """
                [ok  ] \(home.config) is readable by the AWS CLI
                [info] \(home.credentials) does not exist (not needed for IAM Identity Center)
                [ok  ] orgprofile blocks intact: acme (lines 1-42)
                [ok  ] the orgprofile acme block is current
                [ok  ] every profile's sso_session exists and agrees with it
                [ok  ] sso-session acme: signed in until 2099-01-01T00:00:00Z (
                """))
        #expect(result.stdout.hasSuffix("[ok  ] aws-cli/2.15.0 on PATH\n"))

        // The block is out of date once org.yaml gives bob more.
        let current = try home.orgprofile("doctor", "org.yaml", "--user", "bob", "--role", "ReadOnlyAccess", "--format", "json")
        #expect(current.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(current.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        let failing = (report["checks"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "fail" }.compactMap {
            $0["check"] as? String
        }
        #expect(failing == ["block-current"])
    }

    @Test func doctorFindsProblems() throws {
        let home = try Home(awsMajorVersion: 1)
        defer { home.remove() }
        try home.writeConfig(
            """
            [profile acme-dev]
            sso_session = acme
            sso_region = eu-west-1
            [profile lost]
            sso_session = nowhere
            [sso-session acme]
            sso_start_url = https://acme.awsapps.com/start
            sso_region = us-west-2
            # >>> orgprofile acme: managed, edits inside are replaced >>>

            """)
        try "[acme-dev]\naws_access_key_id = AKIA\n".write(toFile: home.credentials, atomically: true, encoding: .utf8)
        try home.signIn(expiresAt: "2020-01-01T00:00:00Z")
        let result = try home.orgprofile("doctor")
        #expect(result.status == 1)
        let failures = result.stdout.split(separator: "\n").filter { $0.hasPrefix("[FAIL]") }
        let lines = failures.map(String.init)
        #expect(
            Array(lines.prefix(3)) == [
                "[FAIL] \(home.config):9: the orgprofile acme block that begins here is never closed with '# <<< orgprofile acme <<<'",
                "[FAIL] \(home.config):1: profile acme-dev sets sso_region = eu-west-1, which disagrees with sso-session acme; the AWS CLI refuses the profile",
                "[FAIL] \(home.config):4: profile lost names sso-session nowhere, which is not in the file",
            ])
        // acme-dev is the person's own profile (no intact block manages it): only mentioned.
        #expect(result.stdout.contains("[info] profiles of your own in both files (fine: orgprofile does not manage them): acme-dev\n"))
        #expect(lines.count == 5)
        #expect(lines.dropFirst(3).first?.hasPrefix("[FAIL] sso-session acme: the sign-in expired ") == true)
        #expect(lines.last == "[FAIL] aws-cli/1.15.0 is not version 2; aws sso login needs version 2")
        #expect(result.stdout.contains("       fix: aws sso login --sso-session acme\n"))
    }

    /// `aws configure set aws_access_key_id ... --profile ci` writes [profile ci] to the config and
    /// [ci] to the credentials: an ordinary laptop. Only a profile orgprofile installs (or is
    /// asked about with --from) may not also be in the credentials file.
    @Test func doctorFailsOnlyForManagedProfilesInCredentials() throws {
        let home = try Home()
        defer { home.remove() }
        try home.writeConfig("[profile ci]\nregion = eu-west-1\n")
        try "[ci]\naws_access_key_id = AKIA\naws_secret_access_key = x\n".write(toFile: home.credentials, atomically: true, encoding: .utf8)
        #expect(try home.orgprofile("install", "--from", "dist/users/bob/config").status == 0)
        try home.signIn(expiresAt: "2099-01-01T00:00:00Z")
        let ordinary = try home.orgprofile("doctor")
        #expect(ordinary.status == 0, "\(ordinary.stdout)")
        #expect(ordinary.stdout.contains("[ok  ] no profile orgprofile manages is in \(home.credentials)\n"))
        #expect(ordinary.stdout.contains("[info] profiles of your own in both files (fine: orgprofile does not manage them): ci\n"))

        // A managed profile in the credentials file, and one the --from file would install.
        try "[ci]\naws_access_key_id = AKIA\n[acme-workload-development]\naws_access_key_id = AKIA\n[acme-user-management]\nregion = x\n"
            .write(toFile: home.credentials, atomically: true, encoding: .utf8)
        let clashing = try home.orgprofile("doctor", "--from", "dist/users/alice/config")
        #expect(clashing.status == 1)
        let failures = clashing.stdout.split(separator: "\n").filter { $0.hasPrefix("[FAIL]") && $0.contains("credentials") }
        #expect(
            failures == [
                "[FAIL] \(home.credentials):5: profile acme-user-management, which orgprofile manages, is also in \(home.credentials); the AWS CLI would mix its keys into the SSO profile",
                "[FAIL] \(home.credentials):3: profile acme-workload-development, which orgprofile manages, is also in \(home.credentials); the AWS CLI would mix its keys into the SSO profile",
            ])
    }

    @Test func doctorWithoutConfigOrToken() throws {
        let home = try Home(awsMajorVersion: nil)
        defer { home.remove() }
        let empty = try home.orgprofile("doctor")
        #expect(empty.status == 1)
        #expect(empty.stdout.contains("[FAIL] \(home.config) does not exist\n"))
        #expect(empty.stdout.contains("[FAIL] no aws command on PATH\n"))

        #expect(try home.orgprofile("install", "--from", "dist/users/bob/config").status == 0)
        let unsigned = try home.orgprofile("doctor")
        #expect(
            unsigned.stdout.contains(
                "[FAIL] sso-session acme: not signed in (no token in \(home.folder)/home/.aws/sso/cache/293abb6b76d7791c0732cc517d38c4b5c734b87f.json)\n       fix: aws sso login --sso-session acme\n"
            ))
    }

    /// The AWS CLI's own parser reads the installed file as the old profiles plus the new ones.
    @Test(.enabled(if: python3WithBotocore, "python3 with botocore is not installed; the AWS CLI parser check is skipped"))
    func botocoreReadsTheInstalledConfig() throws {
        let home = try Home()
        defer { home.remove() }
        try home.writeConfig("[default]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 20\n\n[profile mine]\nregion = x\n; end")
        #expect(try home.orgprofile("install", "--from", "dist/users/alice/config").status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_CONFIG_FILE"] = home.config
        let script = """
            import botocore.session
            c = botocore.session.Session().full_config
            print(sorted(c["profiles"]), sorted(c["sso_sessions"]), c["profiles"]["default"]["s3"], c["profiles"]["acme-user-management"]["sso_account_id"])
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script], environment: environment)
        #expect(
            result.stdout
                == "['acme-infrastructure', 'acme-organization-management', 'acme-user-management', 'acme-workload-development', 'acme-workload-production', 'default', 'mine'] ['acme'] {'max_concurrent_requests': '20'} 111111111111\n",
            "\(result.stderr)")
    }
}

/// The marker lines of the example's block.
enum ManagedBlock {
    static let begin = "# >>> orgprofile acme: managed, edits inside are replaced >>>"
    static let end = "# <<< orgprofile acme <<<"
}
