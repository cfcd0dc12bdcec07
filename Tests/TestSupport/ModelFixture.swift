import Foundation
import OrgProfileKit
import OrgYAML
import Support
import Testing

/// The access model of an org.yaml text, which must compile; the diagnostics when it does not.
public func accessModel(_ yaml: String, asOf: Date = UTCTime.today, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
    -> AccessModel
{
    let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), asOf: asOf)
    return try #require(analysis.model, "\(analysis.diagnostics)", sourceLocation: sourceLocation)
}

/// The access model of an org.yaml text as of `asOf`, and the model of its grants that have
/// lapsed by then (what drift reports when still live).
public func accessModels(_ yaml: String, asOf: Date, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (
    model: AccessModel, lapsed: AccessModel?
) {
    let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), asOf: asOf, lapsed: true)
    return (try #require(analysis.model, "\(analysis.diagnostics)", sourceLocation: sourceLocation), analysis.lapsed)
}
