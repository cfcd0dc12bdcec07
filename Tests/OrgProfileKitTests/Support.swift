import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// Every diagnostic of an org.yaml text, the model's included (`Compiler.analyze`), as
/// `diagnosticLines` writes them.
func diagnostics(_ yaml: String) -> [String] {
    diagnosticLines(Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8))).diagnostics)
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
