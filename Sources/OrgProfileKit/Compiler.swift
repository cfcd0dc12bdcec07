import FileSafety
import Foundation
import OrgYAML
import Support

/// The pipeline: load YAML with positions, decode the spec, validate, resolve. Rendering
/// and writing follow in `Renderer` and `OutputWriter`.
public enum Compiler {
    /// What analysing an org.yaml found: every diagnostic in file order, and the model
    /// when there are no errors.
    public struct Analysis: Sendable {
        public var diagnostics: [Diagnostic]
        public var model: AccessModel?
        /// With `lapsed`, when some grant has a window: the model of the grants whose `until`
        /// had passed by `asOf` (what `drift` reports when it is still live).
        public var lapsed: AccessModel?
    }

    /// `strict`: warnings count as errors (and are reported as errors). Access is as of
    /// `asOf`: what has lapsed or not started is left out of the model.
    public static func analyze(
        _ source: SourceFile, strict: Bool = false, asOf: Date = UTCTime.today, limits: Limits = .standard, lapsed: Bool = false
    ) -> Analysis {
        let front: FrontEnd.Analysis
        switch FrontEnd.analyze(source, asOf: asOf, limits: limits) {
        case .success(let analysis): front = analysis
        case .failure(let failure): return Analysis(diagnostics: failure.diagnostics, model: nil)
        }
        var decodeDiagnostics = front.diagnostics
        let model = AccessModel(spec: front.spec, asOf: asOf)
        // Collisions are only bounded once the counts are. They are checked over every grant,
        // whatever its window, so that a name that is free today cannot collide when a grant
        // starts.
        if front.withinLimits {
            let everyGrant = front.spec.hasAccessWindows ? AccessModel(spec: front.spec, asOf: nil) : model
            decodeDiagnostics += everyGrant.collisionDiagnostics(limits: limits)
        }
        var diagnostics = decodeDiagnostics.finished(inFile: source.name)
        if strict {
            for index in diagnostics.indices where diagnostics[index].severity == .warning {
                diagnostics[index].severity = .error
            }
        }
        guard !diagnostics.hasErrors else { return Analysis(diagnostics: diagnostics, model: nil) }
        let ended = lapsed && front.spec.hasAccessWindows ? AccessModel(spec: front.spec, holding: .lapsed(asOf)) : nil
        return Analysis(diagnostics: diagnostics, model: model, lapsed: ended)
    }

    /// Two versions of org.yaml, up to this many bytes together, are analysed at once, one on
    /// each core; larger ones one after the other, so that only one YAML tree is in memory
    /// at a time (a tree takes up to about 65 times its file: two 10 MB files at once would
    /// pass 1 GB).
    static let parallelDiffBytes = 4 << 20

    /// Two versions of org.yaml analysed (what `diff` compares).
    public static func analyze(old: SourceFile?, new: SourceFile, strict: Bool = false, asOf: Date = UTCTime.today) -> (
        old: Analysis?, new: Analysis
    ) {
        guard (old?.bytes.count ?? 0) + new.bytes.count > parallelDiffBytes else {
            return Parallel.both({ old.map { analyze($0, strict: strict, asOf: asOf) } }, { analyze(new, strict: strict, asOf: asOf) })
        }
        return (old.map { analyze($0, strict: strict, asOf: asOf) }, analyze(new, strict: strict, asOf: asOf))
    }

    /// The name generated files call org.yaml by: its file name, never a path.
    public static func displayName(of path: String) -> String {
        PathText.lastComponent(of: path)
    }
}
