import Crypto
import FileSafety
import Foundation
import Support

/// Read-only checks of a person's AWS CLI setup, each with one clear fix.
public enum Doctor {
    public struct Check: Equatable, Sendable, Encodable {
        public enum Status: String, Sendable, Encodable {
            case pass, fail
            /// Worth knowing, not a problem.
            case info
        }

        /// A stable name, e.g. `config-file`, `sso-token`.
        public var check: String
        public var status: Status
        public var message: String
        public var fix: String?
    }

    /// What the checks look at.
    public struct Setup: Sendable {
        public var paths: AWSConfigPaths
        public var now: Date
        /// What `aws --version` printed, or nil when there is no `aws` on PATH.
        public var awsVersion: String?
        /// The block that should be installed: its project and generated config.
        public var expected: (project: String, config: String)?

        public init(paths: AWSConfigPaths, now: Date, awsVersion: String?, expected: (project: String, config: String)? = nil) {
            self.paths = paths
            self.now = now
            self.awsVersion = awsVersion
            self.expected = expected
        }
    }

    public static func run(_ setup: Setup) -> [Check] {
        var checks: [Check] = []
        let config = readFile(setup.paths.config, role: .config, name: "config-file", into: &checks)
        let credentials = readFile(setup.paths.credentials, role: .credentials, name: "credentials-file", into: &checks)
        if let config {
            checks += blocks(config, setup: setup)
            if let credentials {
                checks += credentialClashes(config, credentials, managed: managedProfiles(config, setup: setup), setup.paths)
            }
            checks += sessionReferences(config, path: setup.paths.config)
            checks += tokens(config, setup: setup)
        }
        checks.append(awsCommand(setup.awsVersion))
        return checks
    }

    // MARK: Files

    private static func readFile(_ path: String, role: ConfigFile.Role, name: String, into checks: inout [Check]) -> ConfigFile? {
        let bytes: [UInt8]?
        do {
            bytes = try FileSystem.read(path, owner: .person)
        } catch {
            checks.append(
                Check(
                    check: name, status: .fail, message: "\(path) cannot be read: \((error as? FileError)?.reason ?? "\(error)")",
                    fix: "make \(path) a readable file"))
            return nil
        }
        guard let bytes else {
            if role == .config {
                checks.append(
                    Check(
                        check: name, status: .fail, message: "\(path) does not exist",
                        fix: "install your config: orgprofile install --from <your published config>"))
            } else {
                checks.append(Check(check: name, status: .info, message: "\(path) does not exist (not needed for IAM Identity Center)"))
            }
            return nil
        }
        do {
            let file = try ConfigFile.parse(bytes)
            checks.append(Check(check: name, status: .pass, message: "\(path) is readable by the AWS CLI"))
            return file
        } catch {
            checks.append(
                Check(
                    check: name, status: .fail, message: "\(path):\(error.line): the AWS CLI cannot read this file: \(error.message)",
                    fix: "edit line \(error.line) of \(path)"))
            return nil
        }
    }

    // MARK: Managed blocks

    private static func blocks(_ config: ConfigFile, setup: Setup) -> [Check] {
        let path = setup.paths.config
        switch ManagedBlock.find(in: config) {
        case .failure(let problem):
            return [
                Check(
                    check: "managed-blocks", status: .fail, message: "\(path):\(problem.line): \(problem.message)",
                    fix:
                        "repair the markers by hand (a backup of the file is beside it after every install), then run orgprofile install again"
                )
            ]
        case .success(let blocks):
            var checks: [Check] = []
            if blocks.isEmpty {
                checks.append(
                    Check(
                        check: "managed-blocks", status: setup.expected == nil ? .info : .fail, message: "\(path) has no orgprofile block",
                        fix: setup.expected == nil ? nil : "run orgprofile install"))
            } else {
                let names = blocks.map { "\($0.project) (lines \($0.begin + 1)-\($0.end + 1))" }.joined(separator: ", ")
                checks.append(Check(check: "managed-blocks", status: .pass, message: "orgprofile blocks intact: \(names)"))
            }
            if let expected = setup.expected {
                checks.append(currentBlock(config, blocks: blocks, expected: expected, path: path))
            }
            for block in blocks {
                for setting in config.commandSettings(in: block.begin...block.end) {
                    checks.append(
                        Check(
                            check: "block-commands", status: .info,
                            message:
                                "\(path):\(setting.line): '\(setting.key)' in [\(setting.section)] of the orgprofile \(block.project) block runs '\(setting.value)' whenever the AWS CLI uses it"
                        ))
                }
            }
            return checks
        }
    }

