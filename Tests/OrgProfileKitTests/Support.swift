import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// A small valid org.yaml that tests change one piece of at a time.
let validOrg = """
    version: 1
    project: acme
    sso_session:
      start_url: https://acme.awsapps.com/start
      region: us-west-2
    accounts:
      infrastructure:
        id: "222222222222"
      workload-development:
        id: "333333333333"
    roles:
      Developer: {}
      ReadOnlyAccess:
        profile_suffix: readonly
    groups:
      developers:
        assignments:
          - role: Developer
            accounts: [workload-development]
    users:
      bob:
        groups: [developers]
        assignments:
          - role: ReadOnlyAccess
            accounts: [infrastructure]

    """

/// Every diagnostic of an org.yaml text, each as `LINE:COLUMN: severity[code]: message`
/// (notes on lines of their own, as `LINE:COLUMN: note: message`), in the order the compiler
/// reports them.
func diagnostics(_ yaml: String) -> [String] {
    Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8))).diagnostics.flatMap { diagnostic in
        [format(diagnostic.location, "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]", diagnostic.message)]
            + diagnostic.notes.map { format($0.location, "note", $0.message) }
    }
}

private func format(_ location: OrgYAML.SourceLocation?, _ severity: String, _ message: String) -> String {
    guard let location else { return "\(severity): \(message)" }
    return "\(location.line):\(location.column): \(severity): \(message)"
}

/// The model of a valid org.yaml text; fails the test when it has errors.
func model(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> AccessModel {
    let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)))
    return try #require(analysis.model, "org.yaml has errors: \(analysis.diagnostics)", sourceLocation: sourceLocation)
}

func readText(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Compares text with a golden file under Tests/OrgProfileKitTests/Fixtures; with
/// ORGPROFILE_RECORD set in the environment, a file that differs is written anew (and the test fails).
func expectGolden(_ actual: String, _ fixture: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let mismatch = try goldenMismatch(actual, fixture: fixture)
    #expect(mismatch == nil, "\(mismatch ?? "")", sourceLocation: sourceLocation)
}

func fixture(_ name: String) throws -> String {
    try readText(packageRoot.appendingPathComponent("Tests/OrgProfileKitTests/Fixtures/\(name)").path)
}
