import Foundation

/// org.yaml's bytes and the name to call the file by in diagnostics and generated files.
public struct SourceFile: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// Reads a file; the name is the path as given.
    public static func read(_ path: String) throws -> SourceFile {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw FileError(path: path, reason: String(cString: strerror(EISDIR)))
        }
        do {
            return SourceFile(name: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        } catch {
            throw FileError(path: path, reason: FileError.reason(error))
        }
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
    public static func analyze(_ source: SourceFile, strict: Bool = false, loader: YAMLLoader = YAMLLoader()) -> Analysis {
        let root: YAMLNode
        switch loader.load(source.bytes, file: source.name) {
        case .success(let node): root = node
        case .failure(let failure): return Analysis(diagnostics: failure.diagnostics, model: nil)
        }
        var decoder = SpecDecoder()
        let (spec, decodeDiagnostics) = decoder.decode(root)
        let model = AccessModel(spec: spec)
        var diagnostics = (decodeDiagnostics + Validator.validate(spec) + model.collisionDiagnostics()).sortedByLocation()
        if strict {
            for index in diagnostics.indices where diagnostics[index].severity == .warning {
                diagnostics[index].severity = .error
            }
        }
        return Analysis(diagnostics: diagnostics, model: diagnostics.hasErrors ? nil : model)
    }

    /// The name generated files call org.yaml by: its file name, never a path.
    public static func displayName(of path: String) -> String {
        (path as NSString).lastPathComponent
    }
}