    private static func currentBlock(
        _ config: ConfigFile, blocks: [ManagedBlock], expected: (project: String, config: String), path: String
    ) -> Check {
        guard let block = blocks.first(where: { $0.project == expected.project }) else {
            return Check(
                check: "block-current", status: .fail, message: "no orgprofile \(expected.project) block is installed in \(path)",
                fix: "run orgprofile install")
        }
        let installed = block.configLines(in: config)
        let wanted = ConfigFile.splitLines(expected.config).map(\.text)
        guard installed == wanted else {
            return Check(
                check: "block-current", status: .fail, message: "the orgprofile \(expected.project) block is out of date",
                fix: "run orgprofile install again (orgprofile install --dry-run shows what changes)")
        }
        return Check(check: "block-current", status: .pass, message: "the orgprofile \(expected.project) block is current")
    }

    // MARK: Profiles and sessions

    /// The profiles orgprofile is responsible for: those inside its blocks, and those of the
    /// config that should be installed. Other profiles are the person's own business.
    private static func managedProfiles(_ config: ConfigFile, setup: Setup) -> Set<String> {
        var managed = Set<String>()
        if case .success(let blocks) = ManagedBlock.find(in: config) {
            for (name, indices) in config.profileSections(as: .config)
            where indices.contains(where: { index in blocks.contains { ($0.begin...$0.end).contains(config.sections[index].line) } }) {
                managed.insert(name)
            }
        }
        if let expected = setup.expected, let file = try? ConfigFile.parse(Array(expected.config.utf8)) {
            managed.formUnion(file.profileSections(as: .config).keys)
        }
        return managed
    }

    /// A managed profile that the credentials file also defines gets that file's keys mixed
    /// into it: a failure. The same name for a profile of the person's own (what
    /// `aws configure --profile NAME` writes for access keys) is how the AWS CLI is meant to
    /// be used, and only mentioned.
    private static func credentialClashes(_ config: ConfigFile, _ credentials: ConfigFile, managed: Set<String>, _ paths: AWSConfigPaths)
        -> [Check]
    {
        let profiles = config.profileSections(as: .config)
        let shared = credentials.profileSections(as: .credentials).filter { profiles[$0.key] != nil || managed.contains($0.key) }.sorted {
            $0.key < $1.key
        }
        var checks: [Check] = []
        for (name, indices) in shared where managed.contains(name) {
            let line = credentials.sections[indices[0]].line + 1
            checks.append(
                Check(
                    check: "credentials-clash", status: .fail,
                    message:
                        "\(paths.credentials):\(line): profile \(name), which orgprofile manages, is also in \(paths.credentials); the AWS CLI would mix its keys into the SSO profile",
                    fix: "remove or rename [\(credentials.sections[indices[0]].name)] in \(paths.credentials)"))
        }
        if checks.isEmpty {
            checks.append(
                Check(check: "credentials-clash", status: .pass, message: "no profile orgprofile manages is in \(paths.credentials)"))
        }
        let own = shared.map(\.key).filter { !managed.contains($0) }
        if !own.isEmpty {
            checks.append(
                Check(
                    check: "credentials-clash", status: .info,
                    message: "profiles of your own in both files (fine: orgprofile does not manage them): \(own.joined(separator: ", "))"))
        }
        return checks
    }

