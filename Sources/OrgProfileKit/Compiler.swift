import FileSafety
import Foundation
import OrgYAML
import Support

/// org.yaml's bytes and the name to call the file by in diagnostics and generated files.
public struct SourceFile: Sendable {
    public var name: String
    public var bytes: [UInt8]
    /// How to read the files org.yaml names beside itself.
    public var companions: CompanionFiles

    public init(name: String, bytes: [UInt8], companions: CompanionFiles = .none) {
        self.name = name
        self.bytes = bytes
        self.companions = companions
    }

    /// Reads a file; the name is the path as given. Reads at most one byte more than the
    /// size limit, so a huge file is refused (by `Compiler.analyze`) without being loaded.
    /// Its companions are read from its folder, named by their path from there.
    public static func read(_ path: String, limit: Int = Limits.standard.fileBytes) throws -> SourceFile {
        let folder = PathText.folder(of: path)
        return SourceFile(
            name: path, bytes: try FileSystem.readExisting(path, owner: .person, limit: limit + 1),
            companions: CompanionFiles { relative in
                // No link is followed below org.yaml's folder: a link added in a pull request
                // must not copy a file of the machine that compiles into the output.
                (PathText.joined(folder, relative), try FileSystem.readBeneath(folder, relative, limit: limit + 1))
            })
    }
}

/// The pipeline: load YAML with positions, decode the spec, validate, resolve. Rendering
/// and writing follow in `Renderer` and `OutputWriter`.
public enum Compiler {
    /// What analysing an org.yaml found: every diagnostic in file order, and the model
    /// when there are no errors.
    public struct Analysis: Sendable {
        public var diagnostics: [Diagnostic]
        public var model: AccessModel?
    }

    /// `strict`: warnings count as errors (and are reported as errors).
    public static func analyze(_ source: SourceFile, strict: Bool = false, limits: Limits = .standard) -> Analysis {
        guard source.bytes.count <= limits.fileBytes else {
            let message = "\(source.name) is larger than the limit of \(Limits.size(limits.fileBytes))"
            return Analysis(
                diagnostics: [.error(.limitExceeded, message, at: SourceLocation(file: source.name, line: 1, column: 1))], model: nil)
        }
        var decoder = SpecDecoder()
        let tree: YAMLNode
        switch YAMLLoader(limits: limits).load(source.bytes, file: source.name) {
        case .success(let node): tree = node
        case .failure(let failure): return Analysis(diagnostics: failure.diagnostics, model: nil)
        }
        var (spec, decodeDiagnostics) = decoder.decode(tree)
        spec.file = source.name
        decodeDiagnostics += source.companions.load(into: &spec, limits: limits)
        let counts = Validator.checkCounts(spec, limits: limits)
        let validation = Validator.validate(spec)
        let model = AccessModel(spec: spec)
        // Collisions are only bounded once the counts are.
        let resolution = counts.isEmpty ? model.collisionDiagnostics(limits: limits) : []
        decodeDiagnostics += counts
        decodeDiagnostics.append(validation)
        decodeDiagnostics += resolution
        var diagnostics = decodeDiagnostics.finished(inFile: source.name)
        if strict {
            for index in diagnostics.indices where diagnostics[index].severity == .warning {
                diagnostics[index].severity = .error
            }
        }
        return Analysis(diagnostics: diagnostics, model: diagnostics.hasErrors ? nil : model)
    }

    /// Two versions of org.yaml, up to this many bytes together, are analysed at once, one on
    /// each core; larger ones one after the other, so that only one YAML tree is in memory
    /// at a time (a tree takes up to about 65 times its file: two 10 MB files at once would
    /// pass 1 GB).
    static let parallelDiffBytes = 4 << 20

    /// Two versions of org.yaml analysed (what `diff` compares).
    public static func analyze(old: SourceFile?, new: SourceFile, strict: Bool = false) -> (old: Analysis?, new: Analysis) {
        guard (old?.bytes.count ?? 0) + new.bytes.count > parallelDiffBytes else {
            return Parallel.both({ old.map { analyze($0, strict: strict) } }, { analyze(new, strict: strict) })
        }
        return (old.map { analyze($0, strict: strict) }, analyze(new, strict: strict))
    }

    /// The name generated files call org.yaml by: its file name, never a path.
    public static func displayName(of path: String) -> String {
        PathText.lastComponent(of: path)
    }
}
