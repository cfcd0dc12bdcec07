import Foundation
import Support

/// The front half of the pipeline in one call: org.yaml's bytes loaded with positions,
/// decoded into a spec with its companion files, its counts held to the limits, and checked
/// against every rule. What it reports is about the file alone; what is built from the spec
/// (the model, its profile names) is checked after it (`Compiler.analyze` in OrgProfileKit).
public enum FrontEnd {
    public struct Analysis: Sendable {
        public var spec: OrgSpec
        /// Every diagnostic found, not yet in file order (`DiagnosticList.finished(inFile:)`).
        public var diagnostics: DiagnosticList
        /// The counts are within the limits, so what grows with them is bounded.
        public var withinLimits: Bool
    }

    /// The analysis, or the reason the file is not read at all (too large, not YAML), in
    /// diagnostics that are final as they are.
    /// Temporary access is checked as of `asOf` (`expired-access`).
    public static func analyze(_ source: SourceFile, asOf: Date = UTCTime.today, limits: Limits = .standard) -> Result<
        Analysis, LoadFailure
    > {
        guard source.bytes.count <= limits.fileBytes else {
            let message = "\(source.name) is larger than the limit of \(Limits.size(limits.fileBytes))"
            return .failure(LoadFailure([.error(.limitExceeded, message, at: SourceLocation(file: source.name, line: 1, column: 1))]))
        }
        return YAMLLoader(limits: limits).load(source.bytes, file: source.name).map { tree in
            var decoder = SpecDecoder()
            var (spec, diagnostics) = decoder.decode(tree)
            spec.file = source.name
            diagnostics += source.companions.load(into: &spec, limits: limits)
            let counts = Validator.checkCounts(spec, limits: limits)
            diagnostics += counts
            diagnostics.append(Validator.validate(spec, asOf: asOf))
            return Analysis(spec: spec, diagnostics: diagnostics, withinLimits: counts.isEmpty)
        }
    }
}
