import ArgumentParser
import Foundation
import OrgProfileKit

extension DiagnosticFormat: ExpressibleByArgument {}

/// How every command reports diagnostics.
struct DiagnosticOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: text, json (one object per line) or github (workflow commands).", valueName: "format"))
    var diagnosticsFormat: DiagnosticFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false
}

/// The steps every command shares: reading org.yaml, printing diagnostics, loading
/// templates, and reporting problems that have no place in a file.
struct Frontend {
    let options: DiagnosticOptions

    /// Reads and analyses org.yaml, prints every diagnostic, and returns the model; exits 1
    /// when org.yaml has errors and 74 when it cannot be read.
    func analyze(_ path: String) throws -> (model: AccessModel, sourceName: String) {
        let source = try read(path)
        return (try analyze(source), Compiler.displayName(of: path))
    }

    func read(_ path: String) throws -> SourceFile {
        try reading { try SourceFile.read(path) }
    }

    func analyze(_ source: SourceFile) throws -> AccessModel {
        let analysis = Compiler.analyze(source, strict: options.strict)
        print(analysis.diagnostics)
        guard let model = analysis.model else { throw Exit.invalidInput }
        return model
    }

    func templates(_ directory: String?) throws -> TemplateSet {
        switch TemplateSet.load(overridesIn: directory) {
        case .success(let templates):
            return templates
        case .failure(let failure):
            print(failure.diagnostics)
            throw failure.isIOError ? Exit.ioError : Exit.invalidInput
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
        print([.error(code, message, at: nil)])
    }

    /// Tells the person why the run pauses: another run holds the lock on its target.
    func waitingForLock(_ message: String) {
        FileHandle.standardError.write(Data("orgprofile: \(message)\n".utf8))
    }

    func warn(_ code: DiagnosticCode, _ message: String) {
        print([.warning(code, message, at: nil)])
    }

    /// Prints diagnostics on standard error in the chosen format.
    func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(options.diagnosticsFormat.render(diagnostics).utf8))
    }
}

/// Standard output, and whether it is a terminal that shows colour.
enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
