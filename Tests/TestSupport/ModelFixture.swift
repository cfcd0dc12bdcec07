import OrgProfileKit
import OrgYAML
import Testing

/// The access model of an org.yaml text, which must compile; the diagnostics when it does not.
public func accessModel(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> AccessModel {
    let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)))
    return try #require(analysis.model, "\(analysis.diagnostics)", sourceLocation: sourceLocation)
}
