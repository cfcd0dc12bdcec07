import ArgumentParser
import FileSafety
import Foundation
import OrgProfileKit
import OrgYAML
import Support

extension DiagnosticFormat: ExpressibleByArgument {}

/// The steps every command shares: reading org.yaml, printing diagnostics, loading
/// templates, and reporting problems that have no place in a file.
struct Frontend {
    let format: DiagnosticFormat
    let strict: Bool
    /// The moment temporary access is read as of (`--as-of`, else today in UTC).
    let asOf: Date
    let printer: DiagnosticPrinter

    init(options: DiagnosticOptions, printer: DiagnosticPrinter) {
        format = options.format.diagnosticsFormat
        strict = options.strict
        asOf = options.moment
        self.printer = printer
    }

    init(format: DiagnosticFormatOption, printer: DiagnosticPrinter) {
        self.format = format.diagnosticsFormat
        strict = false
        asOf = UTCTime.today
        self.printer = printer
    }

    /// Reads and analyses org.yaml, prints every diagnostic, and returns the model; exits 1
    /// when org.yaml has errors and 74 when it cannot be read.
    func analyze(_ path: String) throws -> (model: AccessModel, sourceName: String) {
        let (model, _, sourceName) = try analyze(path, lapsed: false)
        return (model, sourceName)
    }

    /// The model and, when `lapsed`, the model of the grants that have lapsed by `asOf` (nil when
    /// no grant has a window): what drift compares with Identity Center.
    func analyze(_ path: String, lapsed: Bool) throws -> (model: AccessModel, lapsed: AccessModel?, sourceName: String) {
        let analysis = Compiler.analyze(try read(path), strict: strict, asOf: asOf, lapsed: lapsed)
        return (try checked(analysis), analysis.lapsed, Compiler.displayName(of: path))
    }

    func read(_ path: String) throws -> SourceFile {
        let source = try reading { try SourceFile.read(path) }
        printer.quote(source)
        return source
    }

    /// The model and how many warnings came with it.
    func analyze(_ source: SourceFile) throws -> (model: AccessModel, warnings: Int) {
        let analysis = Compiler.analyze(source, strict: strict, asOf: asOf)
        return (try checked(analysis), analysis.diagnostics.count { $0.severity == .warning })
    }

    /// The analysis's diagnostics printed; its model, or exit 1 when org.yaml has errors.
    private func checked(_ analysis: Compiler.Analysis) throws -> AccessModel {
        report(analysis.diagnostics)
        guard let model = analysis.model else { throw Exit.invalidInput }
        return model
    }

    /// The renderer of the org.yaml at `path` with the templates of `templates` (the built-in
    /// set when nil): what compile, check, export and install render with.
    func renderer(_ path: String, templates: String?) throws -> Renderer {
        let (model, sourceName) = try analyze(path)
        return Renderer(model: model, templates: try self.templates(templates), sourceName: sourceName)
    }

    func templates(_ directory: String?) throws -> TemplateSet {
        switch TemplateSet.load(overridesIn: directory) {
        case .success(let templates):
            return templates
        case .failure(let failure):
            report(failure.diagnostics)
            throw failure.isIOError ? Exit.ioError : Exit.invalidInput
        }
    }

    /// Output made piece by piece: each piece goes on to standard output (for nil or `-`) or
    /// to the file, written atomically, as it comes, so the whole never has to be in memory.
    func stream(to output: String?, force: Bool = false, _ body: ((String) throws -> Void) throws -> Void) throws {
        guard let output, output != "-" else { return try body { Terminal.writeToStandardOutput($0) } }
        try writing { try OutputPath.stream(to: output, force: force, body) }
    }

    /// A command's one document, as `stream` writes it; `wrote`, when given, is said on
    /// standard error once a file is written.
    func emit(_ text: String, to output: String?, force: Bool = false, wrote: (String) -> String? = { _ in nil }) throws {
        try stream(to: output, force: force) { try $0(text) }
        guard let output, output != "-" else { return }
        if let message = wrote(output) { printer.write(message + "\n") }
    }

    /// A published config file (`--from`), read and parsed; exits 74 when it cannot be read
    /// and 1 when the AWS CLI could not read it either.
    func published(_ path: String) throws -> PublishedConfig {
        let bytes = try reading { try FileSystem.readExisting(path, owner: .person) }
        guard let config = PublishedConfig(path: path, bytes: bytes) else {
            fail(.installConflict, "\(path) is not a config file the AWS CLI can read")
            throw Exit.invalidInput
        }
        return config
    }

    /// The project a published config belongs to (`PublishedConfig.project`), unless
    /// `--project` names it; exits 64 when neither does.
    func project(of config: PublishedConfig, given: String?) throws -> String {
        if let given { return given }
        switch config.project {
        case .success(let project): return project
        case .failure(let problem):
            report([problem])
            throw Exit.usage
        }
    }

    /// Runs a step that writes files; a failure is reported and exits 74.
    func writing<T>(_ step: () throws -> T) throws -> T {
        try exitingOnFileError(.writeFailed, "cannot write", step)
    }

    /// Runs a step that reads files outside org.yaml; a failure is reported and exits 74.
    func reading<T>(_ step: () throws -> T) throws -> T {
        try exitingOnFileError(.unreadableFile, "cannot read", step)
    }

    private func exitingOnFileError<T>(_ code: DiagnosticCode, _ verb: String, _ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch let error as FileError {
            fail(code, "\(verb) \(error)")
            throw Exit.ioError
        }
    }

    /// A problem with no place in a file, such as an unreadable file or an unknown user.
    func fail(_ code: DiagnosticCode, _ message: String) {
        report([.error(code, message, at: nil)])
    }

    /// What follows from the problems above; not a problem of its own, so not counted.
    func note(_ code: DiagnosticCode, _ message: String) {
        report([Diagnostic(.note, code, message, at: nil)])
    }

    /// Tells the person why the run pauses: another run holds the lock on its target.
    func waitingForLock(_ message: String) {
        printer.write("orgprofile: \(message)\n")
    }

    func warn(_ code: DiagnosticCode, _ message: String) {
        report([.warning(code, message, at: nil)])
    }

    /// Prints diagnostics on standard error in the chosen format.
    func report(_ diagnostics: [Diagnostic]) {
        printer.print(diagnostics, format: format)
    }
}
