import Foundation
import TestSupport
import Testing

@testable import OrgYAML

/// The editor schema says what the decoder reads: the same keys at every level, and the
/// files the validator accepts or refuses for their shape are accepted or refused alike.
@Suite struct SchemaTests {
    static let schemaPath = packageRoot.appendingPathComponent("schema/org.schema.json").path

    @Test func theCommittedSchemaIsWhatOrgprofilePrints() throws {
        #expect(
            try String(contentsOfFile: Self.schemaPath, encoding: .utf8) == OrgSchema.text,
            "schema/org.schema.json is stale; run: swift run orgprofile schema > schema/org.schema.json")
        #expect(
            try String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8).hasPrefix(
                "# yaml-language-server: $schema=schema/org.schema.json\n"))
    }

    /// A key the decoder accepts that the schema lacks (or the reverse) fails here.
    @Test func everyKeyTheDecoderReadsIsInTheSchema() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(OrgSchema.text.utf8)) as? [String: Any])
        func properties(_ path: [String]) -> Set<String> {
            var node: Any = schema
            for step in path {
                guard let object = node as? [String: Any] else { return [] }
                node =
                    step == "*"
                    ? (object["additionalProperties"] as Any)
                    : step == "[]" ? (object["items"] as Any) : ((object["properties"] as? [String: Any])?[step] as Any)
            }
            return Set(((node as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        }
        let keys = SpecDecoder.Keys.self
        let expectations: [([String], [String])] = [
            ([], keys.top), (["review"], keys.review), (["sso_session"], keys.session), (["defaults"], keys.defaults),
            (["accounts", "*"], keys.account), (["roles", "*"], keys.role), (["user_management"], keys.userManagement),
            (["user_management", "delegated_admin"], keys.userManagementTarget),
            (["user_management", "organization_management"], keys.userManagementTarget),
            (["groups", "*"], keys.group), (["users", "*"], keys.user),
            (["groups", "*", "assignments", "[]"], keys.assignment), (["users", "*", "assignments", "[]"], keys.assignment),
        ]
        for (path, decoded) in expectations {
            #expect(properties(path) == Set(decoded), "schema at \(path.joined(separator: ".")) differs from the decoder")
        }
    }

    /// Runs scripts/schema-check.py over YAML texts; nil without python3, PyYAML and jsonschema.
    func check(_ texts: [String]) throws -> [String]? {
        let probe = try? runProgram("python3", ["-c", "import yaml, jsonschema"])
        guard probe?.status == 0 else { return nil }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths: [String] = []
        for (index, text) in texts.enumerated() {
            paths.append(folder + "/\(index).yaml")
            try text.write(toFile: paths.last!, atomically: true, encoding: .utf8)
        }
        let result = try runProgram(
            "python3", [packageRoot.appendingPathComponent("scripts/schema-check.py").path, Self.schemaPath] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test(
        .enabled(
            if: (try? runProgram("python3", ["-c", "import yaml, jsonschema"]))?.status == 0,
            "python3 with PyYAML and jsonschema is not installed"))
    func validFilesPassAndShapeErrorsFailAlike() throws {
        let valid = try [
            String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8),
            String(
                contentsOfFile: packageRoot.appendingPathComponent("Tests/OrgProfileKitTests/Fixtures/review/old.yaml").path,
                encoding: .utf8),
            String(
                contentsOfFile: packageRoot.appendingPathComponent("Tests/OrgProfileKitTests/Fixtures/review/new.yaml").path,
                encoding: .utf8),
            validOrg,
        ]
        for text in valid { #expect(diagnostics(text).filter { $0.contains("error:") }.isEmpty) }
        #expect(try check(valid) == Array(repeating: "valid", count: valid.count))

        // Each refused by the validator for its shape, and by the schema.
        let shapes: [(String, String)] = [
            (validOrg.replacingOccurrences(of: "project: acme\n", with: "project: acme\nprojekt: x\n"), "unknown key"),
            (
                validOrg.replacingOccurrences(of: "    id: \"222222222222\"\n", with: "    id: \"222222222222\"\n    regoin: us-east-1\n"),
                "unknown key"
            ),
            (validOrg.replacingOccurrences(of: "    groups: [developers]\n", with: "    groups: developers\n"), "wrong type"),
            (validOrg.replacingOccurrences(of: "        accounts: [infrastructure]\n", with: "        accounts: {a: b}\n"), "wrong type"),
            (validOrg.replacingOccurrences(of: "  region: us-west-2\n", with: ""), "missing key"),
            (validOrg.replacingOccurrences(of: "      - role: Developer\n", with: "      - rolle: Developer\n"), "unknown and missing key"),
        ]
        for (text, what) in shapes {
            #expect(text != validOrg, "the \(what) variant changed nothing")
            #expect(diagnostics(text).contains { $0.contains(": error[") }, "the validator accepts the \(what)")
        }
        let results = try #require(try check(shapes.map(\.0)))
        for (result, (_, what)) in zip(results, shapes) {
            #expect(result.hasPrefix("invalid"), "the schema accepts the \(what)")
        }
    }
}
