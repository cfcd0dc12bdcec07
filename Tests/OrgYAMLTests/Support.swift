import TestSupport

@testable import OrgYAML

/// Every diagnostic org.yaml's front end finds in a text (`FrontEnd.analyze`), in the order
/// it reports them, as `diagnosticLines` writes them.
func diagnostics(_ yaml: String) -> [String] {
    switch FrontEnd.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8))) {
    case .success(let analysis): diagnosticLines(analysis.diagnostics.finished(inFile: "org.yaml"))
    case .failure(let failure): diagnosticLines(failure.diagnostics)
    }
}