    private static func sessionReferences(_ config: ConfigFile, path: String) -> [Check] {
        let sessions = config.ssoSessionSections()
        var checks: [Check] = []
        for (name, indices) in config.profileSections(as: .config).sorted(by: { $0.key < $1.key }) {
            let index = indices.last!
            let values = config.values(of: index)
            guard case .string(let session)? = values["sso_session"] else { continue }
            let line = config.sections[index].line + 1
            guard let sessionIndex = sessions[session]?.last else {
                checks.append(
                    Check(
                        check: "sso-session-reference", status: .fail,
                        message: "\(path):\(line): profile \(name) names sso-session \(session), which is not in the file",
                        fix: "add [sso-session \(session)], or reinstall with orgprofile install"))
                continue
            }
            let sessionValues = config.values(of: sessionIndex)
            for (key, sessionKey) in [("sso_start_url", "sso_start_url"), ("sso_region", "sso_region")] {
                if case .string(let own)? = values[key], let theirs = sessionValues[sessionKey], theirs != .string(own) {
                    checks.append(
                        Check(
                            check: "sso-session-reference", status: .fail,
                            message:
                                "\(path):\(line): profile \(name) sets \(key) = \(own), which disagrees with sso-session \(session); the AWS CLI refuses the profile",
                            fix: "remove \(key) from [\(config.sections[index].name)]"))
                }
            }
        }
        if checks.isEmpty {
            checks.append(
                Check(check: "sso-session-reference", status: .pass, message: "every profile's sso_session exists and agrees with it"))
        }
        return checks
    }

    // MARK: Sign-in tokens

    /// `~/.aws/sso/cache/` + the SHA-1 of the session name + `.json`, where `aws sso login`
    /// keeps the session's token.
    public static func tokenCacheFile(forSession name: String, in folder: String) -> String {
        let digest = Insecure.SHA1.hash(data: Array(name.utf8)).map { String(format: "%02x", $0) }.joined()
        return PathText.joined(folder, "\(digest).json")
    }

    private static func tokens(_ config: ConfigFile, setup: Setup) -> [Check] {
        config.ssoSessionSections().keys.sorted().map { session in
            let path = tokenCacheFile(forSession: session, in: setup.paths.ssoCache)
            let login = "aws sso login --sso-session \(session)"
            let found: [UInt8]?
            do {
                // A token file is a few hundred bytes; a megabyte is no token file.
                found = try FileSystem.read(path, owner: .person, limit: 1 << 20)
            } catch {
                return Check(
                    check: "sso-token", status: .fail, message: "sso-session \(session): the token file cannot be read: \(error)",
                    fix: login)
            }
            guard let bytes = found else {
                return Check(
                    check: "sso-token", status: .fail, message: "sso-session \(session): not signed in (no token in \(path))", fix: login)
            }
            struct TokenFile: Decodable { var expiresAt: String }
            guard let text = (try? JSONDecoder().decode(TokenFile.self, from: Data(bytes)))?.expiresAt, let expiry = UTCTime.parse(text)
            else {
                return Check(
                    check: "sso-token", status: .fail, message: "sso-session \(session): the token file \(path) cannot be read", fix: login)
            }
            let seconds = Int(expiry.timeIntervalSince(setup.now))
            if seconds <= 0 {
                return Check(
                    check: "sso-token", status: .fail,
                    message: "sso-session \(session): the sign-in expired \(duration(-seconds)) ago (\(text))", fix: login)
            }
            return Check(
                check: "sso-token", status: .pass,
                message: "sso-session \(session): signed in until \(text) (\(duration(seconds)) from now)")
        }
    }

    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86400 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        return "\(seconds / 86400)d \(seconds % 86400 / 3600)h"
    }

    // MARK: The aws command

    private static func awsCommand(_ version: String?) -> Check {
        guard let version else {
            return Check(check: "aws-cli", status: .fail, message: "no aws command on PATH", fix: "install the AWS CLI version 2")
        }
        let first = version.split(separator: "\n").first.map(String.init) ?? version
        if first.hasPrefix("aws-cli/2.") {
            return Check(check: "aws-cli", status: .pass, message: "\(first.split(separator: " ").first ?? "aws-cli/2") on PATH")
        }
        return Check(
            check: "aws-cli", status: .fail,
            message: "\(first.split(separator: " ").first.map(String.init) ?? first) is not version 2; aws sso login needs version 2",
            fix: "install the AWS CLI version 2")
    }
}
