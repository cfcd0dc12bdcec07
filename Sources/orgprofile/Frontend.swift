import ArgumentParser
import Foundation
import OrgProfileKit

/// The steps every command shares: reading org.yaml, printing diagnostics, loading templates.
enum Frontend {
    /// Reads and analyses org.yaml, prints every diagnostic, and returns the model; exits 1
    /// when org.yaml has errors and 74 when it cannot be read.
    static func analyze(_ path: String) throws -> (model: AccessModel, sourceName: String) {
        let source: SourceFile
        do {
            source = try SourceFile.read(path)
        } catch let error as FileError {
            fail("cannot read \(error)")
            throw Exit.ioError
        }
        let analysis = Compiler.analyze(source)
        DiagnosticPrinter.print(analysis.diagnostics)
        guard let model = analysis.model else { throw Exit.invalidInput }
        return (model, Compiler.displayName(of: path))
    }

    static func templates(_ directory: String?) throws -> TemplateSet {
        switch TemplateSet.load(overridesIn: directory) {
        case .success(let templates):
            return templates
        case .failure(let failure):
            DiagnosticPrinter.print(failure.diagnostics)
            throw failure.isIOError ? Exit.ioError : Exit.invalidInput
        }
    }

    /// `orgprofile: error: MESSAGE` on standard error, for problems with no place in a file.
    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("orgprofile: error: \(message)\n".utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("orgprofile: warning: \(message)\n".utf8))
    }
}

/// Prints diagnostics in the compiler format on standard error.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
