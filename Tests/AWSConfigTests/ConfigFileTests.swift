import Foundation
import TestSupport
import Testing

@testable import AWSConfig

/// The AWS SDKs' shared parser suites (copied from ../shared/aws-config-tests into
/// Fixtures/aws-config), each case read by orgprofile's reader and compared with what
/// botocore, the AWS CLI's parser, makes of it (recorded by
/// scripts/botocore-suite-expectations.py, since botocore is stricter than the suites).
@Suite struct ConfigFileSuiteTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var suite: String
        var name: String
        var config: String?
        var credentials: String?
        var expectedConfig: Expectation?
        var expectedCredentials: Expectation?
        /// What the SDK suite itself expects of the config file: an error, or not.
        var suiteExpectsError: Bool

        var testDescription: String { "\(suite): \(name)" }
    }

    enum Expectation: Equatable, Sendable {
        case error
        case files(profiles: [String: [String: ConfigFile.Value]], ssoSessions: [String: [String: ConfigFile.Value]])
    }

    static let cases: [Case] = {
        let folder = packageRoot.appendingPathComponent("Tests/AWSConfigTests/Fixtures/aws-config").path
        func json(_ name: String) -> [String: Any] {
            let data = FileManager.default.contents(atPath: folder + "/" + name)!
            return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        }
        func values(_ object: Any?) -> [String: [String: ConfigFile.Value]] {
            (object as? [String: [String: Any]] ?? [:]).mapValues { properties in
                properties.mapValues { value in
                    if let nested = value as? [String: String] { return .nested(nested) }
                    return .string(value as? String ?? "")
                }
            }
        }
        func expectation(_ object: Any?) -> Expectation? {
            guard let object = object as? [String: Any] else { return nil }
            if object["error"] != nil { return .error }
            return .files(profiles: values(object["profiles"]), ssoSessions: values(object["sso_sessions"]))
        }
        let botocore = (json("botocore-expectations.json")["cases"] as! [[String: Any]])
        return botocore.map { entry in
            let suite = entry["suite"] as! String
            let index = entry["index"] as! Int
            let test = (json(suite)["tests"] as! [[String: Any]])[index]
            let input = test["input"] as! [String: Any]
            let output = test["output"] as? [String: Any] ?? [:]
            return Case(
                suite: suite, name: entry["name"] as! String,
                config: input["configFile"] as? String, credentials: input["credentialsFile"] as? String,
                expectedConfig: expectation(entry["config"]), expectedCredentials: expectation(entry["credentials"]),
                suiteExpectsError: output["errorContaining"] != nil)
        }
    }()

    static func read(_ text: String, as role: ConfigFile.Role) -> Expectation {
        guard let file = try? ConfigFile.parse(Array(text.utf8)) else { return .error }
        let (profiles, sessions) = file.profiles(as: role)
        return .files(profiles: profiles, ssoSessions: role == .config ? sessions : [:])
    }

    @Test(arguments: cases)
    func readsLikeTheAWSCLI(_ testCase: Case) throws {
        if let config = testCase.config {
            #expect(Self.read(config, as: .config) == testCase.expectedConfig)
            // Whatever it reads, it keeps every byte.
            if let file = try? ConfigFile.parse(Array(config.utf8)) {
                #expect(file.bytes == Array(config.utf8))
            }
        }
        if let credentials = testCase.credentials {
            #expect(Self.read(credentials, as: .credentials) == testCase.expectedCredentials)
        }
    }

    @Test func coversEveryCaseOfTheSuites() {
        #expect(Self.cases.count == 132)
        #expect(Set(Self.cases.map(\.suite)) == ["kotlin-profile-parser-tests.json", "smithy-rs-profile-parser-tests.json"])
        // Where the SDK suites expect an error in a config file, the AWS CLI refuses it too,
        // except in 4 cases its simpler rules accept (such as `key : value`).
        let suiteErrors = Self.cases.filter { $0.suiteExpectsError && $0.config != nil }
        #expect(suiteErrors.filter { $0.expectedConfig == .error }.count == 15)
        #expect(suiteErrors.filter { $0.expectedConfig != .error }.count == 4)
    }
}

@Suite struct ConfigFileTests {
    func parse(_ text: String) throws -> ConfigFile {
        try ConfigFile.parse(Array(text.utf8))
    }

    func error(_ text: String) -> String? {
        do {
            _ = try ConfigFile.parse(Array(text.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func keepsEveryByte() throws {
        let text =
            "# mine\r\n[default]\r\nregion = eu-west-1 # not a comment\r\n\r\n[profile dev]\r\ns3 =\r\n  max_concurrent_requests = 20\r\noutput : yaml\r\n; last"
        let file = try parse(text)
        #expect(file.bytes == Array(text.utf8))
        #expect(file.lines.map(\.ending) == ["\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", ""])
        #expect(file.lines.map(\.kind) == [.comment, .section(0), .option, .blank, .section(1), .option, .continuation, .option, .comment])
        let (profiles, _) = file.profiles(as: .config)
        #expect(profiles["default"] == ["region": .string("eu-west-1 # not a comment")])
        #expect(profiles["dev"] == ["s3": .nested(["max_concurrent_requests": "20"]), "output": .string("yaml")])
        #expect(file.sections.map(\.lastLine) == [2, 7])
    }

    @Test func refusesWhatTheAWSCLIRefuses() {
        #expect(
            error("[profile a]\nx = 1\n[profile a]\n")
                == "line 3: duplicate section [profile a] (first on line 1); the AWS CLI refuses the whole file")
        #expect(
            error("[profile a]\nName = 1\nname = 2\n")
                == "line 3: duplicate key 'name' in section [profile a]; the AWS CLI refuses the whole file")
        #expect(error("x = 1\n") == "line 1: 'x = 1' is outside any section; the file must start with a [section] header")
        #expect(error("[a]\njust words\n") == "line 2: 'just words' is not a section, a 'key = value' line, a comment or a continuation")
        #expect(error("[a]\n= v\n") == "line 2: '= v' has no key before '='")
        #expect(error("[a]\ns3 =\n  nonsense\n") == "line 2: the sub-settings of 's3' have a line without '='")
        #expect((try? ConfigFile.parse([0x5B, 0x61, 0x5D, 0x0A, 0xFF])) == nil)
    }

    @Test func sectionNamesAsTheAWSCLIReadsThem() throws {
        let file = try parse(
            "[default]\n[profile a]\n[profile  b ]\n[profile c d]\n[profile 'e f']\n[sso-session acme]\n[preview]\n[profile]\n")
        #expect(file.profileSections(as: .config).keys.sorted() == ["a", "b", "default", "e f"])
        #expect(file.ssoSessionSections().keys.sorted() == ["acme"])
        #expect(try parse("[profile x]\n[x]\n").profileSections(as: .credentials).keys.sorted() == ["profile x", "x"])
    }

    @Test func defaultSectionLendsItsKeys() throws {
        let file = try parse("[DEFAULT]\noutput = json\n[profile a]\nregion = x\n")
        #expect(file.profiles(as: .config).profiles["a"] == ["region": .string("x"), "output": .string("json")])
        #expect(file.sections.count == 1)
    }

    @Test func shellWords() {
        #expect(ShellWords.split("profile a") == ["profile", "a"])
        #expect(ShellWords.split("profile \"a b\"") == ["profile", "a b"])
        #expect(ShellWords.split("profile 'a") == nil)
        #expect(ShellWords.split("profile a\\ b") == ["profile", "a b"])
    }
}
